import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../src/app';
import { RevisionActivationService } from '../src/documents/revision-activation.service';
import { BootstrapService } from '../src/seed/bootstrap.service';
import { TrainingOverdueService } from '../src/training/training-overdue.service';
import { ADMIN_EMAIL, api, createTestDatabase, PASSWORD, testConfig } from './helpers/app';
import { startTcpProxy, TcpProxy } from './helpers/tcp-proxy';

interface LogLine {
  level: number;
  msg: string;
  worker?: string;
  req?: unknown;
  err?: { stack?: string };
  [k: string]: unknown;
}

/** Every background loop that touches the database, as its outage lines name it. */
const TICKING = [
  'audit sealer',
  'audit checkpoint',
  'outbox dispatcher',
  'WebhookDelivery',
  'EmailDelivery',
];
const SCHEDULED = ['overdue assignments job', 'effective-date scheduler'];
const WORKERS = [...TICKING, ...SCHEDULED];
const WARN = 40;

let debug = () => '';
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${debug()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PostgreSQL goes away and comes back', () => {
  let app: NestFastifyApplication;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  const lines: LogLine[] = [];
  const logs = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  const outages = (worker: string) =>
    lines.filter((l) => l.worker === worker && l.level === WARN && /unavailable/.test(l.msg));
  const recoveries = (worker: string) =>
    lines.filter((l) => l.worker === worker && /resumed/.test(l.msg));

  debug = () =>
    `: refused ${proxy.refused}; ` +
    JSON.stringify(WORKERS.map((w) => [w, outages(w).length, recoveries(w).length]));
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    proxy = await startTcpProxy(db.url);
    const config = testConfig(proxy.url, {
      logLevel: 'info',
      // the e-mail worker runs only with SMTP_URL; nothing is ever sent to this address
      smtpUrl: 'smtp://127.0.0.1:9',
      auditCheckpointIntervalSeconds: 1,
    });
    app = await createApp(config, { poolSize: 4, logDestination: logs });
    await app.get(BootstrapService).run();
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await drop?.();
  });

  it('answers 503 with Retry-After, logs each worker once, and recovers by itself', async () => {
    const http = app.getHttpServer();
    const login = await request(http)
      .post(api('/auth/login'))
      .send({ email: ADMIN_EMAIL, password: PASSWORD });
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
    expect((await request(http).get(api('/departments')).set(auth)).status).toBe(200);

    proxy.cut();

    const down = await until('a 503 from the API', async () => {
      const res = await request(http).get(api('/departments')).set(auth);
      return res.status === 503 ? res : undefined;
    });
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.headers['retry-after']).toMatch(/^\d+$/);
    expect(down.body).toMatchObject({
      type: 'urn:praxis:problem:database-unavailable',
      status: 503,
    });
    const write = await request(http)
      .post(api('/departments'))
      .set(auth)
      .send({ code: 'OUT', name: 'During the outage' });
    expect(write.status).toBe(503);
    const signIn = await request(http)
      .post(api('/auth/login'))
      .send({ email: ADMIN_EMAIL, password: PASSWORD });
    expect(signIn.status).toBe(503);
    const ready = await request(http).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toMatch(/^\d+$/);
    const live = await request(http).get('/health/live');
    expect(live.status).toBe(200);
    // The access log: one line per request, a 503 at warn (not an error per request), with
    // the request id the answer carried.
    const access = (id: string) => lines.filter((l) => (l.req as { id?: string })?.id === id);
    expect(access(down.headers['x-request-id'])).toEqual([
      expect.objectContaining({
        level: WARN,
        msg: 'request errored',
        req: expect.objectContaining({ method: 'GET', url: api('/departments') }),
        res: { statusCode: 503 },
        responseTime: expect.any(Number),
      }),
    ]);
    await until('the access line of /health/live', async () =>
      access(live.headers['x-request-id']).length ? true : undefined,
    );
    expect(access(live.headers['x-request-id'])).toEqual([
      expect.objectContaining({ level: 30, msg: 'request completed', res: { statusCode: 200 } }),
    ]);

    // The scheduled jobs run every minute or five: run their ticks by hand, twice each.
    for (let i = 0; i < 2; i++) {
      await app.get(TrainingOverdueService).runScheduled();
      await app.get(RevisionActivationService).runScheduled();
    }
    // Many ticks of the fast loops (every 200-250 ms, the checkpoint every second) fail...
    await until('the loops to keep trying', async () =>
      proxy.refused >= 40 && TICKING.every((w) => outages(w).length > 0) ? true : undefined,
    );
    // ...and each worker said so once, without a stack trace.
    for (const worker of WORKERS) expect([worker, outages(worker).length]).toEqual([worker, 1]);
    expect(lines.filter((l) => l.err?.stack)).toEqual([]);
    expect(lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);

    proxy.restore();

    await until('the API to answer again', async () => {
      const res = await request(http).get(api('/departments')).set(auth);
      return res.status === 200 ? true : undefined;
    });
    expect((await request(http).get('/health/ready')).status).toBe(200);
    const created = await request(http)
      .post(api('/departments'))
      .set(auth)
      .send({ code: 'BACK', name: 'After the outage' });
    expect(created.status).toBe(201);
    await app.get(TrainingOverdueService).runScheduled();
    await app.get(RevisionActivationService).runScheduled();
    await until('every worker to log its recovery', async () =>
      WORKERS.every((w) => recoveries(w).length === 1) ? true : undefined,
    );
    // The trail written before, during (nothing) and after the outage is whole.
    const verify = await request(http).get(api('/audit-events/verify')).set(auth);
    expect(verify.body).toMatchObject({ valid: true });
    for (const worker of WORKERS) expect(outages(worker)).toHaveLength(1);
  });
});
