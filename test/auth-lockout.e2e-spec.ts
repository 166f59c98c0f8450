import request from 'supertest';
import { api, createTestApp, PASSWORD, TestApp } from './helpers/app';
import { docs } from './helpers/documents';
import { adminToken, createUser } from './helpers/factories';
import { browserSession } from './helpers/sessions';

const WINDOW = 900;

/**
 * A stranger's wrong passwords must not lock the owner out (of sign-in or of
 * e-signing); they alert the administrators instead.
 */
describe('many failed sign-ins on one account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      trustProxy: true,
      login: { maxPerAccount: 5, maxPerAddress: 100, windowSeconds: WINDOW, alertPerAccount: 20 },
    });
  });
  afterAll(() => t.close());

  const signIn = (email: string, password: string, from: string, via = 'login') =>
    request(t.http)
      .post(api(`/auth/${via}`))
      .set('X-Forwarded-For', from)
      .send({ email, password });
  const alerts = async (token: string) => {
    const res = await request(t.http)
      .get(api('/me/notifications'))
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return (res.body as { items: { type: string; data: Record<string, unknown> }[] }).items.filter(
      (n) => n.type === 'auth.account_attack_suspected',
    );
  };

  it('leave the owner’s sign-in from elsewhere and their signature in a session working, and alert every admin once', async () => {
    const d = docs(t);
    const [lead, victim, secondAdmin] = [
      await createUser(t, { roles: ['quality_lead'] }),
      await createUser(t, { roles: ['approver'] }),
      await createUser(t, { roles: ['admin'] }),
    ];
    const doc = await d.create(lead);
    const revId = doc.draftRevisionId!;
    await d.submit(lead, revId, { approverIds: [victim.id] }).expect(200);
    const session = await browserSession(t, victim.email, PASSWORD);

    const attacker = '203.0.113.66';
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await signIn(victim.email, `guess-${i}`, attacker)).status);
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(25).fill(429)]);
    // the attacker's address stays shut for this account, even with the right password
    expect((await signIn(victim.email, PASSWORD, attacker)).status).toBe(429);

    // the owner, elsewhere, is not locked out
    expect((await signIn(victim.email, PASSWORD, '198.51.100.20')).status).toBe(200);
    expect((await signIn(victim.email, PASSWORD, '198.51.100.21', 'session')).status).toBe(200);
    // and signs inside the open session (re-entering the password)
    const signed = await request(t.http)
      .post(api(`/revisions/${revId}/signatures`))
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ meaning: 'approved', password: PASSWORD });
    expect(signed.status).toBe(201);

    // every active admin is told, once in the window
    for (const token of [await adminToken(t), secondAdmin.token]) {
      const mine = await alerts(token);
      expect(mine).toHaveLength(1);
      expect(mine[0].data).toMatchObject({
        userId: victim.id,
        email: victim.email,
        lastAddress: attacker,
        failures: 20,
        windowSeconds: WINDOW,
      });
    }
    expect(await alerts(victim.token)).toEqual([]);
    const audit = await d.audit(victim.id, 'auth.account_attack_suspected');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'system', entityId: victim.id });
  });

  it('alerts for attempts spread over many addresses too, and never for an unknown e-mail', async () => {
    const victim = await createUser(t);
    for (let i = 0; i < 20; i++)
      expect((await signIn(victim.email, 'wrong-wrong', `198.18.0.${i + 1}`)).status).toBe(401);
    expect((await signIn(victim.email, PASSWORD, '198.18.1.1')).status).toBe(200);
    expect(await docs(t).audit(victim.id, 'auth.account_attack_suspected')).toHaveLength(1);

    const before = (await alerts(await adminToken(t))).length;
    for (let i = 0; i < 20; i++)
      await signIn('nobody-at-all@test.local', 'wrong-wrong', `198.18.2.${i + 1}`);
    expect((await alerts(await adminToken(t))).length).toBe(before);
  });
});
