import { createHash } from 'node:crypto';
import request from 'supertest';
import { api, createTestApp, TestApp } from './helpers/app';
import { adminToken, createUser } from './helpers/factories';

interface CreatedKey {
  id: string;
  name: string;
  key: string;
  createdAt: string;
}
interface ListedKey {
  id: string;
  userId: string;
  revokedAt: string | null;
}
interface AuditEvent {
  actorType: string;
  actorId: string | null;
  action: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

const PROBLEM = /^application\/problem\+json/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('API keys', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const withKey = (key: string) => ({ 'X-API-Key': key });

  async function createKey(token: string, name = 'script'): Promise<CreatedKey> {
    const res = await request(t.http).post(api('/api-keys')).set(bearer(token)).send({ name });
    expect(res.status).toBe(201);
    return res.body as CreatedKey;
  }
  const list = async (headers: Record<string, string>) => {
    const res = await request(t.http).get(api('/api-keys')).query({ limit: 200 }).set(headers);
    expect(res.status).toBe(200);
    return res;
  };
  const meWithKey = (key: string) => request(t.http).get(api('/auth/me')).set(withKey(key));
  const revoke = (token: string, id: string) =>
    request(t.http)
      .delete(api(`/api-keys/${id}`))
      .set(bearer(token));
  async function audit(query: Record<string, string>): Promise<AuditEvent[]> {
    const res = await request(t.http).get(api('/audit-events')).query(query).set(bearer(admin));
    expect(res.status).toBe(200);
    return (res.body as { items: AuditEvent[] }).items;
  }

  it('creates a key and shows it once: the list never carries it nor its hash', async () => {
    const staff = await createUser(t);
    const res = await request(t.http)
      .post(api('/api-keys'))
      .set(bearer(staff.token))
      .send({ name: '  nightly export ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'nightly export',
      key: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const { id, key } = res.body as CreatedKey;
    expect(key.length).toBeGreaterThanOrEqual(32);

    const listed = await list(bearer(staff.token));
    expect(listed.body.items).toEqual([expect.objectContaining({ id, name: 'nightly export' })]);
    for (const item of listed.body.items as Record<string, unknown>[]) {
      expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['key']));
      expect(Object.keys(item).filter((k) => /hash/i.test(k))).toEqual([]);
    }
    expect(listed.text).not.toContain(key);
    expect(listed.text).not.toContain(sha256(key));
  });

  it.each([
    ['no name', {}],
    ['a blank name', { name: '   ' }],
    ['a name over 200 characters', { name: 'x'.repeat(201) }],
    ['a name that is not a string', { name: 42 }],
  ])('refuses %s with 400 and errors[]', async (_, body) => {
    const res = await request(t.http).post(api('/api-keys')).set(bearer(admin)).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'name' })]),
    );
  });

  it('stores only the SHA-256 of the key', async () => {
    const { id, key } = await createKey(admin);
    const rows = await t.ds.query<Record<string, unknown>[]>(
      'SELECT * FROM api_keys WHERE id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).toBe(sha256(key));
    expect(JSON.stringify(rows[0])).not.toContain(key);
  });

  it('acts as its user, with that user’s roles', async () => {
    const staff = await createUser(t);
    const { key } = await createKey(staff.token);
    const me = await meWithKey(key);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: staff.id, email: staff.email, roles: ['staff'] });

    const promote = await request(t.http)
      .patch(api(`/users/${staff.id}`))
      .set(withKey(key))
      .send({ roles: ['admin'] });
    expect(promote.status).toBe(403);
    expect(promote.headers['content-type']).toMatch(PROBLEM);
    expect((await meWithKey(key)).body.roles).toEqual(['staff']);

    const adminKey = await createKey(admin);
    expect((await request(t.http).get(api('/users')).set(withKey(adminKey.key))).status).toBe(200);
  });

  it('audits what a key does as the key: actorType api_key, actorId the key id', async () => {
    const adminKey = await createKey(admin);
    const res = await request(t.http)
      .post(api('/users'))
      .set(withKey(adminKey.key))
      .send({
        email: 'made-by-key@test.local',
        name: 'By Key',
        password: 'a long enough password',
        roles: ['staff'],
      });
    expect(res.status).toBe(201);
    const [event] = await audit({ action: 'user.created', entityId: res.body.id });
    expect(event).toMatchObject({ actorType: 'api_key', actorId: adminKey.id });
  });

  it('lists a user’s own keys only; an admin sees everyone’s', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const [ka, kb] = [await createKey(a.token), await createKey(b.token)];
    const ids = (items: ListedKey[]) => items.map((k) => k.id);

    const mine = (await list(bearer(a.token))).body.items as ListedKey[];
    expect(ids(mine)).toEqual([ka.id]);
    expect(mine[0].userId).toBe(a.id);
    // listed with the key itself too, which acts as a
    expect(ids((await list(withKey(ka.key))).body.items)).toEqual([ka.id]);

    const all = (await list(bearer(admin))).body.items as ListedKey[];
    expect(ids(all)).toEqual(expect.arrayContaining([ka.id, kb.id]));
  });

  it('revokes a key: 204, then the key gets 401, and revoking again is harmless', async () => {
    const staff = await createUser(t);
    const { id, key } = await createKey(staff.token);
    expect((await meWithKey(key)).status).toBe(200);

    const res = await revoke(staff.token, id);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const after = await meWithKey(key);
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toMatch(PROBLEM);
    const [listed] = (await list(bearer(staff.token))).body.items as ListedKey[];
    expect(listed).toMatchObject({ id, revokedAt: expect.any(String) });

    expect((await revoke(staff.token, id)).status).toBe(204);
    expect(await audit({ action: 'api_key.revoked', entityId: id })).toHaveLength(1);
  });

  it('hides other users’ keys from a non-admin (404) and lets an admin revoke any', async () => {
    const [owner, other] = [await createUser(t), await createUser(t, { roles: ['quality_lead'] })];
    const { id, key } = await createKey(owner.token);

    const refused = await revoke(other.token, id);
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    // the same answer as for a key that does not exist: nothing to learn from probing ids
    const missing = await revoke(other.token, '00000000-0000-4000-8000-000000000000');
    const answer = (r: request.Response) => [r.status, r.body.type, r.body.detail] as unknown[];
    expect(answer(refused)).toEqual(answer(missing));
    expect((await meWithKey(key)).status).toBe(200);

    expect((await revoke(admin, id)).status).toBe(204);
    expect((await meWithKey(key)).status).toBe(401);
  });

  it('stops a deactivated user’s keys', async () => {
    const staff = await createUser(t);
    const { key } = await createKey(staff.token);
    expect((await meWithKey(key)).status).toBe(200);
    const patch = await request(t.http)
      .patch(api(`/users/${staff.id}`))
      .set(bearer(admin))
      .send({ active: false });
    expect(patch.status).toBe(200);
    expect((await meWithKey(key)).status).toBe(401);
  });

  it.each([
    ['a made-up key', 'prx_thisisnotakeythatanyonewasevergiven000000'],
    ['an over-long key', 'x'.repeat(500)],
  ])('answers %s with 401', async (_, key) => {
    const res = await meWithKey(key);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('does not accept the stored hash in place of the key', async () => {
    const { key } = await createKey(admin);
    expect((await meWithKey(key)).status).toBe(200);
    expect((await meWithKey(sha256(key))).status).toBe(401);
  });

  it('refuses a non-UUID id with 400', async () => {
    const res = await revoke(admin, 'not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('lets an auditor make a key for scripts, which reads the trail but cannot write', async () => {
    const auditor = await createUser(t, { roles: ['auditor'] });
    const { key } = await createKey(auditor.token, 'trail pull');
    expect((await request(t.http).get(api('/audit-events')).set(withKey(key))).status).toBe(200);
    const write = await request(t.http)
      .post(api('/departments'))
      .set(withKey(key))
      .send({ code: 'AUD', name: 'Auditors' });
    expect(write.status).toBe(403);
  });

  it('audits creation and revocation', async () => {
    const staff = await createUser(t);
    const { id, key } = await createKey(staff.token, 'audited');
    expect((await revoke(staff.token, id)).status).toBe(204);
    const [created] = await audit({ action: 'api_key.created', entityId: id });
    expect(created).toMatchObject({
      actorType: 'user',
      actorId: staff.id,
      data: { name: 'audited' },
    });
    const [revoked] = await audit({ action: 'api_key.revoked', entityId: id });
    expect(revoked).toMatchObject({ actorType: 'user', actorId: staff.id });
    expect(JSON.stringify([created, revoked])).not.toContain(key);
  });
});
