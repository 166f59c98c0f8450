import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { toApiError } from './problem';

/** The CSRF cookie the service sets beside the HttpOnly session cookie (double submit). */
export const CSRF_COOKIE = 'praxis_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();
/** Called when a read answers 401: the session ended (timeout, sign-out elsewhere). */
export function sessionEnded(): void {
  sessionEndedListeners.forEach((fn) => fn());
}
export function onSessionEnded(fn: Listener): () => void {
  sessionEndedListeners.add(fn);
  return () => sessionEndedListeners.delete(fn);
}

const middleware: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method)) {
      const token = csrfToken();
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
  async onResponse({ request, response }) {
    if (response.ok) return response;
    // A 401 on a write can mean "the password you re-entered is wrong": the caller shows it.
    if (response.status === 401 && request.method === 'GET')
      sessionEndedListeners.forEach((fn) => fn());
    throw await toApiError(response);
  },
};

/** The typed client of the public API (types generated from the service's OpenAPI document). */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
});
api.use(middleware);

/** For answers that are not JSON (rendered HTML, redlines). */
export async function getText(path: string): Promise<string> {
  const res = await fetch(`/api/v1${path}`, { credentials: 'same-origin' });
  if (!res.ok) {
    if (res.status === 401) sessionEndedListeners.forEach((fn) => fn());
    throw await toApiError(res);
  }
  return res.text();
}

/** Unwraps openapi-fetch's { data } (errors were thrown by the middleware). */
export function data<T>(result: { data?: T }): T {
  return result.data as T;
}
