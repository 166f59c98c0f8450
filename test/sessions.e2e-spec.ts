import request from 'supertest';
import { ADMIN_EMAIL, api, createTestApp, PASSWORD, TestApp } from './helpers/app';
import { adminToken, createUser, patchUser } from './helpers/factories';
import { BrowserSession, browserSession, setCookies, signInBrowser } from './helpers/sessions';

const PROBLEM = /^application\/problem\+json/;

interface AuditEvent {
  action: string;
  actorType: string;
  actorId: string | null;
  entityId: string | null;
  data: Record<string, unknown>;
}

describe('browser sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      trustProxy: true,
      login: { maxPerAccount: 3, maxPerAddress: 100, windowSeconds: 900 },
    });
  });
  afterAll(() => t.close());

  const me = (s: BrowserSession) => request(t.http).get(api('/auth/me')).set('Cookie', s.cookie);
  const createKey = (s: BrowserSession, csrf?: string) => {
    const req = request(t.http).post(api('/api-keys')).set('Cookie', s.cookie);
    return (csrf === undefined ? req : req.set('X-CSRF-Token', csrf)).send({ name: 'script' });
  };
  const keyCount = async (userId: string) =>
    (
      await t.ds.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM api_keys WHERE user_id = $1',
        [userId],
      )
    )[0].n;
  async function audit(query: Record<string, string>): Promise<AuditEvent[]> {
    const res = await request(t.http)
      .get(api('/audit-events'))
      .query({ limit: 200, ...query })
      .set('Authorization', `Bearer ${await adminToken(t)}`);
    expect(res.status).toBe(200);
    return (res.body as { items: AuditEvent[] }).items;
  }

  it('signs in with the user and sets an HttpOnly session cookie and a readable CSRF cookie', async () => {
    const u = await createUser(t);
    const res = await signInBrowser(t, u.email, PASSWORD);
    expect(res.status).toBe(200);
    const who = await request(t.http)
      .get(api('/auth/me'))
      .set('Authorization', `Bearer ${u.token}`);
    expect(res.body).toEqual({ user: who.body });
    expect(JSON.stringify(res.body)).not.toMatch(/\$argon2|password(?!MustChange)|praxis_session/i);

    const c = setCookies(res);
    expect(c.praxis_session.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(c.praxis_session.attrs).toMatchObject({ httponly: '', samesite: 'Strict', path: '/' });
    expect(c.praxis_session.attrs).not.toHaveProperty('secure'); // PUBLIC_URL is http here
    expect(c.praxis_csrf.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(c.praxis_csrf.attrs).toMatchObject({ samesite: 'Strict', path: '/' });
    expect(c.praxis_csrf.attrs).not.toHaveProperty('httponly');
    // only a hash of the token is stored
    const rows = await t.ds.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM sessions WHERE user_id = $1',
      [u.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(c.praxis_session.value);
  });

  it('authenticates GET /auth/me and other routes with the cookie alone', async () => {
    const u = await createUser(t);
    const s = await browserSession(t, u.email, PASSWORD);
    const res = await me(s);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.id, email: u.email });
    expect((await request(t.http).get(api('/api-keys')).set('Cookie', s.cookie)).status).toBe(200);
    // a made-up session token is no one
    const forged = await request(t.http)
      .get(api('/auth/me'))
      .set('Cookie', `praxis_session=${'A'.repeat(43)}`);
    expect(forged.status).toBe(401);
  });

  it('refuses a cookie write without the CSRF token (403, nothing changes) and accepts it with', async () => {
    const u = await createUser(t);
    const s = await browserSession(t, u.email, PASSWORD);
    for (const csrf of [undefined, '', 'wrong', s.csrf.slice(0, -1) + 'x']) {
      const res = await createKey(s, csrf);
      expect({ csrf, status: res.status }).toEqual({ csrf, status: 403 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    // a CSRF cookie and header of an attacker's choosing do not match this session
    const planted = await request(t.http)
      .post(api('/api-keys'))
      .set('Cookie', `praxis_session=${s.session}; praxis_csrf=planted`)
      .set('X-CSRF-Token', 'planted')
      .send({ name: 'script' });
    expect(planted.status).toBe(403);
    // nor does the right token in the header when the cookie is missing
    const noCookie = await request(t.http)
      .post(api('/api-keys'))
      .set('Cookie', `praxis_session=${s.session}`)
      .set('X-CSRF-Token', s.csrf)
      .send({ name: 'script' });
    expect(noCookie.status).toBe(403);
    expect(await keyCount(u.id)).toBe(0);

    expect((await createKey(s, s.csrf)).status).toBe(201);
    expect(await keyCount(u.id)).toBe(1);
    // bearer tokens need no CSRF token
    const bearer = await request(t.http)
      .post(api('/api-keys'))
      .set('Authorization', `Bearer ${u.token}`)
      .send({ name: 'script' });
    expect(bearer.status).toBe(201);
  });

  it('ends a session that was idle too long or is past its absolute lifetime', async () => {
    const u = await createUser(t);
    const [idle, old, fresh] = [
      await browserSession(t, u.email, PASSWORD),
      await browserSession(t, u.email, PASSWORD),
      await browserSession(t, u.email, PASSWORD),
    ];
    const move = (s: BrowserSession, set: string) =>
      t.ds.query(
        `UPDATE sessions SET ${set} WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
        [s.session],
      );
    await move(idle, `last_seen_at = now() - interval '31 minutes'`);
    await move(old, `created_at = now() - interval '12 hours 1 minute'`);
    await move(fresh, `last_seen_at = now() - interval '29 minutes'`);
    expect((await me(idle)).status).toBe(401);
    expect((await me(old)).status).toBe(401);
    expect((await me(fresh)).status).toBe(200);
    // that request counted as activity: the idle clock starts again
    const [row] = await t.ds.query<{ idle: number }[]>(
      `SELECT extract(epoch FROM now() - last_seen_at)::int AS idle FROM sessions
        WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [fresh.session],
    );
    expect(row.idle).toBeLessThan(60);
  });

  it('signs out: 204, clears both cookies, and the session is over', async () => {
    const u = await createUser(t);
    const s = await browserSession(t, u.email, PASSWORD);
    const other = await browserSession(t, u.email, PASSWORD);
    const noCsrf = await request(t.http).delete(api('/auth/session')).set('Cookie', s.cookie);
    expect(noCsrf.status).toBe(403);
    expect((await me(s)).status).toBe(200);

    const res = await request(t.http)
      .delete(api('/auth/session'))
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf);
    expect(res.status).toBe(204);
    const c = setCookies(res);
    for (const name of ['praxis_session', 'praxis_csrf']) {
      expect(c[name].value).toBe('');
      expect(new Date(c[name].attrs.expires).getTime()).toBeLessThan(Date.now());
    }
    expect((await me(s)).status).toBe(401);
    expect((await me(other)).status).toBe(200); // only this browser signed out
    expect(await audit({ action: 'auth.logout', entityId: u.id })).toHaveLength(1);
  });

  it('ends a user’s open sessions when they are deactivated, and re-activation does not revive them', async () => {
    const u = await createUser(t);
    const s = await browserSession(t, u.email, PASSWORD);
    expect((await me(s)).status).toBe(200);
    await patchUser(t, u.id, { active: false });
    expect((await me(s)).status).toBe(401);
    await patchUser(t, u.id, { active: true });
    expect((await me(s)).status).toBe(401);
    expect((await me(await browserSession(t, u.email, PASSWORD))).status).toBe(200);
  });

  it('ends every session and bearer token on a password change', async () => {
    const u = await createUser(t);
    const [s, other] = [
      await browserSession(t, u.email, PASSWORD),
      await browserSession(t, u.email, PASSWORD),
    ];
    const NEW = 'a brand new passphrase';
    const res = await request(t.http)
      .post(api('/auth/password'))
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf)
      .send({ currentPassword: PASSWORD, newPassword: NEW });
    expect(res.status).toBe(204);
    expect(setCookies(res).praxis_session.value).toBe('');
    expect((await me(s)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
    const bearer = await request(t.http)
      .get(api('/auth/me'))
      .set('Authorization', `Bearer ${u.token}`);
    expect(bearer.status).toBe(401);
    expect((await signInBrowser(t, u.email, PASSWORD)).status).toBe(401);
    expect((await me(await browserSession(t, u.email, NEW))).status).toBe(200);
  });

  it('answers a wrong password with 401, no cookie, and an auth.login_failed event', async () => {
    const u = await createUser(t);
    const res = await signInBrowser(t, u.email, 'not the password', '192.0.2.77');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers['set-cookie']).toBeUndefined();
    const failed = await audit({ action: 'auth.login_failed', entityId: u.id });
    expect(failed).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          email: u.email,
          address: '192.0.2.77',
          reason: 'wrong_password',
        }),
      }),
    ]);
    expect(JSON.stringify(failed)).not.toContain('not the password');
    const ok = await signInBrowser(t, u.email, PASSWORD);
    expect(ok.status).toBe(200);
    expect(await audit({ action: 'auth.login', entityId: u.id })).toHaveLength(2); // createUser's too
  });

  it('counts session sign-ins against the same limits as /auth/login', async () => {
    const u = await createUser(t);
    const from = '192.0.2.88';
    const wrong = (via: 'login' | 'session') =>
      request(t.http)
        .post(api(`/auth/${via}`))
        .set('X-Forwarded-For', from)
        .send({ email: u.email, password: 'wrong-wrong-wrong' });
    expect((await wrong('login')).status).toBe(401);
    expect((await wrong('session')).status).toBe(401);
    expect((await wrong('session')).status).toBe(401);
    const refused = await signInBrowser(t, u.email, PASSWORD, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['set-cookie']).toBeUndefined();
    const viaLogin = await request(t.http)
      .post(api('/auth/login'))
      .set('X-Forwarded-For', from)
      .send({ email: u.email, password: PASSWORD });
    expect(viaLogin.status).toBe(429);
  });

  it('refuses a malformed sign-in body with 400', async () => {
    const res = await request(t.http).post(api('/auth/session')).send({ email: ADMIN_EMAIL });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });
});

describe('browser sessions behind https', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ publicUrl: 'https://praxis.example' })));
  afterAll(() => t.close());

  it('marks both cookies Secure', async () => {
    const res = await signInBrowser(t, ADMIN_EMAIL, PASSWORD);
    expect(res.status).toBe(200);
    const c = setCookies(res);
    expect(c.praxis_session.attrs).toHaveProperty('secure');
    expect(c.praxis_csrf.attrs).toHaveProperty('secure');
  });
});
