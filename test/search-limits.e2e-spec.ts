import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, PROBLEM, sopBody } from './helpers/documents';
import { TestUser, usersByRole } from './helpers/factories';

/**
 * Holds ACCESS EXCLUSIVE on revisions in a transaction of its own, so that every search
 * waits (holding its pool connection) until `release`; `blockedSearches` counts them
 * (over this connection, as the app's pool may be exhausted).
 */
async function lockRevisions(
  t: TestApp,
): Promise<{ blockedSearches(): Promise<number>; release(): Promise<void> }> {
  const c = new Client({ connectionString: t.dbUrl });
  await c.connect();
  const watch = new Client({ connectionString: t.dbUrl });
  await watch.connect();
  await c.query('BEGIN');
  await c.query('LOCK TABLE revisions IN ACCESS EXCLUSIVE MODE');
  return {
    blockedSearches: async () => {
      const { rows } = await watch.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'
            AND query LIKE '%websearch_to_tsquery%'`,
      );
      return rows[0].n;
    },
    release: async () => {
      await c.query('ROLLBACK');
      await Promise.all([c.end(), watch.end()]);
    },
  };
}

async function until(what: string, check: () => Promise<boolean>, deadlineMs = 20_000) {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('search limits', () => {
  describe('a share of the pool', () => {
    let t: TestApp;
    let u: Record<Role, TestUser>;
    beforeAll(async () => {
      t = await createTestApp(); // a pool of 10: 2 searches at a time, 16 waiting
      u = await usersByRole(t);
      await docs(t).publish(u.quality_lead, u.approver, { body: sopBody('The walrus rule.') });
    });
    afterAll(() => t.close());

    it('leaves connections for other requests while searches are stuck, and answers 503 past the queue', async () => {
      const lock = await lockRevisions(t);
      let released = false;
      try {
        let refused = 0;
        const searches = Array.from({ length: 20 }, () =>
          request(t.http)
            .get(api('/search?q=walrus'))
            .set(auth(u.staff))
            .then((r) => {
              if (r.status === 503) refused++;
              return r;
            }),
        );
        // 2 searching (stuck on the lock), 16 waiting their turn, 2 refused at once
        await until('two searches refused', () => Promise.resolve(refused >= 2));
        await until(
          'two searches stuck on the lock',
          async () => (await lock.blockedSearches()) >= 2,
        );
        // Before the cap, searches held all 10 connections and this waited for the lock.
        let timer: NodeJS.Timeout | undefined;
        const me = await Promise.race([
          request(t.http).get(api('/auth/me')).set(auth(u.admin)),
          new Promise<null>((r) => (timer = setTimeout(() => r(null), 15_000))),
        ]);
        clearTimeout(timer);
        expect(me?.status).toBe(200);
        expect(await lock.blockedSearches()).toBe(2);
        await lock.release();
        released = true;
        const answers = await Promise.all(searches);
        const statuses = answers.map((r) => r.status).sort();
        expect(statuses).toEqual([...Array<number>(18).fill(200), 503, 503]);
        const busy = answers.find((r) => r.status === 503)!;
        expect(busy.headers['content-type']).toMatch(PROBLEM);
        expect(busy.headers['retry-after']).toBe('1');
        expect(busy.body.type).toBe('urn:praxis:problem:search-busy');
        expect(answers.find((r) => r.status === 200)!.body.items).toHaveLength(1);
      } finally {
        if (!released) await lock.release();
      }
    });
  });

  describe('a statement timeout', () => {
    let t: TestApp;
    let u: Record<Role, TestUser>;
    beforeAll(async () => {
      t = await createTestApp({ searchTimeoutMs: 200 });
      u = await usersByRole(t);
      await docs(t).publish(u.quality_lead, u.approver, { body: sopBody('The narwhal rule.') });
    });
    afterAll(() => t.close());

    it('answers a search that runs past it with 503 search-timeout and Retry-After', async () => {
      const lock = await lockRevisions(t);
      let res;
      try {
        res = await request(t.http).get(api('/search?q=narwhal')).set(auth(u.staff));
      } finally {
        await lock.release();
      }
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({
        type: 'urn:praxis:problem:search-timeout',
        status: 503,
        detail: expect.stringMatching(/more specific/),
      });
      const ok = await request(t.http).get(api('/search?q=narwhal')).set(auth(u.staff));
      expect(ok.status).toBe(200);
      expect(ok.body.items).toHaveLength(1);
    });
  });
});
