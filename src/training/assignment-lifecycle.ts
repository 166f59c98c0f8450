export const ASSIGNMENT_STATUSES = [
  'pending',
  'overdue',
  'done',
  'superseded',
  'withdrawn',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * The assignment lifecycle, as data. Every change is a set-based UPDATE, so the
 * table is read as "which states may a row be in to move to X" (assignmentSourcesOf),
 * and those lists go into the statements' WHERE clauses.
 *   pending → overdue (past due, the scheduled job) | done (acknowledged) | superseded
 *             | withdrawn (no longer required: the document was retired, or the
 *               requirement no longer covers the user)
 *   overdue → done | superseded | withdrawn
 *   withdrawn → pending (covered again: the fan-out reopens the row, its ON CONFLICT clause)
 *   done, superseded: final
 */
export const ASSIGNMENT_TRANSITIONS: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  pending: ['overdue', 'done', 'superseded', 'withdrawn'],
  overdue: ['done', 'superseded', 'withdrawn'],
  done: [],
  superseded: [],
  withdrawn: ['pending'],
};

/** The states an assignment can reach `to` from, read off the table. */
export function assignmentSourcesOf(to: AssignmentStatus): AssignmentStatus[] {
  return ASSIGNMENT_STATUSES.filter((from) => ASSIGNMENT_TRANSITIONS[from].includes(to));
}

/** Still to be read: pending or overdue. */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = assignmentSourcesOf('done');

/**
 * What a user is shown of their own assignments (GET /me/assignments). Withdrawn ones
 * were taken back, so for the reader they are as if never given.
 */
export const LISTED_ASSIGNMENT_STATUSES = ASSIGNMENT_STATUSES.filter(
  (s): s is Exclude<AssignmentStatus, 'withdrawn'> => s !== 'withdrawn',
);
export type ListedAssignmentStatus = (typeof LISTED_ASSIGNMENT_STATUSES)[number];
