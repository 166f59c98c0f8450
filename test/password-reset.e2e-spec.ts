import request from 'supertest';
import { api, createTestApp, login, PASSWORD, TestApp } from './helpers/app';
import { docs } from './helpers/documents';
import { adminToken, createUser, usersByRole } from './helpers/factories';
import { browserSession, signInBrowser } from './helpers/sessions';
import { training } from './helpers/training';

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
  /** The bootstrap admin re-enters their own password (PASSWORD) unless the body says otherwise. */
  const reset = (token: string, id: string, body: object) =>
    request(t.http)
      .post(api(`/users/${id}/password`))
      .set(bearer(token))
      .send({ password: PASSWORD, ...body });

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
    for (const body of [
      {},
      { newPassword: 'short' },
      { newPassword: 42 },
      { newPassword: NEW_PASSWORD, password: undefined },
      { newPassword: NEW_PASSWORD, password: 42 },
    ]) {
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

    const wrong = await reset(admin, u.id, { newPassword: NEW_PASSWORD, password: 'not mine' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(PROBLEM);

    expect((await me(bearer(u.token))).status).toBe(200);
    expect((await me(bearer(await login(t, u.email)))).body.passwordMustChange).toBe(false);
    expect(await docs(t).audit(u.id, 'auth.password_reset')).toEqual([]);
  });

  it('makes the password temporary: no e-signature with it until the user changes it', async () => {
    const d = docs(t);
    const lead = await createUser(t, { roles: ['quality_lead'] });
    const signer = await createUser(t, { roles: ['approver'] });
    const doc = await d.publish(lead, signer, { title: 'Temporary password' });
    const revId = await d.submitted(lead, doc.id, [signer]);
    const tr = training(t);
    const toRead = await d.publish(lead, signer, { title: 'Read with a signature' });
    await tr.require(lead, toRead.id, { userIds: [signer.id], requireSignature: true });

    await reset(admin, signer.id, { newPassword: NEW_PASSWORD }).expect(204);
    await reset(admin, lead.id, { newPassword: NEW_PASSWORD }).expect(204);
    const session = await signInBrowser(t, signer.email, NEW_PASSWORD);
    expect(session.body.user.passwordMustChange).toBe(true);
    const signerToken = await login(t, signer.email, NEW_PASSWORD);
    expect((await me(bearer(signerToken))).body.passwordMustChange).toBe(true);

    const signed = await d.sign({ ...signer, token: signerToken }, revId, 'approved', {
      password: NEW_PASSWORD,
    });
    expect(signed.status).toBe(403);
    expect(signed.headers['content-type']).toMatch(PROBLEM);
    expect(signed.body.type).toBe('urn:praxis:problem:password-change-required');
    expect(signed.body.detail).toBe(
      'Change the temporary password an administrator set before signing',
    );
    // A wrong password is still a wrong password (401), not a hint about the flag.
    const wrongPassword = await d.sign({ ...signer, token: signerToken }, revId, 'approved', {
      password: 'not the password',
    });
    expect(wrongPassword.status).toBe(401);
    const ack = await tr.ack({ ...signer, token: signerToken }, toRead.revId, {
      password: NEW_PASSWORD,
    });
    expect(ack.status).toBe(403);
    expect(ack.body.type).toBe('urn:praxis:problem:password-change-required');
    expect((await tr.statuses(toRead.revId))[signer.id]).toBe('pending');
    const leadToken = await login(t, lead.email, NEW_PASSWORD);
    const retired = await d.retire({ ...lead, token: leadToken }, doc.id, {
      password: NEW_PASSWORD,
      reason: 'Replaced',
    });
    expect(retired.status).toBe(403);
    expect(retired.body.type).toBe('urn:praxis:problem:password-change-required');
    expect((await d.getDoc({ ...lead, token: leadToken }, doc.id)).body.status).not.toBe(
      'obsolete',
    );
    expect((await d.getRev({ ...signer, token: signerToken }, revId)).body.status).toBe(
      'in_review',
    );

    const OWN = 'chosen by the signer';
    await request(t.http)
      .post(api('/auth/password'))
      .set(bearer(signerToken))
      .send({ currentPassword: NEW_PASSWORD, newPassword: OWN })
      .expect(204);
    const fresh = await login(t, signer.email, OWN);
    expect((await me(bearer(fresh))).body.passwordMustChange).toBe(false);
    await d.sign({ ...signer, token: fresh }, revId, 'approved', { password: OWN }).expect(201);
    await tr.ack({ ...signer, token: fresh }, toRead.revId, { password: OWN }).expect(201);
  });
});
