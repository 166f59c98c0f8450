import { Role } from './roles';

/** Who is acting: a signed-in user, or an API key acting as its user, or the system itself. */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
}

export interface Principal {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  apiKeyId: string | null;
  /** Set when the caller came with a session cookie: writes then need the CSRF token. */
  sessionId?: string | null;
  actor: Actor;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

export function hasAnyRole(p: Principal, roles: readonly Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}
