export const ROLES = ['admin', 'quality_lead', 'approver', 'staff', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Any signed-in user, whatever their role. */
export const ANY_ROLE: readonly Role[] = ROLES;
