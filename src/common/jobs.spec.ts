import { Logger } from '@nestjs/common';
import { JobRunner } from './jobs';

/** Polls until `probe` holds, or fails at the deadline. */
async function until(what: string, probe: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A run that finishes when the test says so. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

describe('JobRunner', () => {
  const lines: [string, unknown][] = [];
  beforeEach(() => {
    lines.length = 0;
    for (const level of ['log', 'warn', 'error'] as const)
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        lines.push([level, args[0]]);
      });
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts runs and failures, and logs a failure streak once and its end once', async () => {
    const jobs = new JobRunner();
    let fail = true;
    jobs.define({
      name: 'flaky',
      title: 'flaky job',
      periodMs: 60_000,
      coordination: 'advisory-lock',
      failureMessage: 'flaky job failed',
      run: () => (fail ? Promise.reject(new TypeError('a bug')) : Promise.resolve()),
    });
    for (let i = 0; i < 3; i++) await jobs.runNow('flaky');
    const [afterFailures] = jobs.stats();
    expect(afterFailures).toMatchObject({ name: 'flaky', runs: 3, failures: 3 });
    expect(afterFailures.lastFailureAt).toBe(afterFailures.lastRunAt);
    fail = false;
    await jobs.runNow('flaky');
    await jobs.runNow('flaky');
    expect(jobs.stats()[0]).toMatchObject({ runs: 5, failures: 3 });
    expect(jobs.stats()[0].lastRunAt).toBeGreaterThanOrEqual(afterFailures.lastFailureAt!);
    expect(lines.map(([level]) => level)).toEqual(['error', 'log']);
    expect(lines[1][1]).toEqual({ worker: 'flaky job', failures: 3 });
  });

  it('never overlaps a job with itself, and shutdown waits for the run under way', async () => {
    const jobs = new JobRunner();
    let running = 0;
    let most = 0;
    let runs = 0;
    const gates = [gate(), gate()];
    jobs.define({
      name: 'slow',
      title: 'slow job',
      periodMs: 1,
      coordination: 'skip-locked',
      failureMessage: 'slow job failed',
      run: async () => {
        most = Math.max(most, ++running);
        await gates[Math.min(runs++, 1)].opened;
        running--;
      },
    });
    jobs.onApplicationBootstrap();
    await until('the first run to start', () => running === 1);
    jobs.kick('slow'); // asks for another run: after this one, not beside it
    void jobs.runNow('slow');
    gates[0].open();
    await until('the next run to start', () => runs === 2 && running === 1);

    let stopped = false;
    const stopping = jobs.onModuleDestroy().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false); // still waiting for the run under way
    gates[1].open();
    await stopping;
    expect(running).toBe(0);
    expect(most).toBe(1);
    expect(runs).toBe(2); // the kick's run, queued behind the second, was dropped by the stop
    jobs.kick('slow'); // ignored once stopped
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
  });
});
