import {
  Global,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { isDatabaseUnavailable, OutageLog } from '../database/db-outage';

/**
 * How the instances of the service share a job's work (the job's handler does it; the
 * runner only keeps one process from overlapping the job with itself):
 * - `advisory-lock`: the handler takes `pg_try_advisory_xact_lock` and skips its turn
 *   when another instance holds it;
 * - `skip-locked`: the handler claims rows `FOR UPDATE SKIP LOCKED` (and leases them when
 *   the work outlives the transaction), so instances work side by side.
 */
export type JobCoordination = 'advisory-lock' | 'skip-locked';

export interface JobDefinition {
  /** The metrics label: `audit-sealer`. */
  name: string;
  /** How log lines name the worker: `audit sealer`. */
  title: string;
  /** The pause between the end of one run and the start of the next. */
  periodMs: number;
  coordination: JobCoordination;
  /** One run. Throwing counts as a failure. */
  run(): Promise<unknown>;
  /** The log line of a failure. */
  failureMessage: string;
  /** The worker's outage log, when its other paths (a pool's sends) share it. */
  outage?: OutageLog;
}

export interface JobStats {
  name: string;
  runs: number;
  failures: number;
  /** Epoch milliseconds, or null before the first. */
  lastRunAt: number | null;
  lastDurationMs: number | null;
  lastFailureAt: number | null;
}

/** One defined job: its schedule and what the runner knows about it. */
class Job {
  readonly stats: JobStats;
  readonly outage: OutageLog;
  /** The run under way (or the last one): runs of a job chain, never overlap. */
  current: Promise<void> = Promise.resolve();
  scheduled = false;
  /** A scheduled run is queued or under way (its next one is not yet timed). */
  looping = false;
  /** A kick arrived meanwhile: run again right after it. */
  again = false;
  timer: NodeJS.Timeout | null = null;
  /** Failures in a row that were bugs, not outages (only the first is logged). */
  streak = 0;

  constructor(
    readonly def: JobDefinition,
    readonly log: Logger,
  ) {
    this.outage = def.outage ?? new OutageLog(log, def.title);
    this.stats = {
      name: def.name,
      runs: 0,
      failures: 0,
      lastRunAt: null,
      lastDurationMs: null,
      lastFailureAt: null,
    };
  }
}

/**
 * The one way the service runs background work. Owners define their jobs (in
 * onModuleInit); the runner starts them once the application has booted, runs each
 * every `periodMs` after the previous run ended (so a job never overlaps itself in this
 * process), and on shutdown stops scheduling and waits for the runs under way. A failure
 * streak is logged once — one warning per database outage, one error for the first of a
 * run of other failures — and once more when the job runs cleanly again; every run and
 * failure is counted for /metrics (health/metrics.service.ts).
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private readonly jobs = new Map<string, Job>();
  private booted = false;
  private stopped = false;

  define(def: JobDefinition): void {
    if (this.jobs.has(def.name)) throw new Error(`Job ${def.name} is already defined`);
    const job = new Job(def, new Logger(def.title));
    this.jobs.set(def.name, job);
    if (this.booted) this.schedule(job);
  }

  onApplicationBootstrap(): void {
    this.booted = true;
    for (const job of this.jobs.values()) this.schedule(job);
  }

  /**
   * The service is stopping: a run that works through a backlog in batches ends after
   * the batch under way (what is left waits in its table for the next start), so a
   * stop is not held up by a backlog of any size.
   */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Stops every schedule and waits for the runs under way. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs.values()) this.pause(job.def.name);
    await Promise.all([...this.jobs.values()].map((j) => j.current));
  }

  /** Stops a job's schedule (tests drive the job by hand); a run under way finishes. */
  pause(name: string): void {
    const job = this.get(name);
    job.scheduled = false;
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
  }

  /** Starts a paused job's schedule again (once the application has booted). */
  resume(name: string): void {
    if (this.booted) this.schedule(this.get(name));
  }

  /**
   * Runs the job now, after any run under way, through the same path as its schedule
   * (logged and counted). Resolves when it has run; never rejects.
   */
  runNow(name: string): Promise<void> {
    return this.enqueue(this.get(name), false);
  }

  /**
   * Asks a scheduled job to run soon (new work just arrived): at once when idle, right
   * after the run under way otherwise. Ignored when the job is not scheduled (or not
   * defined: a worker built by hand, as a test's second instance).
   */
  kick(name: string): void {
    const job = this.jobs.get(name);
    if (!job?.scheduled) return;
    if (job.looping) {
      job.again = true;
      return;
    }
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    this.loop(job);
  }

  stats(): JobStats[] {
    return [...this.jobs.values()].map((j) => ({ ...j.stats }));
  }

  private get(name: string): Job {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No job ${name}`);
    return job;
  }

  private schedule(job: Job): void {
    if (this.stopped || job.scheduled) return;
    job.scheduled = true;
    this.wait(job);
  }

  private wait(job: Job): void {
    if (!job.scheduled) return;
    job.timer = setTimeout(() => this.loop(job), job.def.periodMs);
    // Shutdown stops the schedule explicitly; a pending pause never holds the process.
    job.timer.unref();
  }

  /** A run after the one under way; a scheduled one is dropped if the job was paused meanwhile. */
  private enqueue(job: Job, scheduled: boolean): Promise<void> {
    job.current = job.current.then(() =>
      scheduled && !job.scheduled ? undefined : this.tick(job),
    );
    return job.current;
  }

  private loop(job: Job): void {
    job.timer = null;
    job.looping = true;
    void this.enqueue(job, true).then(() => {
      job.looping = false;
      if (job.again) {
        job.again = false;
        this.loop(job);
      } else if (!job.timer) this.wait(job);
    });
  }

  private async tick(job: Job): Promise<void> {
    const started = Date.now();
    try {
      await job.def.run();
      this.succeeded(job);
    } catch (err) {
      this.failed(job, err, started);
    } finally {
      job.stats.runs++;
      job.stats.lastRunAt = started;
      job.stats.lastDurationMs = Date.now() - started;
    }
  }

  private succeeded(job: Job): void {
    if (job.streak > 0) {
      job.log.log(
        { worker: job.def.title, failures: job.streak },
        `${job.def.title}: runs again after ${job.streak} failed run(s)`,
      );
      job.streak = 0;
    }
    job.outage.ok();
  }

  private failed(job: Job, err: unknown, started: number): void {
    job.stats.failures++;
    job.stats.lastFailureAt = started;
    if (isDatabaseUnavailable(err)) {
      job.outage.failed(err, job.def.failureMessage); // one warning per outage
      return;
    }
    if (job.streak++ === 0) job.outage.failed(err, job.def.failureMessage);
  }
}

/** Global, so each module defines its jobs without importing another module. */
@Global()
@Module({ providers: [JobRunner], exports: [JobRunner] })
export class JobsModule {}
