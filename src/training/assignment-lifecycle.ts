export const ASSIGNMENT_STATUSES = ['pending', 'overdue', 'done', 'superseded'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * The assignment lifecycle, as data. Every change is a set-based UPDATE, so the
 * table is read as "which states may a row be in to move to X" (assignmentSourcesOf),
 * and those lists go into the statements' WHERE clauses.
 *   pending → overdue (past due, the scheduled job) | done (acknowledged) | superseded
 *   overdue → done | superseded
 *   done, superseded: final
 */
export const ASSIGNMENT_TRANSITIONS: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  pending: ['overdue', 'done', 'superseded'],
  overdue: ['done', 'superseded'],
  done: [],
  superseded: [],
};

/** The states an assignment can reach `to` from, read off the table. */
export function assignmentSourcesOf(to: AssignmentStatus): AssignmentStatus[] {
  return ASSIGNMENT_STATUSES.filter((from) => ASSIGNMENT_TRANSITIONS[from].includes(to));
}

/** Still to be read: pending or overdue. */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = assignmentSourcesOf('done');
