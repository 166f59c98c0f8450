import { Role } from '../common/roles';

/** Everyone signed in but auditors (who write nothing) reads and acknowledges. */
export const ACKNOWLEDGING_ROLES: readonly Role[] = ['admin', 'quality_lead', 'approver', 'staff'];
/** Who sets training requirements. */
export const REQUIREMENT_WRITE_ROLES: readonly Role[] = ['admin', 'quality_lead'];
/** Who reads requirements and everybody's acknowledgements. */
export const TRAINING_READ_ALL_ROLES: readonly Role[] = ['admin', 'quality_lead', 'auditor'];
