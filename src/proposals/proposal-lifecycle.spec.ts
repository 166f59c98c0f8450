import { ProblemException } from '../common/problem';
import {
  assertProposalTransition,
  PROPOSAL_STATUSES,
  PROPOSAL_TRANSITIONS,
  proposalSourcesOf,
  transitionsFor,
} from './proposal-lifecycle';

describe('proposal lifecycle table', () => {
  const allowed = new Set(
    Object.entries(PROPOSAL_TRANSITIONS).flatMap(([from, tos]) =>
      tos.map((to) => `${from}->${to}`),
    ),
  );

  it('is exactly the documented lifecycle (the OpenAPI description of transitions)', () => {
    expect([...allowed].sort()).toEqual(
      [
        'submitted->under_review',
        'submitted->withdrawn',
        'under_review->accepted',
        'under_review->rejected',
        'under_review->withdrawn',
        'accepted->implemented',
        'implemented->closed',
        'rejected->closed',
      ].sort(),
    );
  });

  it('reads the sources of a state off the table', () => {
    expect(proposalSourcesOf('implemented')).toEqual(['accepted']);
    expect(proposalSourcesOf('withdrawn')).toEqual(['submitted', 'under_review']);
    expect(proposalSourcesOf('closed')).toEqual(['rejected', 'implemented']);
    expect(proposalSourcesOf('submitted')).toEqual([]);
  });

  it.each(PROPOSAL_STATUSES.flatMap((from) => PROPOSAL_STATUSES.map((to) => [from, to] as const)))(
    '%s -> %s is refused with 409 naming the allowed ones unless listed',
    (from, to) => {
      const run = () => assertProposalTransition(from, to);
      if (allowed.has(`${from}->${to}`)) {
        expect(run).not.toThrow();
        return;
      }
      const err = (() => {
        try {
          run();
        } catch (e) {
          return e;
        }
        throw new Error('expected a refusal');
      })();
      expect(err).toBeInstanceOf(ProblemException);
      expect((err as ProblemException).getStatus()).toBe(409);
      const message = (err as ProblemException).message;
      expect(message).toContain(`it is ${from}`);
      const targets = PROPOSAL_TRANSITIONS[from];
      if (targets.length) expect(message).toContain(`can only become ${targets.join(' or ')}`);
      else expect(message).toContain('it is final');
    },
  );

  it('offers each caller only the steps they may take', () => {
    const lead = { roles: ['quality_lead' as const], isSubmitter: false };
    const staff = { roles: ['staff' as const], isSubmitter: true };
    const auditor = { roles: ['auditor' as const], isSubmitter: false };
    expect(transitionsFor('submitted', lead)).toEqual(['under_review']);
    expect(transitionsFor('submitted', { ...lead, isSubmitter: true })).toEqual([
      'under_review',
      'withdrawn',
    ]);
    expect(transitionsFor('under_review', lead)).toEqual(['accepted', 'rejected']);
    expect(transitionsFor('under_review', staff)).toEqual(['withdrawn']);
    expect(transitionsFor('under_review', { ...staff, isSubmitter: false })).toEqual([]);
    expect(transitionsFor('accepted', staff)).toEqual([]);
    expect(transitionsFor('accepted', lead)).toEqual(['implemented']);
    for (const status of PROPOSAL_STATUSES) expect(transitionsFor(status, auditor)).toEqual([]);
    expect(transitionsFor('closed', { roles: ['admin'], isSubmitter: true })).toEqual([]);
  });
});
