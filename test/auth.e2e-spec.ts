import { JwtService } from '@nestjs/jwt';
import { Strategy as JwtStrategyBase } from 'passport-jwt';
import request from 'supertest';
import { AuthService } from '../src/auth/auth.service';
import { ReauthService } from '../src/auth/reauth.service';
import { ADMIN_EMAIL, api, createTestApp, PASSWORD, TestApp } from './helpers/app';
import { adminToken, createDepartment, createUser } from './helpers/factories';

interface AuditEvent {
  actorType: string;
  actorId: string | null;
  action: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

const PROBLEM = /^application\/problem\+json/;

/** `from` is the client address, as a proxy would pass it (needs trustProxy). */
const signIn = (t: TestApp, email: string, password: string, from?: string) => {
  const req = request(t.http).post(api('/auth/login'));
  return (from ? req.set('X-Forwarded-For', from) : req).send({ email, password });
};
const me = (t: TestApp, token: string) =>
  request(t.http).get(api('/auth/me')).set('Authorization', `Bearer ${token}`);

async function audit(t: TestApp, query: Record<string, string>): Promise<AuditEvent[]> {
  const res = await request(t.http)
    .get(api('/audit-events'))
    .query({ limit: 200, ...query })
    .set('Authorization', `Bearer ${await adminToken(t)}`);
  expect(res.status).toBe(200);
  return (res.body as { items: AuditEvent[] }).items;
}

/** A 429 problem with a whole number of seconds to wait, within the window. */
function expectThrottled(res: request.Response, windowSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({
    status: 429,
    type: expect.any(String),
    detail: expect.any(String),
  });
  const wait = Number(res.headers['retry-after']);
  expect(Number.isInteger(wait)).toBe(true);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(windowSeconds);
}

describe('sign-in and identity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      login: { maxPerAccount: 5, maxPerAddress: 1000, windowSeconds: 900 },
    });
  });
  afterAll(() => t.close());

  it('returns a bearer token and the user, and nothing secret', async () => {
    const res = await signIn(t, ADMIN_EMAIL, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
      user: { id: expect.any(String), email: ADMIN_EMAIL, roles: ['admin'], active: true },
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/\$argon2|password(?!MustChange)/i);
    const who = await me(t, res.body.accessToken);
    expect(who.status).toBe(200);
    expect(who.body.id).toBe(res.body.user.id);
  });

  it('GET /auth/me describes the caller, and needs authentication', async () => {
    const dept = await createDepartment(t);
    const u = await createUser(t, { roles: ['approver', 'staff'], departmentIds: [dept.id] });
    const res = await me(t, u.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: u.id,
      email: u.email,
      name: u.name,
      roles: ['approver', 'staff'],
      departmentIds: [dept.id],
      active: true,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/\$argon2|password(?!MustChange)/i);

    const anonymous = await request(t.http).get(api('/auth/me'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers an unknown e-mail exactly as a wrong password', async () => {
    const u = await createUser(t);
    const wrong = await signIn(t, u.email, 'not the password at all');
    const unknown = await signIn(t, 'nobody-here@test.local', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(PROBLEM);
    expect(unknown.status).toBe(401);
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each([
    ['no fields', {}, ['email', 'password']],
    ['a malformed e-mail', { email: 'not-an-email', password: PASSWORD }, ['email']],
    ['a numeric password', { email: ADMIN_EMAIL, password: 12345 }, ['password']],
    ['an empty password', { email: ADMIN_EMAIL, password: '' }, ['password']],
    ['an unknown field', { email: ADMIN_EMAIL, password: PASSWORD, admin: true }, ['admin']],
  ])('refuses a body with %s: 400 with errors[]', async (_, body, fields) => {
    const res = await request(t.http).post(api('/auth/login')).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    const named = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect([...new Set(named)].sort()).toEqual(fields);
  });

  it('refuses a body that is not an object with 400', async () => {
    const res = await request(t.http).post(api('/auth/login')).send([ADMIN_EMAIL, PASSWORD]);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('matches the e-mail whatever its case and surrounding spaces', async () => {
    const res = await signIn(t, '  Admin@TEST.Local ', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(ADMIN_EMAIL);
  });

  it('audits each success and each failure, never with the password tried', async () => {
    const u = await createUser(t); // signs in once
    await signIn(t, u.email, 'wrong-password-for-audit');
    await signIn(t, 'ghost-audit@test.local', 'wrong-password-for-audit');

    const ok = await audit(t, { action: 'auth.login', entityId: u.id });
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ actorType: 'user', actorId: u.id });

    const failed = await audit(t, { action: 'auth.login_failed' });
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityId: u.id,
          data: expect.objectContaining({ email: u.email, reason: 'wrong_password' }),
        }),
        expect.objectContaining({
          entityId: null,
          data: expect.objectContaining({
            email: 'ghost-audit@test.local',
            reason: 'unknown_email',
          }),
        }),
      ]),
    );
    expect(JSON.stringify(failed)).not.toContain('wrong-password-for-audit');
  });

  it('a deactivated user cannot sign in, and their token stops working at once', async () => {
    const u = await createUser(t);
    const setActive = (active: boolean) =>
      adminToken(t).then((admin) =>
        request(t.http)
          .patch(api(`/users/${u.id}`))
          .set('Authorization', `Bearer ${admin}`)
          .send({ active }),
      );
    expect((await me(t, u.token)).status).toBe(200);
    expect((await setActive(false)).status).toBe(200);

    expect((await me(t, u.token)).status).toBe(401);
    const refused = await signIn(t, u.email, PASSWORD);
    const unknown = await signIn(t, 'nobody-here@test.local', PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(unknown.body); // does not reveal that the account exists
    const [event] = await audit(t, { action: 'auth.login_failed', entityId: u.id });
    expect(event.data).toMatchObject({ reason: 'inactive' });

    // Re-activation revives no old token: the user signs in afresh.
    expect((await setActive(true)).status).toBe(200);
    expect((await me(t, u.token)).status).toBe(401);
    const again = await signIn(t, u.email, PASSWORD);
    expect(again.status).toBe(200);
    expect((await me(t, again.body.accessToken)).status).toBe(200);
  });

  describe('bearer tokens', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    let jwt: JwtService;
    let staffId: string;
    let adminId: string;
    let staffToken: string;
    beforeAll(async () => {
      jwt = t.app.get(JwtService);
      const staff = await createUser(t);
      [staffId, staffToken] = [staff.id, staff.token];
      adminId = (await me(t, await adminToken(t))).body.id;
    });

    it('accepts a token the app signed (the control for the cases below)', async () => {
      expect((await me(t, jwt.sign({ sub: staffId }, { expiresIn: 60 }))).status).toBe(200);
    });

    it('refuses a token whose payload was altered', async () => {
      const [head, payload, sig] = staffToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
      const forged = [head, b64({ ...claims, sub: adminId }), sig].join('.');
      const res = await me(t, forged);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('refuses a token signed with another secret', async () => {
      const other = new JwtService({ secret: 'another-secret-that-is-long-enough-987654' });
      expect((await me(t, other.sign({ sub: staffId }))).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      expect((await me(t, jwt.sign({ sub: staffId }, { expiresIn: -10 }))).status).toBe(401);
    });

    it('refuses a token it accepted before once the token expires (its signature was checked once)', async () => {
      const exp = Math.floor(Date.now() / 1000) + 1;
      const token = jwt.sign({ sub: staffId, exp });
      expect((await me(t, token)).status).toBe(200);
      expect((await me(t, token)).status).toBe(200);
      await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
      const res = await me(t, token);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('checks a token’s signature the first time only', async () => {
      const base = JwtStrategyBase as unknown as { JwtVerifier: (...args: unknown[]) => void };
      const verifier = jest.spyOn(base, 'JwtVerifier');
      try {
        const token = jwt.sign({ sub: staffId }, { expiresIn: 60 });
        for (let i = 0; i < 3; i++) expect((await me(t, token)).status).toBe(200);
        expect(verifier.mock.calls.filter(([tk]) => tk === token)).toHaveLength(1);
      } finally {
        verifier.mockRestore();
      }
    });

    it('refuses a token accepted before with one character of its signature or payload changed', async () => {
      const token = jwt.sign({ sub: staffId }, { expiresIn: 60 });
      expect((await me(t, token)).status).toBe(200);
      const [head, payload, sig] = token.split('.');
      const flip = (s: string, i: number) =>
        s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      expect((await me(t, [head, payload, flip(sig, 3)].join('.'))).status).toBe(401);
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
      expect((await me(t, [head, b64({ ...claims, sub: adminId }), sig].join('.'))).status).toBe(
        401,
      );
      expect((await me(t, token)).status).toBe(200);
    });

    it('refuses an unsigned token and a token for no user', async () => {
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: adminId })}.`;
      expect((await me(t, unsigned)).status).toBe(401);
      const nobody = jwt.sign({ sub: '00000000-0000-4000-8000-000000000000' }, { expiresIn: 60 });
      expect((await me(t, nobody)).status).toBe(401);
      expect((await me(t, 'not-a-jwt')).status).toBe(401);
    });
  });

  describe('ReauthService.confirm', () => {
    it('accepts the right password and refuses a wrong or missing one, auditing each refusal', async () => {
      const u = await createUser(t);
      const p = (await t.app.get(AuthService).principalFor(u.id))!;
      const reauth = t.app.get(ReauthService);
      await expect(reauth.confirm(p, PASSWORD, '127.0.0.1')).resolves.toBeUndefined();
      await expect(reauth.confirm(p, 'guess-guess-guess', '127.0.0.1')).rejects.toMatchObject({
        status: 401,
      });
      await expect(reauth.confirm(p, undefined, '127.0.0.1')).rejects.toMatchObject({
        status: 401,
      });

      const events = await audit(t, { action: 'auth.reauth_failed', entityId: u.id });
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ actorType: 'user', actorId: u.id });
      expect(JSON.stringify(events)).not.toContain('guess-guess-guess');
    });
  });
});

describe('failed sign-in limits', () => {
  const WINDOW = 900;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      trustProxy: true, // lets a test speak from several client addresses via X-Forwarded-For
      login: { maxPerAccount: 3, maxPerAddress: 100, windowSeconds: WINDOW },
    });
  });
  afterAll(() => t.close());

  it('refuses an account from an address after maxPerAccount failures from it, even with the right password, but not from other addresses nor other accounts', async () => {
    const [victim, other] = [await createUser(t), await createUser(t)];
    const attacker = '198.51.100.1';
    for (let i = 0; i < 3; i++)
      expect((await signIn(t, victim.email, 'wrong-wrong-wrong', attacker)).status).toBe(401);
    expectThrottled(await signIn(t, victim.email, PASSWORD, attacker), WINDOW);
    expectThrottled(await signIn(t, victim.email, PASSWORD, attacker), WINDOW);
    expect((await signIn(t, victim.email, PASSWORD, '198.51.100.9')).status).toBe(200);
    expect((await signIn(t, other.email, PASSWORD, attacker)).status).toBe(200);

    const events = await audit(t, { action: 'auth.login_failed' });
    const throttled = events.filter(
      (e) => e.data.reason === 'throttled' && e.data.email === victim.email,
    );
    expect(throttled).toHaveLength(2);
  });

  it('lets no more than maxPerAccount guesses through when they arrive at once', async () => {
    const u = await createUser(t);
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () => signIn(t, u.email, 'wrong-wrong-wrong')),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(3).fill(401), ...Array<number>(9).fill(429)]);
  });

  it('never refuses parallel sign-ins with the right password', async () => {
    const u = await createUser(t);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => signIn(t, u.email, PASSWORD)),
    );
    expect(attempts.map((r) => r.status)).toEqual(Array<number>(8).fill(200));
  });

  it('counts failures per account whatever the case of the e-mail', async () => {
    const u = await createUser(t);
    for (const email of [u.email.toUpperCase(), ` ${u.email} `, u.email.replace(/^u/, 'U')])
      expect((await signIn(t, email, 'wrong-wrong-wrong')).status).toBe(401);
    expectThrottled(await signIn(t, u.email, PASSWORD), WINDOW);
  });

  it('clears an account’s failures when it signs in successfully', async () => {
    const u = await createUser(t);
    for (let i = 0; i < 2; i++)
      expect((await signIn(t, u.email, 'wrong-wrong-wrong')).status).toBe(401);
    expect((await signIn(t, u.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await signIn(t, u.email, 'wrong-wrong-wrong')).status).toBe(401);
    expect((await signIn(t, u.email, PASSWORD)).status).toBe(200);
  });

  it('counts re-authentication failures per principal, apart from sign-in failures', async () => {
    const u = await createUser(t);
    const p = (await t.app.get(AuthService).principalFor(u.id))!;
    const reauth = t.app.get(ReauthService);
    for (let i = 0; i < 4; i++) await reauth.confirm(p, PASSWORD, '203.0.113.50'); // successes do not count
    for (let i = 0; i < 3; i++)
      await expect(reauth.confirm(p, 'wrong-wrong-wrong', '203.0.113.50')).rejects.toMatchObject({
        status: 401,
      });
    await expect(reauth.confirm(p, PASSWORD, '203.0.113.50')).rejects.toMatchObject({
      status: 429,
    });
    // Sign-in from that very address is not throttled by a signed-in user's own mistakes.
    expect((await signIn(t, u.email, PASSWORD, '203.0.113.50')).status).toBe(200);
  });
});

describe('failed sign-in limit per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      trustProxy: true,
      login: { maxPerAccount: 100, maxPerAddress: 3, windowSeconds: 900 },
    });
  });
  afterAll(() => t.close());

  it('refuses an address after failures spread over several accounts, and only that address', async () => {
    const [a, b, c] = [await createUser(t), await createUser(t), await createUser(t)];
    const attacker = '203.0.113.7';
    for (const email of [a.email, b.email, 'nobody-here@test.local'])
      expect((await signIn(t, email, 'wrong-wrong-wrong', attacker)).status).toBe(401);
    expectThrottled(await signIn(t, c.email, PASSWORD, attacker), 900);
    expect((await signIn(t, c.email, PASSWORD, '203.0.113.8')).status).toBe(200);
    // this address has signed in more than maxPerAddress times: successes do not count
    expect((await signIn(t, c.email, PASSWORD)).status).toBe(200);
  });
});

describe('general rate limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ rateLimitPerMinute: 3 })));
  afterAll(() => t.close());

  it('refuses a user’s 4th request in the minute, across routes, without slowing other users', async () => {
    const staff = await createUser(t); // the admin's 1st request, on another route (POST /users)
    const admin = await adminToken(t);
    expect((await me(t, admin)).status).toBe(200);
    expect((await me(t, admin)).status).toBe(200);
    const res = await me(t, admin);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await me(t, staff.token)).status).toBe(200);
  });
});
