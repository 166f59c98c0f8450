import http from 'node:http';
import net from 'node:net';
import { Client } from 'pg';
import { ADMIN_EMAIL, createTestDatabase, PASSWORD } from './helpers/app';
import { ServiceProcess, startServiceProcess } from './helpers/service-process';

interface Answer {
  status: number;
  body: string;
  connection: string | undefined;
}

function call(
  base: string,
  agent: http.Agent,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, agent, headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function until(what: string, probe: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const refused = (base: string) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });

describe('SIGTERM', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: ServiceProcess;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startServiceProcess(db.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    if (service && service.proc.exitCode === null) service.proc.kill('SIGKILL');
    await sql?.end();
    await db?.drop();
  });

  it('answers the requests in flight, stops the workers and the pool, and exits', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const login = await call(
      service.base,
      agent,
      'POST',
      '/api/v1/auth/login',
      {},
      {
        email: ADMIN_EMAIL,
        password: PASSWORD,
      },
    );
    expect(login.status).toBe(200);
    const auth = {
      Authorization: `Bearer ${(JSON.parse(login.body) as { accessToken: string }).accessToken}`,
    };

    // Requests in flight: held by a lock on the table they read until after SIGTERM.
    await sql.query('BEGIN');
    await sql.query('LOCK TABLE departments IN ACCESS EXCLUSIVE MODE');
    const slow = [1, 2, 3].map(() => call(service.base, agent, 'GET', '/api/v1/departments', auth));
    await until('the slow requests to reach the lock', async () => {
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return rows[0].n > 0;
    });

    // A stream of requests on keep-alive connections, until the service refuses new ones.
    const answers: Answer[] = [];
    const errors: string[] = [];
    const stream = [1, 2, 3, 4].map(async () => {
      for (;;) {
        try {
          answers.push(await call(service.base, agent, 'GET', '/api/v1/auth/me', auth));
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? String(err);
          // Refused at connect: nothing was sent, the client (or balancer) goes elsewhere.
          if (code !== 'ECONNREFUSED') errors.push(code);
          return;
        }
      }
    });
    await until('the stream to flow', () => Promise.resolve(answers.length >= 20));
    const beforeSignal = answers.length;

    service.proc.kill('SIGTERM');
    await until('the service to refuse new connections', () => refused(service.base));
    // Still up, answering what it has: the in-flight requests wait on the lock.
    expect(service.proc.exitCode).toBeNull();
    await sql.query('COMMIT');

    const slowAnswers = await Promise.all(slow);
    for (const a of slowAnswers) {
      expect(a.status).toBe(200);
      expect(a.connection).toBe('close');
    }
    await Promise.all(stream);
    expect(errors).toEqual([]);
    expect(answers.length).toBeGreaterThan(beforeSignal);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);

    expect(await service.exited).toBe(0);
    // No session of the service is left: the pool ended and every lock went with it.
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(rows[0].n).toBe(0);
    expect(service.output()).not.toMatch(/error|Error/);
    agent.destroy();
  });
});
