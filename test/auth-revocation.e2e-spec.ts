import request from 'supertest';
import { api, createTestApp, login, PASSWORD, TestApp } from './helpers/app';
import { docs } from './helpers/documents';
import { createUser, patchUser } from './helpers/factories';

const PROBLEM = /^application\/problem\+json/;
const NEW_PASSWORD = 'another long passphrase';

/** Password change, sign-out everywhere and deactivation end old credentials. */
describe('revoking tokens and keys', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (headers: Record<string, string>) => request(t.http).get(api('/auth/me')).set(headers);
  const changePassword = (token: string, body: object) =>
    request(t.http).post(api('/auth/password')).set(bearer(token)).send(body);
  async function createKey(token: string): Promise<string> {
    const res = await request(t.http)
      .post(api('/api-keys'))
      .set(bearer(token))
      .send({ name: 'integration' });
    expect(res.status).toBe(201);
    return res.body.key as string;
  }

  it('a password change (204, audited) ends every bearer token but keeps API keys', async () => {
    const u = await createUser(t);
    const second = await login(t, u.email);
    const key = await createKey(u.token);

    const res = await changePassword(u.token, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(204);
    expect((await me(bearer(u.token))).status).toBe(401);
    expect((await me(bearer(second))).status).toBe(401);
    expect((await me({ 'X-API-Key': key })).status).toBe(200);
    await expect(login(t, u.email)).rejects.toThrow(/401/);
    expect((await me(bearer(await login(t, u.email, NEW_PASSWORD)))).status).toBe(200);

    const events = await docs(t).audit(u.id, 'auth.password_changed');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'user', actorId: u.id });
    expect(JSON.stringify(events)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong current password (401) or a bad new one (400) and changes nothing', async () => {
    const u = await createUser(t);
    const wrong = await changePassword(u.token, {
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(PROBLEM);
    for (const body of [
      { currentPassword: PASSWORD, newPassword: 'short' },
      { currentPassword: PASSWORD, newPassword: PASSWORD },
      { currentPassword: PASSWORD },
      { newPassword: NEW_PASSWORD },
    ]) {
      const res = await changePassword(u.token, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    expect((await me(bearer(u.token))).status).toBe(200);
    expect((await me(bearer(await login(t, u.email)))).status).toBe(200);
    expect(await docs(t).audit(u.id, 'auth.password_changed')).toEqual([]);
  });

  it('signing out everywhere (204, audited) ends every bearer token but keeps API keys', async () => {
    const u = await createUser(t);
    const key = await createKey(u.token);
    const res = await request(t.http).post(api('/auth/sign-out-everywhere')).set(bearer(u.token));
    expect(res.status).toBe(204);
    expect((await me(bearer(u.token))).status).toBe(401);
    expect((await me({ 'X-API-Key': key })).status).toBe(200);
    expect((await me(bearer(await login(t, u.email)))).status).toBe(200);
    expect(await docs(t).audit(u.id, 'auth.signed_out_everywhere')).toHaveLength(1);
  });

  it('deactivation revokes the user’s API keys and tokens; re-activation revives neither', async () => {
    const u = await createUser(t);
    const key = await createKey(u.token);
    await patchUser(t, u.id, { active: false });
    await patchUser(t, u.id, { active: true });
    expect((await me(bearer(u.token))).status).toBe(401);
    expect((await me({ 'X-API-Key': key })).status).toBe(401);
    const keys = await request(t.http)
      .get(api('/api-keys'))
      .set(bearer(await login(t, u.email)));
    expect(keys.body.items).toEqual([expect.objectContaining({ revokedAt: expect.any(String) })]);
  });
});
