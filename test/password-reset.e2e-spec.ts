import request from 'supertest';
import { api, createTestApp, login, PASSWORD, TestApp } from './helpers/app';
import { docs } from './helpers/documents';
import { adminToken, createUser, usersByRole } from './helpers/factories';
import { browserSession } from './helpers/sessions';

const PROBLEM = /^application\/problem\+json/;
const NEW_PASSWORD = 'reset by the administrator';

/** POST /users/:id/password: an admin sets a forgotten password; old credentials end. */
describe('admin password reset', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (headers: Record<string, string>) => request(t.http).get(api('/auth/me')).set(headers);
  const reset = (token: string, id: string, body: object) =>
    request(t.http)
      .post(api(`/users/${id}/password`))
      .set(bearer(token))
      .send(body);

  it('sets the password (204, audited without it), ends sessions and tokens, keeps API keys', async () => {
    const u = await createUser(t);
    const s = await browserSession(t, u.email, PASSWORD);
    const key = await request(t.http)
      .post(api('/api-keys'))
      .set(bearer(u.token))
      .send({ name: 'integration' })
      .expect(201);

    const res = await reset(admin, u.id, { newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
    expect((await me(bearer(u.token))).status).toBe(401);
    expect((await me({ Cookie: s.cookie })).status).toBe(401);
    expect((await me({ 'X-API-Key': key.body.key as string })).status).toBe(200);
    await expect(login(t, u.email)).rejects.toThrow(/401/);
    expect((await me(bearer(await login(t, u.email, NEW_PASSWORD)))).status).toBe(200);

    const events = await docs(t).audit(u.id, 'auth.password_reset');
    expect(events).toHaveLength(1);
    const adminId = ((await me(bearer(admin))).body as { id: string }).id;
    expect(events[0]).toMatchObject({ actorType: 'user', actorId: adminId });
    expect((events[0].data as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(events)).not.toContain(NEW_PASSWORD);
  });

  it('refuses non-admins (403), bad input (400), unknown users (404), and the admin’s own account (403), changing nothing', async () => {
    const u = await createUser(t);
    const roles = await usersByRole(t);
    for (const role of ['quality_lead', 'approver', 'staff', 'auditor'] as const) {
      const res = await reset(roles[role].token, u.id, { newPassword: NEW_PASSWORD });
      expect({ role, status: res.status }).toEqual({ role, status: 403 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    for (const body of [{}, { newPassword: 'short' }, { newPassword: 42 }]) {
      const res = await reset(admin, u.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    const unknown = await reset(admin, '00000000-0000-4000-8000-000000000000', {
      newPassword: NEW_PASSWORD,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    expect((await reset(admin, 'not-a-uuid', { newPassword: NEW_PASSWORD })).status).toBe(400);

    const adminId = ((await me(bearer(admin))).body as { id: string }).id;
    const self = await reset(admin, adminId, { newPassword: NEW_PASSWORD });
    expect(self.status).toBe(403);
    expect(self.headers['content-type']).toMatch(PROBLEM);
    expect((await me(bearer(admin))).status).toBe(200);

    expect((await me(bearer(u.token))).status).toBe(200);
    expect((await me(bearer(await login(t, u.email)))).status).toBe(200);
    expect(await docs(t).audit(u.id, 'auth.password_reset')).toEqual([]);
  });
});
