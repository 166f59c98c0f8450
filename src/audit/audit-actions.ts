/** Dotted audit action names (the OpenAPI document lists them). Webhook event types are these too. */
export const AuditAction = {
  AuthLogin: 'auth.login',
  AuthLoginFailed: 'auth.login_failed',
  AuthReauthFailed: 'auth.reauth_failed',
  UserCreated: 'user.created',
  UserUpdated: 'user.updated',
  DepartmentCreated: 'department.created',
  ApiKeyCreated: 'api_key.created',
  ApiKeyRevoked: 'api_key.revoked',
  SystemBootstrapped: 'system.bootstrapped',
  /** A signed checkpoint of the chain head (webhook subscribers keep it outside the database). */
  AuditCheckpoint: 'audit.checkpoint',
} as const;
export type AuditActionName = (typeof AuditAction)[keyof typeof AuditAction];
