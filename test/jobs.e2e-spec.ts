import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobRunner } from '../src/common/jobs';
import { OutboxDispatcherService } from '../src/notifications/outbox-dispatcher.service';
import { createTestApp, TestApp } from './helpers/app';

/** One sample of a job metric from /metrics, or undefined. */
async function sample(t: TestApp, metric: string, job: string): Promise<number | undefined> {
  const res = await request(t.http).get('/metrics').expect(200);
  const line = res.text.split('\n').find((l) => l.startsWith(`${metric}{job="${job}"} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('background jobs in /metrics', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('shows each job’s runs, failures and last run, a forced failure included', async () => {
    // The sealer runs every 200 ms once the app has booted.
    const deadline = Date.now() + 30_000;
    while (!((await sample(t, 'job_runs_total', 'audit-sealer')) ?? 0)) {
      if (Date.now() > deadline) throw new Error('the audit sealer never ran');
    }
    expect(await sample(t, 'job_last_run_timestamp_seconds', 'audit-sealer')).toBeGreaterThan(0);
    expect(await sample(t, 'job_failures_total', 'audit-sealer')).toBe(0);
    for (const job of ['outbox-dispatcher', 'webhook-delivery', 'training-overdue'])
      expect(await sample(t, 'job_failures_total', job)).toBe(0);

    const jobs = t.app.get(JobRunner);
    let fail = true;
    jobs.define({
      name: 'test-forced',
      title: 'forced failure',
      periodMs: 3_600_000,
      coordination: 'advisory-lock',
      failureMessage: 'forced failure',
      run: () => (fail ? Promise.reject(new Error('forced')) : Promise.resolve()),
    });
    await jobs.runNow('test-forced');
    await jobs.runNow('test-forced');
    expect(await sample(t, 'job_runs_total', 'test-forced')).toBe(2);
    expect(await sample(t, 'job_failures_total', 'test-forced')).toBe(2);
    const failedAt = await sample(t, 'job_last_failure_timestamp_seconds', 'test-forced');
    expect(failedAt).toBe(await sample(t, 'job_last_run_timestamp_seconds', 'test-forced'));
    fail = false;
    await jobs.runNow('test-forced');
    expect(await sample(t, 'job_runs_total', 'test-forced')).toBe(3);
    expect(await sample(t, 'job_failures_total', 'test-forced')).toBe(2);
    expect(await sample(t, 'job_last_failure_timestamp_seconds', 'test-forced')).toBe(failedAt);
    expect(await sample(t, 'job_last_duration_seconds', 'test-forced')).toBeGreaterThanOrEqual(0);
  });
});

describe('a stop with a backlog', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('ends a backlog run after the batch under way, leaving the rest for the next start', async () => {
    const jobs = t.app.get(JobRunner);
    // What a stop does first: no more schedules, and the runs under way finished.
    await jobs.onModuleDestroy();
    expect(jobs.stopping).toBe(true);
    const dispatcher = t.app.get(OutboxDispatcherService);
    await dispatcher.dispatch(); // what the app's start-up wrote (less than a batch)
    const ds = t.app.get(DataSource);
    await ds.query(
      `INSERT INTO outbox (event_id, type, occurred_at, data)
       SELECT gen_random_uuid(), 'test.backlog', now(), '{}'::jsonb FROM generate_series(1, 2500)`,
    );
    // One batch (1,000 events) instead of the whole backlog.
    const done = await dispatcher.dispatch();
    expect(done.events).toBe(1000);
    const [left] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'test.backlog' AND dispatched_at IS NULL`,
    );
    expect(left.n).toBe(1500);
  });
});
