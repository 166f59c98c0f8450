import { createHash, createPublicKey, randomUUID, verify as verifySignature } from 'node:crypto';
import request from 'supertest';
import { EntityManager } from 'typeorm';
import { AuditCheckpointService } from '../src/audit/audit-checkpoint.service';
import { AuditSealerService } from '../src/audit/audit-sealer.service';
import { Role } from '../src/common/roles';
import { OutboxDispatcherService } from '../src/notifications/outbox-dispatcher.service';
import { WebhookDeliveryService } from '../src/notifications/webhook-delivery.service';
import { api, createTestApp, TestApp } from './helpers/app';
import { adminToken, createDepartment, TestUser, usersByRole } from './helpers/factories';
import { Receiver, until } from './helpers/receiver';

interface Checkpoint {
  id: string;
  seq: number;
  hash: string;
  time: string;
  algorithm: string;
  keyId: string;
  signature: string;
}
interface PublicKey {
  algorithm: string;
  publicKeyPem: string;
  keyId: string;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

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

/** What an offline verifier does with a checkpoint and the published key (README). */
function signatureHolds(c: Checkpoint, key: PublicKey): boolean {
  const message = canon({
    hash: c.hash,
    seq: c.seq,
    time: c.time,
    type: 'praxis.audit.checkpoint',
  });
  return verifySignature(
    null,
    Buffer.from(message),
    createPublicKey(key.publicKeyPem),
    Buffer.from(c.signature, 'base64'),
  );
}

const checkpoints = (t: TestApp) => t.app.get(AuditCheckpointService);
const seal = (t: TestApp) => t.app.get(AuditSealerService).seal();
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const verify = async (t: TestApp) =>
  (
    await request(t.http)
      .get(api('/audit-events/verify'))
      .set(auth(await adminToken(t)))
      .expect(200)
  ).body as Record<string, unknown>;
const head = async (t: TestApp) => {
  await seal(t);
  const [row] = await t.ds.query<{ seq: string; hash: string }[]>(
    'SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
  );
  return { seq: Number(row.seq), hash: row.hash };
};

/**
 * What someone with superuser access to the database can do: switch the triggers off,
 * change the table, switch them back on (ENABLE ALWAYS, as the migrations left them).
 */
async function behindTriggers(t: TestApp, change: (em: EntityManager) => Promise<void>) {
  await t.ds.transaction(async (em) => {
    await em.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await change(em);
    for (const name of ['append_only', 'no_truncate', 'link'])
      await em.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_${name}`);
  });
}

/** A fresh app with some events and a checkpoint, then more events after it. */
async function checkpointedApp(): Promise<{ t: TestApp; cp: Checkpoint }> {
  const t = await createTestApp();
  for (let i = 0; i < 3; i++) await createDepartment(t);
  const cp = (await checkpoints(t).run()) as Checkpoint;
  for (let i = 0; i < 3; i++) await createDepartment(t);
  await seal(t);
  expect(await verify(t)).toMatchObject({ valid: true, checkpoint: { seq: cp.seq } });
  return { t, cp };
}

describe('audit checkpoints (e2e)', () => {
  let t: TestApp;
  let users: Record<Role, TestUser>;
  const get = (path: string, token = users.auditor.token) =>
    request(t.http).get(api(path)).set(auth(token));

  beforeAll(async () => {
    t = await createTestApp();
    users = await usersByRole(t);
  });
  afterAll(() => t.close());

  it('the database stamps every event with its own clock: a back-dated INSERT gets the insert time', async () => {
    const id = randomUUID();
    const [{ before }] = await t.ds.query<{ before: Date }[]>(
      `SELECT date_trunc('milliseconds', clock_timestamp()) AS before`,
    );
    const [row] = await t.ds.query<{ occurred_at: Date }[]>(
      `INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, action, entity_type, data)
       VALUES ($1, '2001-01-01T00:00:00Z', 'user', $2, 'test.backdated', 'test', '{}')
       RETURNING occurred_at`,
      [id, users.admin.id],
    );
    const [{ after }] = await t.ds.query<{ after: Date }[]>(`SELECT clock_timestamp() AS after`);
    expect(row.occurred_at.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(row.occurred_at.getTime()).toBeLessThanOrEqual(after.getTime());
    const listed = (await get('/audit-events?action=test.backdated').expect(200)).body.items;
    expect(listed).toEqual([
      expect.objectContaining({ id, occurredAt: row.occurred_at.toISOString() }),
    ]);
    expect(await get('/audit-events?to=2002-01-01T00:00:00Z').expect(200)).toMatchObject({
      body: { items: [] },
    });
  });

  it('signs the sealed head; the signature verifies with the published key; verify and export name it', async () => {
    await createDepartment(t);
    const before = await head(t);
    const cp = (await checkpoints(t).run()) as Checkpoint;
    expect(cp).toEqual({
      id: expect.any(String),
      seq: before.seq,
      hash: before.hash,
      time: expect.stringMatching(ISO),
      algorithm: 'Ed25519',
      keyId: expect.stringMatching(/^[0-9a-f]{64}$/),
      signature: expect.any(String),
    });

    // Any signed-in role may fetch the key; keyId is the SHA-256 of its SPKI DER.
    const key = (await get('/instance/public-key', users.staff.token).expect(200))
      .body as PublicKey;
    expect(key.algorithm).toBe('Ed25519');
    const der = createPublicKey(key.publicKeyPem).export({ format: 'der', type: 'spki' });
    expect(key.keyId).toBe(sha256(der));
    expect(cp.keyId).toBe(key.keyId);
    expect(signatureHolds(cp, key)).toBe(true);
    expect(signatureHolds({ ...cp, seq: cp.seq - 1 }, key)).toBe(false);
    expect(signatureHolds({ ...cp, hash: 'f'.repeat(64) }, key)).toBe(false);
    await request(t.http).get(api('/instance/public-key')).expect(401);

    expect((await get('/audit-events/checkpoints').expect(200)).body).toEqual({
      items: [cp],
      nextCursor: null,
    });
    for (const role of ['staff', 'approver'] as const)
      await get('/audit-events/checkpoints', users[role].token).expect(403);
    await get('/audit-events/checkpoints?limit=0').expect(400);

    // Its own event comes after the seq it covers, and carries the checkpoint.
    const [event] = (await get(`/audit-events?action=audit.checkpoint`).expect(200)).body.items;
    const { id, ...data } = cp;
    expect(event).toMatchObject({ entityType: 'audit_checkpoint', entityId: id, data });
    expect(event.seq).toBe(cp.seq + 1);

    const result = await verify(t);
    expect(result).toEqual({
      valid: true,
      count: cp.seq + 1,
      headHash: expect.any(String),
      checkpoint: { seq: cp.seq, time: cp.time },
    });
    const exported = await get('/audit-events/export?format=jsonl').buffer(true).expect(200);
    expect(JSON.parse(exported.headers['x-praxis-checkpoint'])).toEqual(cp);
    const lines = exported.text.split('\n').filter(Boolean);
    expect(lines.every((l) => 'seq' in JSON.parse(l) && 'action' in JSON.parse(l))).toBe(true);
    expect(JSON.parse(lines[cp.seq - 1])).toMatchObject({ seq: cp.seq, hash: cp.hash });

    // Nothing new but its own event: no new checkpoint. Something new: one more.
    expect(await checkpoints(t).run()).toBeNull();
    await createDepartment(t);
    const next = (await checkpoints(t).run()) as Checkpoint;
    expect(next.seq).toBe((await head(t)).seq - 1); // the head then was the new event
    expect(next.seq).toBeGreaterThan(cp.seq);
    const page = (await get('/audit-events/checkpoints?limit=1').expect(200)).body;
    expect(page.items).toEqual([next]);
    const rest = (await get(`/audit-events/checkpoints?cursor=${page.nextCursor}`).expect(200))
      .body;
    expect(rest).toEqual({ items: [cp], nextCursor: null });
  });

  it('two runs at once (as from two instances) write one checkpoint', async () => {
    await createDepartment(t);
    const count = async () =>
      (await t.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_checkpoints'))[0].n;
    const before = await count();
    const runs = await Promise.all([checkpoints(t).run(), checkpoints(t).run()]);
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
    expect(await count()).toBe(before + 1);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_checkpoints', async () => {
    const refused = (sql: string, op: string) =>
      expect(t.ds.query(sql)).rejects.toThrow(`audit_checkpoints is append-only: ${op} refused`);
    await refused(`UPDATE audit_checkpoints SET hash = repeat('a', 64)`, 'UPDATE');
    await refused('DELETE FROM audit_checkpoints', 'DELETE');
    await refused('TRUNCATE audit_checkpoints', 'TRUNCATE');
  });

  it('sends each checkpoint to webhook subscribers of audit.checkpoint', async () => {
    const rx = await Receiver.start();
    try {
      const admin = await adminToken(t);
      await request(t.http)
        .post(api('/webhooks'))
        .set(auth(admin))
        .send({ url: rx.url('/cp'), events: ['audit.checkpoint'], secret: 'whsec-checkpoints' })
        .expect(201);
      await createDepartment(t);
      const cp = (await checkpoints(t).run()) as Checkpoint;
      await t.app.get(OutboxDispatcherService).dispatch();
      await t.app.get(WebhookDeliveryService).deliverDue();
      await until('the checkpoint delivery', () => rx.on('/cp').length > 0);
      const body = JSON.parse(rx.on('/cp')[0].body) as {
        type: string;
        data: Checkpoint & { entityId: string };
      };
      expect(body.type).toBe('audit.checkpoint');
      const { id, ...signed } = cp;
      expect(body.data).toEqual({
        ...signed,
        entityType: 'audit_checkpoint',
        entityId: id,
        actor: { type: 'system', id: null },
      });
      const key = (await get('/instance/public-key').expect(200)).body as PublicKey;
      expect(signatureHolds(body.data, key)).toBe(true);
      expect(rx.received).toHaveLength(1); // the department.created event was not subscribed
    } finally {
      await rx.close();
    }
  });

  // Last: it plants a forged checkpoint.
  it('reports a stored checkpoint whose signature does not verify', async () => {
    const { seq, hash } = await head(t);
    await t.ds.query(
      `INSERT INTO audit_checkpoints (id, seq, hash, time, key_id, signature)
       SELECT $1, $2, $3, now(), key_id, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
      [randomUUID(), seq, hash],
    );
    expect(await verify(t)).toEqual({
      valid: false,
      count: seq,
      firstInvalidSeq: seq,
      reason: 'checkpoint_forged',
    });
  });
});

describe('audit checkpoints against a rewrite with the triggers off (e2e)', () => {
  it('dropping the newest events, checkpointed ones included, is reported as truncated', async () => {
    const { t, cp } = await checkpointedApp();
    try {
      const keep = cp.seq - 2;
      await behindTriggers(t, (em) => em.query('DELETE FROM audit_events WHERE seq > $1', [keep]));
      // The chain that is left links up on its own…
      await request(t.http)
        .get(api('/audit-events/export'))
        .set(auth(await adminToken(t)))
        .expect(200)
        .expect((res) => expect(res.text.split('\n').filter(Boolean)).toHaveLength(keep));
      // …but ends before the signed checkpoint.
      expect(await verify(t)).toEqual({
        valid: false,
        count: keep,
        firstInvalidSeq: keep + 1,
        reason: 'truncated',
      });
    } finally {
      await t.close();
    }
  });

  it('re-hashing an edited event and every later one is reported as rewritten', async () => {
    const { t, cp } = await checkpointedApp();
    try {
      const edited = cp.seq - 1;
      type Row = {
        id: string;
        seq: string;
        occurred_at: Date;
        actor_type: string;
        actor_id: string | null;
        action: string;
        entity_type: string;
        entity_id: string | null;
        data: Record<string, unknown>;
      };
      await behindTriggers(t, async (em) => {
        const [{ hash: before }] = await em.query<{ hash: string }[]>(
          'SELECT hash FROM audit_events WHERE seq = $1',
          [edited - 1],
        );
        const rows = await em.query<Row[]>(
          `SELECT id, seq, occurred_at, actor_type, actor_id, action, entity_type, entity_id, data
             FROM audit_events WHERE seq >= $1 ORDER BY seq`,
          [edited],
        );
        let prevHash = before;
        for (const r of rows) {
          const data = Number(r.seq) === edited ? { ...r.data, name: 'Forged' } : r.data;
          const event = {
            ...{ id: r.id, seq: Number(r.seq), occurredAt: r.occurred_at.toISOString() },
            ...{ actorType: r.actor_type, actorId: r.actor_id, action: r.action },
            ...{ entityType: r.entity_type, entityId: r.entity_id, data, prevHash },
          };
          const hash = sha256(`${prevHash}\n${canon(event)}`);
          await em.query(
            'UPDATE audit_events SET data = $2, prev_hash = $3, hash = $4 WHERE id = $1',
            [r.id, JSON.stringify(data), prevHash, hash],
          );
          prevHash = hash;
        }
      });
      const result = await verify(t);
      expect(result).toEqual({
        valid: false,
        count: expect.any(Number),
        firstInvalidSeq: cp.seq,
        reason: 'rewritten',
      });
      expect(result.count).toBe((await head(t)).seq); // every event links and recomputes
    } finally {
      await t.close();
    }
  });
});
