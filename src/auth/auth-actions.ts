/** Audit action names of sign-in and credentials (the audit trail in README and the OpenAPI document); webhook event types too. */
export const AuthAction = {
  AccountAttackSuspected: 'auth.account_attack_suspected',
  PasswordChanged: 'auth.password_changed',
  /** An admin set another user's password (POST /users/:id/password). */
  PasswordReset: 'auth.password_reset',
  SignedOut: 'auth.logout',
  SignedOutEverywhere: 'auth.signed_out_everywhere',
} as const;

/** The in-app notification administrators get when an account is under attack. */
export const ACCOUNT_ATTACK_NOTIFICATION = 'auth.account_attack_suspected';
