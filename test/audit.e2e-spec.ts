import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuditSealerService } from '../src/audit/audit-sealer.service';
import { AuditService } from '../src/audit/audit.service';
import { Role } from '../src/common/roles';
import { ADMIN_EMAIL, api, createTestApp, PASSWORD, TestApp } from './helpers/app';
import { adminToken, createUser, TestUser, usersByRole } from './helpers/factories';
import { parseCsv } from './helpers/csv';

interface Ev {
  id: string;
  seq: number;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
const KEYS =
  'id seq occurredAt actorType actorId action entityType entityId data prevHash hash'.split(' ');
const GENESIS = '0'.repeat(64);
const HEX64 = expect.stringMatching(/^[0-9a-f]{64}$/);
const PROBLEM = /^application\/problem\+json/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const seqs = (events: Ev[]) => events.map((e) => e.seq);
const SYSTEM = { type: 'system' as const, id: null };
const RAW = {
  id: randomUUID(),
  actorType: 'system',
  actorId: null,
  action: 'test.raw',
  entityType: 'test',
  entityId: null,
  data: {},
};
const asc = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const desc = (n: number) => asc(n).reverse();

/** Our own canonical JSON (keys sorted at every depth, no spaces), independent of the app's. */
function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canon(o[k])}`)
    .join(',')}}`;
}

describe('audit trail (e2e)', () => {
  let t: TestApp;
  let users: Record<Role, TestUser>;
  let adminId: string;
  let alice: TestUser;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (path: string, token = users.auditor.token) =>
    request(t.http).get(api(path)).set(auth(token));
  const post = async (path: string, body: object, status: number) =>
    request(t.http)
      .post(api(path))
      .set(auth(await adminToken(t)))
      .send(body)
      .expect(status);
  const items = async (query: string) =>
    (await get(`/audit-events?${query}`).expect(200)).body.items as Ev[];
  const exportRaw = (query: string) => get(`/audit-events/export?${query}`).buffer(true);
  const jsonl = async (query = '') =>
    (await exportRaw(`format=jsonl&${query}`).expect(200)).text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Ev);
  const verify = async () => (await get('/audit-events/verify').expect(200)).body as unknown;
  const sealer = () => t.app.get(AuditSealerService);
  const dbCount = async () =>
    (await t.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_events'))[0].n;
  const event = (fields: Partial<Ev>) => ({
    ...{ id: expect.any(String), seq: expect.any(Number), prevHash: HEX64, hash: HEX64 },
    ...{ occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
    ...{ actorId: null, entityId: null },
    ...fields,
  });

  /** Every page of a listing, newest first, and how many pages it took. */
  async function walk(query: string, limit = 200): Promise<{ events: Ev[]; pages: number }> {
    const events: Ev[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const c: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const body = (await get(`/audit-events?${query}&limit=${limit}${c}`).expect(200)).body;
      events.push(...(body.items as Ev[]));
      cursor = body.nextCursor as string | null;
      pages++;
    } while (cursor);
    return { events, pages };
  }

  beforeAll(async () => {
    t = await createTestApp();
    users = await usersByRole(t);
    adminId = (await get('/auth/me', await adminToken(t)).expect(200)).body.id;
  });
  afterAll(() => t.close());

  it('records user.created, department.created, auth.login and auth.login_failed as written', async () => {
    const [boot] = (await items('action=user.created')).slice(-1);
    expect(boot).toEqual(
      event({
        seq: 1,
        prevHash: GENESIS,
        actorType: 'system',
        action: 'user.created',
        entityType: 'user',
        entityId: boot.entityId,
        data: { email: ADMIN_EMAIL, name: 'Administrator', roles: ['admin'], departmentIds: [] },
      }),
    );

    const name = 'Quality, "Ops"\nsecond line';
    const dept = (await post('/departments', { code: 'QOPS', name }, 201)).body;
    alice = await createUser(t, {
      email: 'alice@test.local',
      roles: ['staff', 'approver'],
      departmentIds: [dept.id],
    });
    const login = (email: string, password: string) =>
      request(t.http).post(api('/auth/login')).send({ email, password }).expect(401);
    await login(alice.email, 'wrong password');
    await login('nobody@test.local', PASSWORD);

    expect(await items(`entityId=${dept.id}`)).toEqual([
      event({
        actorType: 'user',
        actorId: adminId,
        action: 'department.created',
        entityType: 'department',
        entityId: dept.id,
        data: { code: 'QOPS', name },
      }),
    ]);
    const user = { entityType: 'user', entityId: alice.id };
    const [failed, signedIn] = await items(`entityType=user&entityId=${alice.id}`);
    const address = (signedIn.data as { address: string }).address;
    expect(address).toMatch(/127\.0\.0\.1$/);
    expect(await items(`entityType=user&entityId=${alice.id}`)).toEqual([
      event({
        ...user,
        seq: failed.seq,
        actorType: 'system',
        action: 'auth.login_failed',
        data: { email: alice.email, address, reason: 'wrong_password' },
      }),
      event({
        ...user,
        seq: failed.seq - 1,
        actorType: 'user',
        actorId: alice.id,
        action: 'auth.login',
        data: { address },
      }),
      event({
        ...user,
        seq: failed.seq - 2,
        actorType: 'user',
        actorId: adminId,
        action: 'user.created',
        data: {
          email: alice.email,
          name: 'Test User',
          roles: ['approver', 'staff'],
          departmentIds: [dept.id],
        },
      }),
    ]);
    expect((await items('action=auth.login_failed&limit=1'))[0]).toEqual(
      event({
        seq: failed.seq + 1,
        actorType: 'system',
        action: 'auth.login_failed',
        entityType: 'user',
        data: { email: 'nobody@test.local', address, reason: 'unknown_email' },
      }),
    );
  });

  it('lists newest first and filters by entityType, entityId, actorId and action', async () => {
    const all = (await walk('')).events;
    expect(seqs(all)).toEqual(desc(all.length));
    const cases: [string, (e: Ev) => boolean][] = [
      ['entityType=department', (e) => e.entityType === 'department'],
      [`entityId=${alice.id}`, (e) => e.entityId === alice.id],
      [`actorId=${alice.id}`, (e) => e.actorId === alice.id],
      ['action=auth.login', (e) => e.action === 'auth.login'],
      [
        `actorId=${adminId}&action=user.created`,
        (e) => e.actorId === adminId && e.action === 'user.created',
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = seqs(all.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect([query, seqs((await walk(query)).events)]).toEqual([query, expected]);
    }
  });

  it('filters by time: from is inclusive, to is exclusive', async () => {
    const all = (await walk('')).events;
    const mid = all[Math.floor(all.length / 2)].occurredAt;
    const before = seqs(all.filter((e) => e.occurredAt < mid));
    expect(before.length).toBeGreaterThan(0);
    expect(seqs((await walk(`from=${mid}`)).events)).toEqual(
      seqs(all.filter((e) => e.occurredAt >= mid)),
    );
    expect(seqs((await walk(`to=${mid}`)).events)).toEqual(before);
    expect((await walk(`from=${mid}&to=${mid}`)).events).toEqual([]);
  });

  it('walks every event exactly once with limit=2 cursors, also under a filter', async () => {
    const n = await dbCount();
    const { events, pages } = await walk('', 2);
    expect(seqs(events)).toEqual(desc(n));
    expect(pages).toBe(Math.ceil(n / 2));
    const logins = seqs((await walk('action=auth.login')).events);
    expect(seqs((await walk('action=auth.login', 2)).events)).toEqual(logins);
  });

  it.each([
    ['entityId=not-a-uuid', 'entityId'],
    ['actorId=123', 'actorId'],
    ['entityType=a&entityType=b', 'entityType'],
    ['action=DROP%20TABLE', 'action'],
    ['from=yesterday', 'from'],
    ['to=2026-13-01T00:00:00Z', 'to'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=%25%25garbage', 'cursor'],
    [`cursor=${Buffer.from('["x"]').toString('base64url')}`, 'cursor'],
    ['color=red', 'color'],
  ])('GET /audit-events?%s → 400 naming %s', async (query, field) => {
    const res = await get(`/audit-events?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 400, type: expect.any(String) });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('lets admin, quality_lead and auditor read; refuses staff and approver (403), no token (401)', async () => {
    const expected = {
      admin: 200,
      quality_lead: 200,
      auditor: 200,
      staff: 403,
      approver: 403,
      none: 401,
    };
    for (const path of ['/audit-events', '/audit-events/export', '/audit-events/verify']) {
      const got: Record<string, number> = {};
      for (const who of Object.keys(expected)) {
        const req = request(t.http).get(api(path));
        const res = who === 'none' ? await req : await req.set(auth(users[who as Role].token));
        got[who] = res.status;
        if (res.status !== 200) expect(res.headers['content-type']).toMatch(PROBLEM);
      }
      expect({ path, got }).toEqual({ path, got: expected });
    }
  });

  it('keeps one gap-free chain under many concurrent writers and sealers', async () => {
    const audit = t.app.get(AuditService);
    const before = await dbCount();
    const entry = (loop: number, i: number, part: number) => ({
      ...{ actor: SYSTEM, action: 'test.concurrent', entityType: 'test' },
      data: { loop, i, part },
    });
    // 16 loops × 10 transactions; every fifth transaction appends a batch of two.
    const loops = Array.from({ length: 16 }, async (_, loop) => {
      for (let i = 0; i < 10; i++) {
        const entries = i % 5 ? entry(loop, i, 0) : [entry(loop, i, 0), entry(loop, i, 1)];
        await t.ds.transaction((em) => audit.append(em, entries));
      }
    });
    // One sign-in per account, so the sign-in throttle stays out of this test.
    const emails = [ADMIN_EMAIL, alice.email, ...Object.values(users).map((u) => u.email)];
    const http = [
      ...emails.map((email) =>
        request(t.http).post(api('/auth/login')).send({ email, password: PASSWORD }).expect(200),
      ),
      ...Array.from({ length: 8 }, (_, i) => [
        post('/departments', { code: `CC${i}`, name: `Concurrent ${i}` }, 201),
        get('/audit-events?limit=1').expect(200), // readers seal while writers write
      ]).flat(),
    ];
    await Promise.all([...loops, ...http]);
    await sealer().seal();

    const n = before + 16 * 12 + 8 + emails.length;
    type Row = { seq: string; hash: string; action: string; data: Record<string, number> };
    const rows = await t.ds.query<Row[]>(
      'SELECT seq, hash, action, data FROM audit_events ORDER BY seq NULLS FIRST',
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(asc(n));
    // A loop's transactions follow one another, so their events are sealed in that order.
    const byLoop = new Map<number, string[]>();
    for (const { data } of rows.filter((r) => r.action === 'test.concurrent'))
      byLoop.set(data.loop, [...(byLoop.get(data.loop) ?? []), `${data.i}.${data.part}`]);
    const keys = Array.from({ length: 10 }, (_, i) => (i % 5 ? [`${i}.0`] : [`${i}.0`, `${i}.1`]));
    expect(byLoop.size).toBe(16);
    for (const list of byLoop.values()) expect(list).toEqual(keys.flat());
    expect(await verify()).toEqual({ valid: true, count: n, headHash: rows[n - 1].hash });
  });

  it('leaves no event when the change rolls back', async () => {
    const audit = t.app.get(AuditService);
    const before = await dbCount();
    const entry = { actor: SYSTEM, action: 'test.rolled_back', entityType: 'test' };
    const failing = t.ds.transaction(async (em) => {
      await audit.append(em, entry);
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(audit.append(t.ds.manager, entry)).rejects.toThrow(/inside the caller/);
    expect(await dbCount()).toBe(before);

    const dup = { email: alice.email, name: 'Dup', password: PASSWORD, roles: ['staff'] };
    expect((await post('/users', dup, 409)).headers['content-type']).toMatch(PROBLEM);
    expect(await dbCount()).toBe(before);
    // The next event takes the seq the rolled-back one would have had.
    const [next] = await t.ds.transaction((em) =>
      audit.append(em, { ...entry, action: 'test.after' }),
    );
    expect(await items(`action=test.after`)).toEqual([
      event({ ...next, seq: before + 1, actorType: 'system', entityType: 'test', data: {} }),
    ]);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    await sealer().seal();
    const before = await dbCount();
    const refused = (sql: string, op: string) =>
      expect(t.ds.query(sql)).rejects.toThrow(`audit_events is append-only: ${op} refused`);
    await refused(`UPDATE audit_events SET data = '{}' WHERE seq = 2`, 'UPDATE');
    await refused(`UPDATE audit_events SET hash = repeat('a', 64) WHERE seq = 2`, 'UPDATE');
    await refused('UPDATE audit_events SET seq = NULL, prev_hash = NULL, hash = NULL', 'UPDATE');
    await refused('DELETE FROM audit_events WHERE seq = 2', 'DELETE');
    await refused('DELETE FROM audit_events', 'DELETE');
    await refused('TRUNCATE audit_events', 'TRUNCATE');
    expect(await dbCount()).toBe(before);
    expect(await verify()).toMatchObject({ valid: true, count: before });
  });

  it('the database takes events only unsealed and seals them only onto the chain', async () => {
    await sealer().seal();
    const [head] = await t.ds.query<{ seq: string; hash: string }[]>(
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    const top = Number(head.seq);
    /** Inserts an event and seals it by hand in one transaction (invisible to the sealer). */
    const insertAndSeal = (seq: number, prevHash: string, change = '') =>
      t.ds.transaction(async (em) => {
        const rows = await em.query<{ occurred_at: Date }[]>(
          `INSERT INTO audit_events (id, actor_type, action, entity_type, data)
           VALUES ($1, 'system', 'test.raw', 'test', '{}') RETURNING occurred_at`,
          [RAW.id],
        );
        const e = { ...RAW, seq, prevHash, occurredAt: rows[0].occurred_at.toISOString() };
        const hash = sha256(`${prevHash}\n${canon(e)}`);
        await em.query(
          `UPDATE audit_events SET seq = $2, prev_hash = $3, hash = $4${change} WHERE id = $1`,
          [RAW.id, seq, prevHash, hash],
        );
        return hash;
      });
    await expect(
      t.ds.query(
        `INSERT INTO audit_events (id, seq, actor_type, action, entity_type, data, prev_hash, hash)
         VALUES ($1, $2, 'system', 'test.raw', 'test', '{}', $3, repeat('b', 64))`,
        [randomUUID(), top + 1, head.hash],
      ),
    ).rejects.toThrow('audit events are inserted unsealed');
    const unlinked = /does not extend the chain/;
    await expect(insertAndSeal(top + 1, 'f'.repeat(64))).rejects.toThrow(unlinked);
    await expect(insertAndSeal(top + 2, head.hash)).rejects.toThrow(unlinked);
    await expect(insertAndSeal(top, head.hash)).rejects.toThrow(/duplicate key/);
    await expect(insertAndSeal(top + 1, head.hash, `, data = '{"x":1}'`)).rejects.toThrow(
      'audit_events is append-only: UPDATE refused',
    );
    expect(await dbCount()).toBe(top);
    // Control: a correctly linked event hashed by our own code is accepted and verifies.
    const hash = await insertAndSeal(top + 1, head.hash);
    expect(await verify()).toEqual({ valid: true, count: top + 1, headHash: hash });
  });

  it('exports JSON lines, oldest first, that an auditor can verify without our code', async () => {
    const res = await exportRaw('format=jsonl').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const events = await jsonl();
    expect(res.text).toBe(events.map((e) => JSON.stringify(e) + '\n').join(''));
    expect(events).toHaveLength(await dbCount());
    let prev = GENESIS;
    events.forEach((e, i) => {
      const { hash, ...rest } = e;
      expect({ seq: e.seq, prevHash: e.prevHash }).toEqual({ seq: i + 1, prevHash: prev });
      expect(sha256(`${e.prevHash}\n${canon(rest)}`)).toBe(hash);
      prev = hash;
    });
    expect(await verify()).toMatchObject({ headHash: prev });
    expect((await exportRaw('').expect(200)).text).toBe(res.text); // jsonl is the default
  });

  it('exports CSV with a header row and data as canonical JSON, matching the JSON lines', async () => {
    const events = await jsonl();
    const res = await exportRaw('format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(KEYS);
    const rebuilt = rows.map((r) => {
      const o = Object.fromEntries(KEYS.map((k, i) => [k, r[i]])) as Record<string, string>;
      const nullable = { actorId: o.actorId || null, entityId: o.entityId || null };
      return { ...o, ...nullable, seq: Number(o.seq), data: JSON.parse(o.data) as unknown };
    });
    expect(rebuilt).toEqual(events);
    expect(rows.map((r) => r.length)).toEqual(events.map(() => KEYS.length));
    expect(rows.map((r) => r[8])).toEqual(events.map((e) => canon(e.data)));
    expect(rows.some((r) => r[8].includes('"name":"Quality, \\"Ops\\"\\nsecond line"'))).toBe(true);
  });

  it('exports only the events in [from, to)', async () => {
    const all = await jsonl();
    const from = all[Math.floor(all.length / 3)].occurredAt;
    const to = all[Math.floor((2 * all.length) / 3)].occurredAt;
    const within = seqs(all.filter((e) => e.occurredAt >= from && e.occurredAt < to));
    expect(within.length).toBeGreaterThan(0);
    expect(seqs(await jsonl(`from=${from}`))).toEqual(
      seqs(all.filter((e) => e.occurredAt >= from)),
    );
    expect(seqs(await jsonl(`to=${to}`))).toEqual(seqs(all.filter((e) => e.occurredAt < to)));
    expect(seqs(await jsonl(`from=${from}&to=${to}`))).toEqual(within);
    const csv = parseCsv((await exportRaw(`format=csv&from=${from}&to=${to}`).expect(200)).text);
    expect([csv[0], csv.slice(1).map((r) => Number(r[1]))]).toEqual([KEYS, within]);
    expect(await jsonl('from=2999-01-01T00:00:00Z')).toEqual([]);
    const empty = await exportRaw('format=csv&from=2999-01-01T00:00:00Z').expect(200);
    expect(parseCsv(empty.text)).toEqual([KEYS]);
  });

  it.each(['format=xml', 'format=JSONL', 'from=not-a-date', 'to=2026-02-30T00:00:00Z'])(
    'GET /audit-events/export?%s → 400',
    async (query) => {
      const res = await get(`/audit-events/export?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    },
  );

  // Last: it breaks the chain on purpose.
  it('detects a row changed behind the triggers’ back', async () => {
    const n = await dbCount();
    const seq = Math.floor(n / 2);
    const trigger = 'audit_events_append_only';
    await t.ds.transaction(async (em) => {
      await em.query(`ALTER TABLE audit_events DISABLE TRIGGER ${trigger}`);
      await em.query(`UPDATE audit_events SET data = data || '{"x":1}' WHERE seq = $1`, [seq]);
      await em.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER ${trigger}`);
    });
    await expect(t.ds.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(
      /append-only/,
    );
    expect(await verify()).toEqual({
      valid: false,
      count: n,
      firstInvalidSeq: seq,
      reason: 'broken_link',
    });
  });
});
