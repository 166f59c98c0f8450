/** Audit action names of improvement proposals (the audit trail in README and the OpenAPI document); webhook event types too. */
export const ProposalAction = {
  Created: 'proposal.created',
  Transitioned: 'proposal.transitioned',
  Commented: 'proposal.commented',
  Assigned: 'proposal.assigned',
} as const;
