import { conflict } from '../common/problem';
import { Role } from '../common/roles';

export const PROPOSAL_KINDS = [
  'improvement',
  'practice_deviation',
  'error',
  'new_procedure',
] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_STATUSES = [
  'submitted',
  'under_review',
  'accepted',
  'rejected',
  'implemented',
  'closed',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * The proposal lifecycle, as data: every status change goes through
 * assertProposalTransition, and a refused one names what is allowed.
 *   submitted → under_review (triage) | withdrawn (by the submitter)
 *   under_review → accepted | rejected (with a comment) | withdrawn (by the submitter)
 *   accepted → implemented (by hand, or when a linked revision becomes effective)
 *   implemented → closed; rejected → closed
 */
export const PROPOSAL_TRANSITIONS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  submitted: ['under_review', 'withdrawn'],
  under_review: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['implemented'],
  rejected: ['closed'],
  implemented: ['closed'],
  closed: [],
  withdrawn: [],
};

/** Still waiting for a decision: these count as overdue past their triage date. */
export const OPEN_STATUSES: readonly ProposalStatus[] = ['submitted', 'under_review'];

/** The states a proposal can reach `to` from, read off the table. */
export function proposalSourcesOf(to: ProposalStatus): ProposalStatus[] {
  return PROPOSAL_STATUSES.filter((from) => PROPOSAL_TRANSITIONS[from].includes(to));
}

export function assertProposalTransition(from: ProposalStatus, to: ProposalStatus): void {
  if (PROPOSAL_TRANSITIONS[from].includes(to)) return;
  const allowed = PROPOSAL_TRANSITIONS[from];
  throw conflict(
    'invalid-transition',
    `Cannot move the proposal to ${to}: it is ${from}` +
      (allowed.length
        ? `; from ${from} it can only become ${allowed.join(' or ')}`
        : '; it is final'),
  );
}

/** Roles that see every proposal. */
export const PROPOSAL_READ_ALL_ROLES: readonly Role[] = ['admin', 'quality_lead', 'auditor'];
/** Roles that may raise proposals and comment (everyone signed in but auditors). */
export const PROPOSAL_WRITE_ROLES: readonly Role[] = ['admin', 'quality_lead', 'approver', 'staff'];
/** Roles that triage: every transition but withdraw. */
export const TRIAGE_ROLES: readonly Role[] = ['admin', 'quality_lead'];

/**
 * The steps a caller may take from `status`, read off the table: withdraw is the
 * submitter's, every other step is triage.
 */
export function transitionsFor(
  status: ProposalStatus,
  caller: { roles: readonly Role[]; isSubmitter: boolean },
): ProposalStatus[] {
  const writes = caller.roles.some((r) => PROPOSAL_WRITE_ROLES.includes(r));
  const triages = caller.roles.some((r) => TRIAGE_ROLES.includes(r));
  return PROPOSAL_TRANSITIONS[status].filter((to) =>
    to === 'withdrawn' ? writes && caller.isSubmitter : triages,
  );
}
