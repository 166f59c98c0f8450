import { parse } from 'cookie';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/config';

/** The session token: HttpOnly, never readable by scripts. */
export const SESSION_COOKIE = 'praxis_session';
/** The CSRF token: readable by the web app, which echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = 'praxis_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export function readSessionCookies(req: Request): { session?: string; csrf?: string } {
  const header = req.headers.cookie;
  if (!header) return {};
  const cookies = parse(header);
  return { session: cookies[SESSION_COOKIE], csrf: cookies[CSRF_COOKIE] };
}

const attributes = (config: AppConfig) => ({
  sameSite: 'strict' as const,
  path: '/',
  // Browsers drop Secure cookies on plain http, so only when the service is served over https.
  secure: config.publicUrl.startsWith('https:'),
});

export function setSessionCookies(
  res: Response,
  config: AppConfig,
  tokens: { token: string; csrf: string },
): void {
  const maxAge = config.session.maxHours * 3600 * 1000;
  res.cookie(SESSION_COOKIE, tokens.token, { ...attributes(config), httpOnly: true, maxAge });
  res.cookie(CSRF_COOKIE, tokens.csrf, { ...attributes(config), httpOnly: false, maxAge });
}

export function clearSessionCookies(res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, { ...attributes(config), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { ...attributes(config), httpOnly: false });
}
