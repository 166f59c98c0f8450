import { createHmac } from 'node:crypto';
import request from 'supertest';
import { AuditService } from '../src/audit/audit.service';
import { DomainHooks } from '../src/common/domain-hooks';
import { JobRunner } from '../src/common/jobs';
import { dataSourceOptions } from '../src/database/data-source';
import { OutboxDispatcherService } from '../src/notifications/outbox-dispatcher.service';
import { WebhookDeliveryService } from '../src/notifications/webhook-delivery.service';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from '../src/notifications/webhook-sender';
import { DataSource } from 'typeorm';
import { api, createTestApp, TestApp } from './helpers/app';
import { adminToken, createDepartment, TestUser, usersByRole } from './helpers/factories';
import { Received, Receiver, until } from './helpers/receiver';

const PROBLEM = /^application\/problem\+json/;
const SECRET = 'whsec-test-0123456789abcdef';
const SYSTEM = { type: 'system' as const, id: null };

interface Delivery {
  id: string;
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** The signature a receiver computes over the raw body with its copy of the secret. */
const expectedSignature = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const parse = (r: Received) =>
  JSON.parse(r.body) as {
    id: string;
    type: string;
    occurredAt: string;
    data: Record<string, unknown>;
  };

function workers(t: TestApp) {
  return {
    dispatcher: t.app.get(OutboxDispatcherService),
    delivery: t.app.get(WebhookDeliveryService),
  };
}

/** Stops the periodic runs: these tests drive the dispatcher and the worker themselves. */
function stopSchedules(t: TestApp) {
  const w = workers(t);
  w.dispatcher.stopSchedule();
  w.delivery.stopSchedule();
}

describe('webhooks (e2e)', () => {
  let t: TestApp;
  let rx: Receiver;
  let admin: string;
  let users: Awaited<ReturnType<typeof usersByRole>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const subscribe = async (url: string, events: string[], secret = SECRET) => {
    const res = await request(t.http)
      .post(api('/webhooks'))
      .set(as(admin))
      .send({ url, events, secret });
    expect(res.status).toBe(201);
    return res.body as { id: string; url: string; events: string[] };
  };
  const deliveries = async (hookId: string, query = '') =>
    (
      await request(t.http)
        .get(api(`/webhooks/${hookId}/deliveries${query}`))
        .set(as(admin))
        .expect(200)
    ).body as { items: Delivery[]; nextCursor: string | null };
  /** Dispatches the outbox and sends everything due, waiting for the outcomes. */
  const pump = async (app = t) => {
    await workers(app).dispatcher.dispatch();
    await workers(app).delivery.deliverDue();
  };
  /** Makes a pending delivery due now, instead of waiting out its backoff. */
  const makeDue = (hookId: string) =>
    t.ds.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second'
        WHERE webhook_id = $1 AND status = 'pending'`,
      [hookId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    stopSchedules(t);
    rx = await Receiver.start();
    admin = await adminToken(t);
    users = await usersByRole(t);
  });
  afterAll(async () => {
    await rx?.close();
    await t?.close();
  });

  it('POST /webhooks → 201 without the secret; GET lists it; the audit trail records it without the secret', async () => {
    const hook = await subscribe(rx.url('/created'), ['revision.effective']);
    expect(hook).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: rx.url('/created'),
      events: ['revision.effective'],
      active: true,
      createdBy: expect.any(String),
      createdAt: expect.stringMatching(/Z$/),
    });
    const list = await request(t.http).get(api('/webhooks')).set(as(admin)).expect(200);
    expect(list.body.items).toContainEqual(hook);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    const audit = await request(t.http)
      .get(api(`/audit-events?action=webhook.created&entityId=${hook.id}`))
      .set(as(admin))
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].data).toEqual({ url: hook.url, events: hook.events });
    expect(JSON.stringify(audit.body)).not.toContain(SECRET);
  });

  it('delivers a correctly signed POST for an event caused through the API, to a typed and a * subscription', async () => {
    const typed = await subscribe(rx.url('/typed'), ['department.created']);
    const all = await subscribe(rx.url('/all'), ['*'], 'another-secret-for-star');
    const dept = await createDepartment(t);
    expect(rx.on('/typed')).toHaveLength(0); // nothing is sent inside the request
    await pump();

    const [got] = rx.on('/typed');
    expect(rx.on('/typed')).toHaveLength(1);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-praxis-event']).toBe('department.created');
    expect(got.headers['x-praxis-signature']).toBe(expectedSignature(got.body));
    const body = parse(got);
    const [event] = (
      await request(t.http)
        .get(api(`/audit-events?action=department.created&entityId=${dept.id}`))
        .set(as(admin))
        .expect(200)
    ).body.items;
    expect(body).toEqual({
      id: event.id,
      type: 'department.created',
      occurredAt: event.occurredAt,
      data: {
        code: dept.code,
        name: dept.name,
        entityType: 'department',
        entityId: dept.id,
        actor: { type: 'user', id: event.actorId },
      },
    });

    const log = await deliveries(typed.id);
    expect(log.items).toEqual([
      {
        id: got.headers['x-praxis-delivery'],
        eventId: event.id,
        type: 'department.created',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 200,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: expect.stringMatching(/Z$/),
        createdAt: expect.stringMatching(/Z$/),
      },
    ]);

    // `*` gets the same event, signed with its own secret, among everything else.
    const star = rx.on('/all').filter((r) => parse(r).id === event.id);
    expect(star).toHaveLength(1);
    expect(star[0].body).toBe(got.body);
    expect(star[0].headers['x-praxis-signature']).toBe(
      expectedSignature(star[0].body, 'another-secret-for-star'),
    );
    expect(star[0].headers['x-praxis-signature']).not.toBe(got.headers['x-praxis-signature']);
    await request(t.http)
      .delete(api(`/webhooks/${all.id}`))
      .set(as(admin))
      .expect(204);
  });

  it('retries a receiver that answered 500 once it is due, with the same body, and logs each attempt', async () => {
    rx.respond('/flaky', (_r, nth) => (nth === 1 ? 500 : 200));
    const hook = await subscribe(rx.url('/flaky'), ['department.created']);
    await createDepartment(t);
    await pump();
    expect(rx.on('/flaky')).toHaveLength(1);
    let [d] = (await deliveries(hook.id)).items;
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    const wait = (Date.parse(d.nextAttemptAt!) - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(2.5); // 2^1 s

    await pump(); // not due yet: nothing is sent
    expect(rx.on('/flaky')).toHaveLength(1);

    await makeDue(hook.id);
    await pump();
    const [first, second] = rx.on('/flaky');
    expect(rx.on('/flaky')).toHaveLength(2);
    expect(second.body).toBe(first.body);
    expect(second.headers['x-praxis-delivery']).toBe(first.headers['x-praxis-delivery']);
    expect(second.headers['x-praxis-signature']).toBe(expectedSignature(second.body));
    [d] = (await deliveries(hook.id)).items;
    expect(d).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
  });

  it('backs off exponentially and marks a delivery failed after WEBHOOK_MAX_ATTEMPTS (8)', async () => {
    rx.respond('/down', () => 503);
    const hook = await subscribe(rx.url('/down'), ['department.created']);
    await createDepartment(t);
    await workers(t).dispatcher.dispatch();
    for (let attempt = 1; attempt <= 8; attempt++) {
      await workers(t).delivery.deliverDue();
      expect(rx.on('/down')).toHaveLength(attempt);
      const [row] = await t.ds.query<{ status: string; attempts: number; wait: number }[]>(
        `SELECT status, attempts, extract(epoch FROM next_attempt_at - now())::float8 AS wait
           FROM webhook_deliveries WHERE webhook_id = $1`,
        [hook.id],
      );
      expect(row.attempts).toBe(attempt);
      if (attempt < 8) {
        expect(row.status).toBe('pending');
        expect(row.wait).toBeGreaterThan(2 ** attempt - 2);
        expect(row.wait).toBeLessThanOrEqual(2 ** attempt + 0.5);
      } else expect(row.status).toBe('failed');
      await makeDue(hook.id);
    }
    await t.ds.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 hour' WHERE webhook_id = $1`,
      [hook.id],
    );
    await pump();
    expect(rx.on('/down')).toHaveLength(8);
    const [d] = (await deliveries(hook.id)).items;
    expect(d).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      nextAttemptAt: null,
      deliveredAt: null,
    });
  });

  it('a receiver that does not answer blocks neither requests nor other deliveries', async () => {
    rx.respond('/hang', () => 'hang');
    const slow = await subscribe(rx.url('/hang'), ['department.created']);
    const fast = await subscribe(rx.url('/fast'), ['department.created']);
    await createDepartment(t);
    await workers(t).dispatcher.dispatch();
    await workers(t).delivery.startDue();
    await until('the fast receiver', async () =>
      (await deliveries(fast.id)).items.some((d) => d.status === 'delivered'),
    );
    await until('the slow receiver', () => rx.on('/hang').length === 1); // and kept open
    await createDepartment(t); // the API answers meanwhile
    const [pending] = (await deliveries(slow.id)).items;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    rx.respond('/hang', () => 200);
    rx.release(200);
    await workers(t).delivery.deliverDue();
    expect((await deliveries(slow.id)).items.at(-1)).toMatchObject({ status: 'delivered' });
    await request(t.http)
      .delete(api(`/webhooks/${slow.id}`))
      .set(as(admin))
      .expect(204);
  });

  it('gives up on a receiver that does not answer in time (5 s) and never follows a redirect', async () => {
    expect(WEBHOOK_TIMEOUT_MS).toBe(5000);
    rx.respond('/timeout', () => 'hang');
    const slow = await postWebhook(
      { url: rx.url('/timeout'), secret: SECRET, deliveryId: 'd', type: 'x.y', body: '{}' },
      { allowPrivate: true, timeoutMs: 100 },
    );
    expect(slow).toEqual({ ok: false, error: 'no answer within 0.1 s' });
    rx.release();
    rx.respond('/moved', () => 302);
    const moved = await postWebhook(
      { url: rx.url('/moved'), secret: SECRET, deliveryId: 'd', type: 'x.y', body: '{}' },
      { allowPrivate: true },
    );
    expect(moved).toEqual({ ok: false, statusCode: 302, error: 'HTTP 302' });
    expect(rx.on('/moved')).toHaveLength(1);
  });

  it('pages the delivery log newest first', async () => {
    const hook = await subscribe(rx.url('/paged'), ['department.created']);
    for (let i = 0; i < 3; i++) {
      await createDepartment(t);
      await workers(t).dispatcher.dispatch(); // one dispatch per event: distinct created_at
    }
    await workers(t).delivery.deliverDue();
    const all = (await deliveries(hook.id, '?limit=200')).items;
    expect(all).toHaveLength(3);
    const times = all.map((d) => d.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await deliveries(hook.id, q);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((d) => d.id));
  });

  it('DELETE /webhooks/:id → 204, audited; nothing more is sent to it; then 404', async () => {
    const hook = await subscribe(rx.url('/deleted'), ['department.created']);
    await request(t.http)
      .delete(api(`/webhooks/${hook.id}`))
      .set(as(admin))
      .expect(204);
    await createDepartment(t);
    await pump();
    expect(rx.on('/deleted')).toHaveLength(0);
    const list = await request(t.http).get(api('/webhooks?limit=200')).set(as(admin)).expect(200);
    expect(list.body.items.map((h: { id: string }) => h.id)).not.toContain(hook.id);
    await request(t.http)
      .delete(api(`/webhooks/${hook.id}`))
      .set(as(admin))
      .expect(404);
    await request(t.http)
      .get(api(`/webhooks/${hook.id}/deliveries`))
      .set(as(admin))
      .expect(404);
    await request(t.http).get(api('/webhooks/not-a-uuid/deliveries')).set(as(admin)).expect(400);
    const audit = await request(t.http)
      .get(api(`/audit-events?action=webhook.deleted&entityId=${hook.id}`))
      .set(as(admin))
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
  });

  it('only admins manage webhooks (403 for every other role, 401 without credentials)', async () => {
    const hook = await subscribe(rx.url('/roles'), ['department.created']);
    const others: TestUser[] = [users.quality_lead, users.approver, users.staff, users.auditor];
    for (const u of others) {
      const calls = [
        request(t.http)
          .post(api('/webhooks'))
          .set(as(u.token))
          .send({ url: rx.url('/x'), events: ['*'], secret: SECRET }),
        request(t.http).get(api('/webhooks')).set(as(u.token)),
        request(t.http)
          .delete(api(`/webhooks/${hook.id}`))
          .set(as(u.token)),
        request(t.http)
          .get(api(`/webhooks/${hook.id}/deliveries`))
          .set(as(u.token)),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(PROBLEM);
      }
    }
    await request(t.http).get(api('/webhooks')).expect(401);
    await request(t.http).get(api('/webhooks')).set(as(users.admin.token)).expect(200);
  });

  it.each([
    ['an ftp:// URL', { url: 'ftp://example.com/hook' }, 'url'],
    ['a URL that is not one', { url: 'not a url' }, 'url'],
    ['a relative URL', { url: '/hook' }, 'url'],
    ['an empty URL', { url: '' }, 'url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url'],
    ['credentials in the URL', { url: 'https://user:pw@example.com/hook' }, 'url'],
    ['no events', { events: [] }, 'events'],
    ['an event that is not dotted', { events: ['department'] }, 'events'],
    ['an event with capitals', { events: ['Department.Created'] }, 'events'],
    ['a wildcard inside a name', { events: ['department.*'] }, 'events'],
    ['events that are not strings', { events: [42] }, 'events'],
    ['repeated events', { events: ['*', '*'] }, 'events'],
    ['an empty secret', { secret: '' }, 'secret'],
    ['no secret', { secret: undefined }, 'secret'],
    ['an unknown field', { active: false }, 'active'],
  ])('POST /webhooks with %s → 400', async (_what, change, field) => {
    const body = { url: 'https://93.184.215.14/hook', events: ['*'], secret: SECRET, ...change };
    const res = await request(t.http).post(api('/webhooks')).set(as(admin)).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('a database refusal of a webhook keeps its status mapping (the secret is scrubbed from the error)', async () => {
    await t.ds.query(
      `ALTER TABLE webhooks ADD CONSTRAINT test_refuse CHECK (secret <> 'refuse-this-secret')`,
    );
    try {
      const res = await request(t.http)
        .post(api('/webhooks'))
        .set(as(admin))
        .send({ url: rx.url('/refused'), events: ['*'], secret: 'refuse-this-secret' });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('urn:praxis:problem:invalid-value');
      expect(JSON.stringify(res.body)).not.toContain('refuse-this-secret');
    } finally {
      await t.ds.query('ALTER TABLE webhooks DROP CONSTRAINT test_refuse');
    }
  });

  it('a rolled-back change leaves no outbox row; a committed one leaves exactly one, undispatched', async () => {
    const audit = t.app.get(AuditService);
    const outboxRows = (type: string) =>
      t.ds.query<{ event_id: string; data: Record<string, unknown>; dispatched_at: Date | null }[]>(
        'SELECT event_id, data, dispatched_at FROM outbox WHERE type = $1',
        [type],
      );
    await expect(
      t.ds.transaction(async (em) => {
        await audit.append(em, { actor: SYSTEM, action: 'test.rolled_back', entityType: 'test' });
        throw new Error('the change fails after its event was appended');
      }),
    ).rejects.toThrow('the change fails');
    expect(await outboxRows('test.rolled_back')).toEqual([]);

    const [event] = await t.ds.transaction((em) =>
      audit.append(em, {
        actor: SYSTEM,
        action: 'test.committed',
        entityType: 'test',
        data: { n: 1 },
      }),
    );
    expect(await outboxRows('test.committed')).toEqual([
      {
        event_id: event.id,
        data: { n: 1, entityType: 'test', entityId: null, actor: { type: 'system', id: null } },
        dispatched_at: null,
      },
    ]);
  });

  it('outbox rows survive without any worker; another instance dispatches and delivers them, once', async () => {
    const hook = await subscribe(rx.url('/restart'), ['department.created']);
    const depts = [await createDepartment(t), await createDepartment(t)];
    const pending = await t.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox
        WHERE type = 'department.created' AND dispatched_at IS NULL AND data->>'entityId' = ANY($1)`,
      [depts.map((d) => d.id)],
    );
    expect(pending[0].n).toBe(2);
    expect(rx.on('/restart')).toHaveLength(0);

    // A second instance's workers on the same database, as after a restart or behind a
    // load balancer: both dispatch and deliver at once, and each event arrives once.
    const ds2 = await new DataSource(dataSourceOptions(t.dbUrl, 5)).initialize();
    try {
      const delivery2 = new WebhookDeliveryService(ds2, t.config, new JobRunner());
      const dispatcher2 = new OutboxDispatcherService(
        ds2,
        delivery2,
        new DomainHooks(),
        new JobRunner(),
      );
      await Promise.all([workers(t).dispatcher.dispatch(), dispatcher2.dispatch()]);
      await Promise.all([workers(t).delivery.deliverDue(), delivery2.deliverDue()]);
      await delivery2.onModuleDestroy();
    } finally {
      await ds2.destroy();
    }
    const got = rx.on('/restart').map((r) => parse(r).data.entityId);
    expect(got.sort()).toEqual(depts.map((d) => d.id).sort());
    expect((await deliveries(hook.id)).items.every((d) => d.status === 'delivered')).toBe(true);
  });

  it('the periodic dispatcher and worker deliver without being driven', async () => {
    const hook = await subscribe(rx.url('/background'), ['department.created']);
    const w = workers(t);
    w.dispatcher.startSchedule();
    w.delivery.startSchedule();
    try {
      await createDepartment(t);
      await until('the background delivery', () => rx.on('/background').length === 1, 10_000);
      await until('the outcome', async () =>
        (await deliveries(hook.id)).items.some((d) => d.status === 'delivered'),
      );
    } finally {
      stopSchedules(t);
      await w.delivery.deliverDue();
    }
  });
});

describe('webhook addresses with WEBHOOK_ALLOW_PRIVATE=false (e2e)', () => {
  let t: TestApp;
  let rx: Receiver;
  let admin: string;
  const create = (url: string) =>
    request(t.http)
      .post(api('/webhooks'))
      .set({ Authorization: `Bearer ${admin}` })
      .send({ url, events: ['*'], secret: SECRET });

  beforeAll(async () => {
    t = await createTestApp({ webhookAllowPrivate: false });
    stopSchedules(t);
    rx = await Receiver.start();
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await rx?.close();
    await t?.close();
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://127.1/hook',
    'http://localhost:8080/hook',
    'http://LocalHost:3000/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://0x7f000001/hook',
    'http://2130706433/hook',
    'http://017700000001/hook',
    'http://0.0.0.0/hook',
    'http://10.0.0.1/hook',
    'http://172.16.5.4/hook',
    'http://192.168.1.10/hook',
    'http://100.64.0.1/hook',
    'https://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/hook',
    'http://[fd00::1]/hook',
    'http://[::]/hook',
  ])('refuses %s with 400', async (url) => {
    const res = await create(url);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual([
      { field: 'url', message: expect.stringMatching(/loopback, link-local or private/) },
    ]);
  });

  it('refuses a host that does not resolve, and accepts a public address', async () => {
    const unknown = await create('https://praxis-webhook-test.invalid/hook');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toMatch(/could not be resolved/);
    await create('https://93.184.215.14/hook').expect(201);
  });

  it('checks the address again when delivering (a name that now points at loopback is not called)', async () => {
    // As if these had resolved to public addresses when they were created.
    const [literal] = await t.ds.query<{ id: string }[]>(
      `INSERT INTO webhooks (url, events, secret) VALUES ($1, '{department.created}', $2) RETURNING id`,
      [rx.url('/literal'), SECRET],
    );
    const [named] = await t.ds.query<{ id: string }[]>(
      `INSERT INTO webhooks (url, events, secret) VALUES ($1, '{department.created}', $2) RETURNING id`,
      [`http://localhost:${rx.port}/named`, SECRET],
    );
    await createDepartment(t);
    await workers(t).dispatcher.dispatch();
    await workers(t).delivery.deliverDue();
    expect(rx.received).toHaveLength(0);
    for (const hook of [literal, named]) {
      const [d] = await t.ds.query<{ status: string; attempts: number; last_error: string }[]>(
        'SELECT status, attempts, last_error FROM webhook_deliveries WHERE webhook_id = $1',
        [hook.id],
      );
      expect(d).toMatchObject({ status: 'pending', attempts: 1 });
      expect(d.last_error).toMatch(/loopback, link-local or private/);
    }
  });
});
