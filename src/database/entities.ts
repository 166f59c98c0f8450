import { ApiKey } from '../auth/api-key.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Department } from '../users/department.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [User, Department, ApiKey, AuditEvent];
