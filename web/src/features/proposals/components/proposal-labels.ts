import type { ProposalKind, ProposalStatus } from '../queries/proposals-query';

export const STATUS_LABEL: Record<ProposalStatus, string> = {
  submitted: 'Submitted',
  under_review: 'Under review',
  accepted: 'Accepted',
  rejected: 'Rejected',
  implemented: 'Implemented',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

/** A transition's button is named by its target, as the people who triage say it. */
export const TRANSITION_LABEL: Record<ProposalStatus, string> = {
  submitted: 'Submitted',
  under_review: 'Under review',
  accepted: 'Accept',
  rejected: 'Reject',
  implemented: 'Implemented',
  closed: 'Close',
  withdrawn: 'Withdraw',
};

export const KIND_LABEL: Record<ProposalKind, string> = {
  improvement: 'Improvement',
  practice_deviation: 'Practice deviation',
  error: 'Error',
  new_procedure: 'New procedure',
};

/** The board's columns, in the order work flows; the finished ones are folded away. */
export const OPEN_COLUMNS: ProposalStatus[] = [
  'submitted',
  'under_review',
  'accepted',
  'implemented',
];
export const FINISHED: ProposalStatus[] = ['rejected', 'withdrawn', 'closed'];

/** A tone for the status pill (reuses the app's status-* colours). */
export function statusTone(s: ProposalStatus): string {
  if (s === 'rejected') return 'status-danger';
  if (s === 'accepted' || s === 'implemented') return 'status-effective';
  if (s === 'submitted' || s === 'under_review') return 'status-in_review';
  return 'status-superseded';
}
