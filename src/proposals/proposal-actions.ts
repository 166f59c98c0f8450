/** Audit action names of improvement proposals (API.md); webhook event types too. */
export const ProposalAction = {
  Created: 'proposal.created',
  Transitioned: 'proposal.transitioned',
  Commented: 'proposal.commented',
  Assigned: 'proposal.assigned',
} as const;
