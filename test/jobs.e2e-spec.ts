import request from 'supertest';
import { JobRunner } from '../src/common/jobs';
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
