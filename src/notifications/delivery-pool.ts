import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutageLog } from '../database/db-outage';

/** Seconds before a failed attempt is retried: 2^attempts, capped at an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** attempts, 3600);
}

/**
 * How long a claimed job stays invisible to other workers: well past the send
 * timeout, so a worker that dies mid-send only delays the job by this much.
 */
export const LEASE_SECONDS = 60;

/**
 * Queue bookkeeping (claims, leases, outcomes) does not wait for its commit to reach
 * disk. A database crash can lose the last few milliseconds of it, which makes a
 * delivery happen again (at least once, as receivers are told to expect), never
 * disappear; the outbox and the jobs themselves are written durably by the change.
 */
export const ASYNC_COMMIT = 'SET LOCAL synchronous_commit = off';

export interface Job {
  id: string;
  /** Jobs with the same key (one webhook) share a concurrency cap. */
  key: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

export interface Outcome {
  ok: boolean;
  /** Do not retry (e.g. the recipient no longer exists). */
  permanent?: boolean;
  statusCode?: number | null;
  error?: string | null;
}

export interface Recorded<J extends Job> {
  job: J;
  outcome: Outcome;
  status: 'pending' | 'delivered' | 'failed';
  /** Seconds until the next attempt (status pending). */
  retryIn: number;
}

export interface PoolOptions<J extends Job> {
  name: string;
  concurrency: number;
  perKey: number;
  maxAttempts: number;
  /** Ids (and keys) of due jobs, locked FOR UPDATE SKIP LOCKED, skipping saturated keys. */
  candidates(em: EntityManager, limit: number, saturated: string[]): Promise<Job[]>;
  /** Leases the chosen jobs (attempts + 1, next attempt pushed past the lease) and loads them. */
  lease(em: EntityManager, ids: string[]): Promise<J[]>;
  send(job: J): Promise<Outcome>;
  record(em: EntityManager, results: Recorded<J>[]): Promise<void>;
}

/**
 * A bounded pool of senders fed from a Postgres queue. Claims take due rows with
 * FOR UPDATE SKIP LOCKED and lease them for LEASE_SECONDS in one short transaction,
 * so several app instances share the work and no transaction stays open while a
 * receiver is slow. A key (a webhook) never holds more than `perKey` slots, so one
 * slow receiver cannot starve the others. Outcomes are written in batches.
 */
export class DeliveryPool<J extends Job> {
  private readonly log: Logger;
  /** Every job from claim until its outcome is recorded. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Jobs waiting for their receiver: these hold the slots. */
  private sending = 0;
  private readonly perKey = new Map<string, number>();
  private claims: Promise<unknown> = Promise.resolve();
  private queue: { r: Recorded<J>; done: (err?: Error) => void }[] = [];
  private flushing = false;
  private backlog = false;
  private refillQueued = false;
  private stopped = false;
  /** The worker's log across outages, shared with its job (common/jobs.ts). */
  readonly outage: OutageLog;

  constructor(
    private readonly ds: DataSource,
    private readonly opts: PoolOptions<J>,
  ) {
    this.log = new Logger(opts.name);
    this.outage = new OutageLog(this.log, opts.name);
  }

  /**
   * Claims due jobs into the free slots and starts them; resolves with how many it
   * started (without waiting for them). Claims run one at a time per pool.
   */
  fill(): Promise<number> {
    const run = this.claims.then(() => this.claimInto());
    this.claims = run.catch(() => undefined);
    return run;
  }

  /** Sends everything due now and waits until each outcome is recorded (tests, shutdown). */
  async runDue(): Promise<void> {
    for (;;) {
      const started = await this.fill();
      if (started === 0 && this.inFlight.size === 0) return;
      await Promise.all([...this.inFlight]);
    }
  }

  /** Stops claiming and waits for the sends under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.claims;
    await Promise.all([...this.inFlight]);
  }

  private async claimInto(): Promise<number> {
    let started = 0;
    for (;;) {
      const free = this.opts.concurrency - this.sending;
      if (free <= 0 || this.stopped) {
        this.backlog = free <= 0 && !this.stopped;
        return started;
      }
      const want = Math.min(free * 2, 500);
      let found = 0;
      const jobs = await this.ds.transaction(async (em) => {
        await em.query(ASYNC_COMMIT);
        const candidates = await this.opts.candidates(em, want, this.saturated());
        found = candidates.length;
        const counts = new Map(this.perKey);
        const chosen = candidates.filter((c) => {
          const n = counts.get(c.key) ?? 0;
          if (n >= this.opts.perKey) return false;
          counts.set(c.key, n + 1);
          return true;
        });
        const ids = chosen.slice(0, free).map((c) => c.id);
        return ids.length ? this.opts.lease(em, ids) : [];
      });
      for (const job of jobs) this.start(job);
      started += jobs.length;
      if (jobs.length === 0 || found < want) {
        // Rows of saturated keys (or skipped for their cap) may still be due: claim
        // again as their slots free up instead of waiting for the next tick.
        this.backlog = jobs.length < found || this.saturated().length > 0;
        return started;
      }
    }
  }

  private saturated(): string[] {
    return [...this.perKey].filter(([, n]) => n >= this.opts.perKey).map(([k]) => k);
  }

  private start(job: J): void {
    this.sending++;
    this.perKey.set(job.key, (this.perKey.get(job.key) ?? 0) + 1);
    const run = (async () => {
      let outcome: Outcome;
      try {
        outcome = await this.opts.send(job);
      } catch (err) {
        outcome = { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
      // The slot is free once the receiver has answered; the outcome is written in
      // the next batch (the lease keeps the job from being claimed meanwhile).
      this.sending--;
      const n = (this.perKey.get(job.key) ?? 1) - 1;
      if (n > 0) this.perKey.set(job.key, n);
      else this.perKey.delete(job.key);
      if (this.backlog) this.refill();
      await this.record(job, outcome);
    })()
      .catch((err: unknown) => this.outage.failed(err, 'recording an outcome failed'))
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /**
   * More was due than the slots held: claim again as slots free up rather than at
   * the next tick. Completions while a claim is queued share that one claim.
   */
  private refill(): void {
    if (this.refillQueued || this.stopped) return;
    this.refillQueued = true;
    this.claims = this.claims
      .then(() => {
        this.refillQueued = false;
        return this.claimInto();
      })
      .catch((err: unknown) => this.outage.failed(err, 'claiming failed'));
  }

  private record(job: J, outcome: Outcome): Promise<void> {
    const status = outcome.ok
      ? 'delivered'
      : outcome.permanent || job.attempts >= this.opts.maxAttempts
        ? 'failed'
        : 'pending';
    const r: Recorded<J> = { job, outcome, status, retryIn: backoffSeconds(job.attempts) };
    return new Promise((resolve, reject) => {
      this.queue.push({ r, done: (err) => (err ? reject(err) : resolve()) });
      void this.flush();
    });
  }

  /** One writer at a time; outcomes that arrive meanwhile go out together in the next batch. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 500);
        try {
          await this.ds.transaction(async (em) => {
            await em.query(ASYNC_COMMIT);
            await this.opts.record(
              em,
              batch.map((b) => b.r),
            );
          });
          for (const b of batch) b.done();
        } catch (err) {
          // The leases run out and the jobs are tried again: at least once, never lost.
          const error = err instanceof Error ? err : new Error(String(err));
          for (const b of batch) b.done(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
