import { Role } from '../common/roles';

/** The demo organisation: a small customer-service company. Everyone signs in with DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_DEPARTMENTS = [
  { code: 'QA', name: 'Quality Assurance' },
  { code: 'CS', name: 'Customer Service' },
  { code: 'OPS', name: 'Operations' },
  { code: 'HR', name: 'People & Training' },
] as const;

export const DEMO_USERS: { email: string; name: string; roles: Role[]; departments: string[] }[] = [
  { email: 'admin@demo.local', name: 'Ada Admin', roles: ['admin'], departments: [] },
  { email: 'lead@demo.local', name: 'Quinn Quality', roles: ['quality_lead'], departments: ['QA'] },
  {
    email: 'approver@demo.local',
    name: 'Avery Approver',
    roles: ['approver'],
    departments: ['CS'],
  },
  { email: 'staff@demo.local', name: 'Sam Staff', roles: ['staff'], departments: ['CS'] },
  { email: 'auditor@demo.local', name: 'Alex Auditor', roles: ['auditor'], departments: [] },
];
