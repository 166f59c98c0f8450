/** Audit action names of document control (the audit trail in README and the OpenAPI document); webhook event types too. */
export const DocumentAction = {
  DocumentCreated: 'document.created',
  DocumentRetired: 'document.retired',
  DocumentReviewDue: 'document.review_due',
  RevisionCreated: 'revision.created',
  RevisionUpdated: 'revision.updated',
  RevisionSubmitted: 'revision.submitted',
  RevisionRejected: 'revision.rejected',
  RevisionApproved: 'revision.approved',
  RevisionEffective: 'revision.effective',
  RevisionSuperseded: 'revision.superseded',
  RevisionObsoleted: 'revision.obsoleted',
  SignatureApplied: 'signature.applied',
} as const;
