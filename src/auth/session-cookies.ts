import { parse, serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/config';

/** The session token: HttpOnly, never readable by scripts. */
export const SESSION_COOKIE = 'praxis_session';
/** The CSRF token: readable by the web app, which echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = 'praxis_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Parsed here only, when a session is tried: no cookie parsing on every request. */
export function readSessionCookies(req: FastifyRequest): { session?: string; csrf?: string } {
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

/** Appends one Set-Cookie (Fastify keeps every value of the header). */
const setCookie = (res: FastifyReply, name: string, value: string, options: object) =>
  res.header('Set-Cookie', serialize(name, value, options));

/** Max-Age and Expires both, byte for byte as Express's res.cookie wrote them. */
export function setSessionCookies(
  res: FastifyReply,
  config: AppConfig,
  tokens: { token: string; csrf: string },
): void {
  const seconds = config.session.maxHours * 3600;
  const expires = new Date(Date.now() + seconds * 1000);
  const lifetime = { maxAge: seconds, expires };
  setCookie(res, SESSION_COOKIE, tokens.token, {
    ...lifetime,
    ...attributes(config),
    httpOnly: true,
  });
  setCookie(res, CSRF_COOKIE, tokens.csrf, { ...lifetime, ...attributes(config), httpOnly: false });
}

/** Expired at once (Expires in 1970, no Max-Age), as Express's res.clearCookie wrote them. */
export function clearSessionCookies(res: FastifyReply, config: AppConfig): void {
  const expired = { expires: new Date(1) };
  setCookie(res, SESSION_COOKIE, '', { ...expired, ...attributes(config), httpOnly: true });
  setCookie(res, CSRF_COOKIE, '', { ...expired, ...attributes(config), httpOnly: false });
}
