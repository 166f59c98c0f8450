import { JobRunner } from '../src/common/jobs';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestApp, TestApp } from './helpers/app';

describe('migrations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('each down() undoes its up(): all the way down and back up, in one rolled-back transaction', async () => {
    const qr = t.ds.createQueryRunner();
    const tables = async () =>
      (
        await qr.manager.query<{ name: string }[]>(
          `SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
        )
      ).map((r) => r.name);
    const schema = async () =>
      qr.manager.query<unknown[]>(
        `SELECT c.relname, c.relkind, pg_get_indexdef(i.indexrelid) AS indexdef
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_index i ON i.indexrelid = c.oid
          WHERE n.nspname = 'public' AND c.relname NOT LIKE 'migrations%' ORDER BY 1`,
      );
    // The workers keep still meanwhile: a run that holds one table (the outbox) and waits
    // for another the teardown has locked (audit_events) deadlocks with it when the
    // teardown reaches the first.
    const jobs = t.app.get(JobRunner);
    for (const { name } of jobs.stats()) jobs.pause(name);
    await Promise.all(jobs.stats().map(({ name }) => jobs.runNow(name)));
    try {
      await qr.startTransaction();
      const before = await schema();
      expect(await tables()).toContain('acknowledgements');
      for (const M of [...MIGRATIONS].reverse()) await new M().down(qr);
      expect(await tables()).toEqual([]);
      for (const M of MIGRATIONS) await new M().up(qr);
      expect(await schema()).toEqual(before);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });
});
