import request from 'supertest';
import { api, TestApp } from './app';

export interface SetCookie {
  value: string;
  /** Attribute names lower-cased, e.g. { httponly: '', samesite: 'Strict', path: '/' }. */
  attrs: Record<string, string>;
}

/** The Set-Cookie headers of a response, by cookie name. */
export function setCookies(res: request.Response): Record<string, SetCookie> {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const out: Record<string, SetCookie> = {};
  for (const line of raw ?? []) {
    const [pair, ...attrs] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = {
      value: decodeURIComponent(pair.slice(eq + 1)),
      attrs: Object.fromEntries(
        attrs.map((a) => {
          const i = a.indexOf('=');
          return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
        }),
      ),
    };
  }
  return out;
}

export interface BrowserSession {
  session: string;
  csrf: string;
  /** The Cookie header a browser would send. */
  cookie: string;
}

export function signInBrowser(t: TestApp, email: string, password: string, from?: string) {
  const req = request(t.http).post(api('/auth/session'));
  return (from ? req.set('X-Forwarded-For', from) : req).send({ email, password });
}

/** Signs in through POST /auth/session (200 expected) and returns the cookies. */
export async function browserSession(
  t: TestApp,
  email: string,
  password: string,
): Promise<BrowserSession> {
  const res = await signInBrowser(t, email, password);
  if (res.status !== 200)
    throw new Error(`session ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  const c = setCookies(res);
  const session = c.praxis_session.value;
  const csrf = c.praxis_csrf.value;
  return { session, csrf, cookie: `praxis_session=${session}; praxis_csrf=${csrf}` };
}
