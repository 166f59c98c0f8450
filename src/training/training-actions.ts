/** Audit action names of training (the audit trail in README and the OpenAPI document); webhook event types too. */
export const TrainingAction = {
  RequirementUpdated: 'training_requirement.updated',
  /** One event per fan-out (per revision), with the count: never one per user. */
  AssignmentsCreated: 'assignment.created',
  /** One event per revision per run of the overdue job, with the count. */
  AssignmentsOverdue: 'assignment.overdue',
  /**
   * One event per closing statement, with the count: a document retired, a requirement
   * narrowed, or a user no longer covered (reason says which).
   */
  AssignmentsWithdrawn: 'assignment.withdrawn',
  AcknowledgementRecorded: 'acknowledgement.recorded',
} as const;

/** In-app notification types of training. */
export const TrainingNotification = {
  AssignmentCreated: 'assignment.created',
  OverdueDigest: 'assignment.overdue_digest',
  OverdueOwnerDigest: 'assignment.overdue_owner_digest',
} as const;
