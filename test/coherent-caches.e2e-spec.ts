import { Client } from 'pg';
import request from 'supertest';
import { AuthService } from '../src/auth/auth.service';
import { LISTENER_APPLICATION } from '../src/database/change-listener';
import { UsersDirectory } from '../src/users/users-directory.service';
import { api, createTestApp, TestApp } from './helpers/app';
import { docs, sopBody } from './helpers/documents';
import { createUser, patchUser, TestUser } from './helpers/factories';
import { startServiceProcess, ServiceProcess } from './helpers/service-process';
import { BrowserSession, browserSession } from './helpers/sessions';
import { training } from './helpers/training';

type Http = TestApp['http'] | string;

interface Credentials {
  user: TestUser;
  key: { id: string; key: string };
  session: BrowserSession;
}

/** Polls `check` until it holds, failing after 10 s. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How many instances listen for changes on `url`'s database. */
async function listeners(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = '${LISTENER_APPLICATION}' AND datname = current_database()
          AND query ILIKE 'LISTEN%'`,
    );
    return rows[0].n;
  } finally {
    await c.end();
  }
}

/**
 * Cuts off every instance's listening connection, runs `change` on its own connection
 * while none is listening, and waits until both instances listen again.
 */
async function whileNobodyListens(url: string, change: string, values: unknown[]): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = '${LISTENER_APPLICATION}' AND datname = current_database()`,
    );
    await admin.query(change, values);
  } finally {
    await admin.end();
  }
  await until('the listeners to reconnect', async () => (await listeners(url)) === 2);
}

/**
 * Principals and pages of revision history are cached per instance, and every change
 * that ends or alters one is visible on the very next request, on this instance and on
 * another one on the same database (they learn of it through LISTEN/NOTIFY). Instance b
 * is a process of its own (passport's strategies are per process).
 */
describe('principal and revision-history caches across two instances', () => {
  let a: TestApp;
  let b: ServiceProcess;
  let bHttp: Http;
  beforeAll(async () => {
    a = await createTestApp();
    b = await startServiceProcess(a.dbUrl);
    bHttp = b.base;
    await until('both listeners', async () => (await listeners(a.dbUrl)) === 2);
  });
  afterAll(async () => {
    b.proc.kill('SIGTERM');
    await b.exited;
    await a.close();
  });

  const kinds = ['bearer', 'key', 'cookie'] as const;
  type Kind = (typeof kinds)[number];
  const headers = (c: Credentials, kind: Kind): Record<string, string> =>
    kind === 'bearer'
      ? { Authorization: `Bearer ${c.user.token}` }
      : kind === 'key'
        ? { 'X-API-Key': c.key.key }
        : { Cookie: c.session.cookie };
  const get = (http: Http, path: string, c: Credentials, kind: Kind) =>
    request(http).get(api(path)).set(headers(c, kind));

  async function credentials(roles: TestUser['roles'] = ['staff']): Promise<Credentials> {
    const user = await createUser(a, { roles });
    const res = await request(a.http)
      .post(api('/api-keys'))
      .set('Authorization', `Bearer ${user.token}`)
      .send({ name: 'cache test' });
    expect(res.status).toBe(201);
    const session = await browserSession(a, user.email, user.password);
    return { user, key: res.body as { id: string; key: string }, session };
  }

  /** Every credential answers `status` on `path`, on both instances (twice: cached too). */
  async function expectAll(
    c: Credentials,
    path: string,
    status: number,
    only: Kind[] = [...kinds],
  ) {
    const seen: string[] = [];
    for (const [name, http] of [
      ['a', a.http],
      ['b', bHttp],
    ] as const)
      for (const kind of only)
        for (let i = 0; i < 2; i++)
          seen.push(`${name} ${kind} ${(await get(http, path, c, kind)).status}`);
    expect(seen).toEqual(seen.map((s) => s.replace(/\d+$/, String(status))));
  }

  it('serves repeated requests without asking the database for the principal', async () => {
    const c = await credentials();
    const principalFor = jest.spyOn(AuthService.prototype, 'principalFor');
    try {
      for (let i = 0; i < 5; i++)
        expect((await get(a.http, '/auth/me', c, 'bearer')).status).toBe(200);
      const asked = principalFor.mock.calls.filter(([id]) => id === c.user.id);
      expect(asked.length).toBeLessThanOrEqual(1);
    } finally {
      principalFor.mockRestore();
    }
  });

  it('principals read together each get their own, and a deactivated one none', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => createUser(a)));
    await patchUser(a, users[3].id, { active: false });
    const directory = a.app.get(UsersDirectory);
    const asked = jest.spyOn(directory.principals, 'submit');
    // Statements on the pool, as preparedQuery runs them ({ name, text, values }).
    const pool = (a.ds.driver as unknown as { master: { query: (q: unknown) => unknown } }).master;
    const lookups = jest.spyOn(pool, 'query');
    // Hold the users table, so the first lookup waits and every later one queues behind it.
    const hold = a.ds.createQueryRunner();
    await hold.startTransaction();
    try {
      await hold.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const calls = users.map((user) =>
        request(a.http)
          .get(api('/auth/me'))
          .set('Authorization', `Bearer ${user.token}`)
          .then((r) => r),
      );
      await until('every lookup to be asked for', () => asked.mock.calls.length === users.length);
      await hold.commitTransaction();
      const answers = await Promise.all(calls);
      expect(answers.map((r) => r.status)).toEqual(users.map((_, i) => (i === 3 ? 401 : 200)));
      answers.forEach((r, i) => i !== 3 && expect(r.body.email).toBe(users[i].email));
      const statements = lookups.mock.calls.filter(
        ([q]) => (q as { name?: string }).name === 'principals_for_gen',
      );
      // The batch that waited, and one for all that queued behind it: not one each.
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.length).toBeLessThanOrEqual(2);
    } finally {
      if (hold.isTransactionActive) await hold.rollbackTransaction();
      await hold.release();
      lookups.mockRestore();
      asked.mockRestore();
    }
  });

  it('deactivation on one instance refuses every credential on both at once', async () => {
    const c = await credentials();
    await expectAll(c, '/auth/me', 200);
    await patchUser(a, c.user.id, { active: false });
    await expectAll(c, '/auth/me', 401);
  });

  it('a role change applies to the next request on both instances', async () => {
    const c = await credentials();
    await expectAll(c, '/users', 403);
    await patchUser(a, c.user.id, { roles: ['quality_lead'] });
    await expectAll(c, '/users', 200);
    await patchUser(a, c.user.id, { roles: ['staff'] });
    await expectAll(c, '/users', 403);
  });

  it('a revoked API key and an ended session are refused on the other instance at once', async () => {
    const c = await credentials();
    await expectAll(c, '/auth/me', 200);
    const revoked = await request(a.http)
      .delete(api(`/api-keys/${c.key.id}`))
      .set('Authorization', `Bearer ${c.user.token}`);
    expect(revoked.status).toBe(204);
    await expectAll(c, '/auth/me', 401, ['key']);
    const ended = await request(a.http)
      .delete(api('/auth/session'))
      .set('Cookie', c.session.cookie)
      .set('X-CSRF-Token', c.session.csrf);
    expect(ended.status).toBe(204);
    await expectAll(c, '/auth/me', 401, ['cookie']);
    await expectAll(c, '/auth/me', 200, ['bearer']);
  });

  it('signing out everywhere on one instance ends the tokens and sessions on the other', async () => {
    const c = await credentials();
    await expectAll(c, '/auth/me', 200);
    const res = await request(bHttp)
      .post(api('/auth/sign-out-everywhere'))
      .set('Authorization', `Bearer ${c.user.token}`);
    expect(res.status).toBe(204);
    await expectAll(c, '/auth/me', 401, ['bearer', 'cookie']);
    await expectAll(c, '/auth/me', 200, ['key']);
  });

  it('a change written straight into the database is seen too, and none is lost while a listener is down', async () => {
    const c = await credentials();
    const other = await credentials();
    await expectAll(c, '/auth/me', 200);
    await expectAll(other, '/auth/me', 200);
    await a.ds.query('UPDATE users SET active = false WHERE id = $1', [c.user.id]);
    await expectAll(c, '/auth/me', 401);
    // The idle timeout passing, as a test makes it pass: last seen set back by hand.
    await a.ds.query(
      `UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = $1`,
      [other.user.id],
    );
    await expectAll(other, '/auth/me', 401, ['cookie']);

    // Both listeners are cut off; a change made meanwhile reaches neither of them.
    await whileNobodyListens(a.dbUrl, 'UPDATE users SET active = false WHERE id = $1', [
      other.user.id,
    ]);
    await expectAll(other, '/auth/me', 401);
  });

  /** The document calls of the test helpers, made to instance b. */
  const onB = () => docs({ ...a, http: bHttp } as unknown as TestApp);

  /**
   * What `user` gets as `docId`'s history on both instances, twice each (the second from
   * the cache where it keeps it): the status and, per revision, id, status, signatures and
   * change summary. Every answer must be the same.
   */
  async function historyEverywhere(user: TestUser, docId: string): Promise<string[]> {
    const seen: string[][] = [];
    for (const http of [a.http, bHttp])
      for (let i = 0; i < 2; i++) {
        const res = await request(http)
          .get(api(`/documents/${docId}/revisions`))
          .set('Authorization', `Bearer ${user.token}`);
        const items = (res.body.items ?? []) as {
          id: string;
          status: string;
          signatures: unknown[];
          changeSummary: string | null;
        }[];
        seen.push([
          String(res.status),
          ...items.map((r) => `${r.id} ${r.status} ${r.signatures.length} ${r.changeSummary}`),
        ]);
      }
    for (const s of seen.slice(1)) expect(s).toEqual(seen[0]);
    return seen[0];
  }

  it('a revision history changed through either instance, or the database, is answered changed by both at once', async () => {
    const [lead, approver, staff, newcomer] = await Promise.all([
      createUser(a, { roles: ['quality_lead'] }),
      createUser(a, { roles: ['approver'] }),
      createUser(a),
      createUser(a),
    ]);
    const d = docs(a);
    const doc = await d.publish(lead, approver);
    const first = `${doc.revId} effective 1`;
    expect(await historyEverywhere(lead, doc.id)).toEqual(['200', expect.stringMatching(first)]);
    expect(await historyEverywhere(staff, doc.id)).toEqual(['200', expect.stringMatching(first)]);

    // Kept: further reads on this instance do not ask the database for the history.
    const pool = (a.ds.driver as unknown as { master: { query: (q: unknown) => unknown } }).master;
    const statements = jest.spyOn(pool, 'query');
    try {
      for (let i = 0; i < 3; i++) await d.history(lead, doc.id).expect(200);
      const asked = statements.mock.calls.filter(([q]) =>
        String((q as { name?: string }).name).startsWith('revision_history'),
      );
      expect(asked).toHaveLength(0);
    } finally {
      statements.mockRestore();
    }

    // Acknowledged on b, then superseded by a revision approved on b: the acknowledging
    // reader keeps the superseded one, one who never read it sees only the new one.
    await training({ ...a, http: bHttp } as unknown as TestApp)
      .ack(staff, doc.revId)
      .expect(201);
    const second = await onB().revise(lead, approver, doc.id, sopBody('A new step.'));
    const now = [expect.stringMatching(`${second} effective 1`)];
    const superseded = expect.stringMatching(`${doc.revId} superseded 1`);
    expect(await historyEverywhere(lead, doc.id)).toEqual(['200', ...now, superseded]);
    expect(await historyEverywhere(staff, doc.id)).toEqual(['200', ...now, superseded]);
    expect(await historyEverywhere(newcomer, doc.id)).toEqual(['200', ...now]);

    // Submitted on a: the assigned approver sees it in review, staff do not.
    const third = await d.submitted(lead, doc.id, [approver]);
    const inReview = expect.stringMatching(`${third} in_review 0`);
    expect(await historyEverywhere(approver, doc.id)).toEqual(['200', inReview, ...now]);
    expect(await historyEverywhere(newcomer, doc.id)).toEqual(['200', ...now]);
    // Signed on b.
    await onB().sign(approver, third, 'approved').expect(201);
    const history = await historyEverywhere(lead, doc.id);
    expect(history[1]).toMatch(`${third} effective 1`);

    // Written straight into the database, by no instance.
    await a.ds.query(`UPDATE revisions SET change_summary = 'Changed by hand' WHERE id = $1`, [
      third,
    ]);
    expect((await historyEverywhere(lead, doc.id))[1]).toMatch(/ Changed by hand$/);
  });

  it('a history change made while the listeners are down is answered once they are back', async () => {
    const [lead, approver] = await Promise.all([
      createUser(a, { roles: ['quality_lead'] }),
      createUser(a, { roles: ['approver'] }),
    ]);
    const doc = await docs(a).publish(lead, approver);
    expect((await historyEverywhere(lead, doc.id))[1]).not.toMatch(/ While nobody listened$/);
    await whileNobodyListens(
      a.dbUrl,
      `UPDATE revisions SET change_summary = 'While nobody listened' WHERE id = $1`,
      [doc.revId],
    );
    expect((await historyEverywhere(lead, doc.id))[1]).toMatch(/ While nobody listened$/);
  });
});
