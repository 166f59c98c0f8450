import { ProblemException } from '../common/problem';
import { assertRevisionTransition, REVISION_STATUSES, REVISION_TRANSITIONS } from './lifecycle';

describe('revision lifecycle table', () => {
  const allowed = new Set(
    Object.entries(REVISION_TRANSITIONS).flatMap(([from, tos]) =>
      tos.map((to) => `${from}->${to}`),
    ),
  );

  it('is exactly the documented revision lifecycle', () => {
    expect([...allowed].sort()).toEqual(
      [
        'draft->in_review',
        'draft->obsolete',
        'in_review->draft',
        'in_review->approved',
        'in_review->obsolete',
        'approved->effective',
        'approved->obsolete',
        'effective->superseded',
        'effective->obsolete',
      ].sort(),
    );
  });

  it.each(REVISION_STATUSES.flatMap((from) => REVISION_STATUSES.map((to) => [from, to] as const)))(
    '%s -> %s is refused with 409 unless listed',
    (from, to) => {
      const run = () => assertRevisionTransition(from, to, 'test');
      if (allowed.has(`${from}->${to}`)) {
        expect(run).not.toThrow();
      } else {
        try {
          run();
          throw new Error('expected a refusal');
        } catch (err) {
          expect(err).toBeInstanceOf(ProblemException);
          expect((err as ProblemException).getStatus()).toBe(409);
          expect((err as ProblemException).message).toContain(`revision is ${from}`);
        }
      }
    },
  );
});
