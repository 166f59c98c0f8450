import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRunner } from '../common/jobs';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DeliveryPool, Job, LEASE_SECONDS } from './delivery-pool';
import { postWebhook } from './webhook-sender';

const INTERVAL_MS = 250;
const JOB = 'webhook-delivery';
/** Sends in flight per app instance, and per webhook (so one slow receiver cannot take them all). */
const CONCURRENCY = 128;
const PER_WEBHOOK = 32;

interface WebhookJob extends Job {
  eventId: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  url: string;
  secret: string;
}

interface LeasedRow {
  id: string;
  webhook_id: string;
  attempts: number;
  event_id: string;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
  url: string;
  secret: string;
}

/**
 * Sends due webhook deliveries: claimed with SKIP LOCKED and leased, POSTed
 * concurrently (bounded), outcomes written back in batches. Periodic, and callable
 * directly (deliverDue) by tests. Everything it needs is in the tables, so deliveries
 * survive a restart; a crash mid-send only means that attempt is made again.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleInit, OnModuleDestroy {
  private readonly pool: DeliveryPool<WebhookJob>;

  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRunner,
  ) {
    this.pool = new DeliveryPool<WebhookJob>(ds, {
      name: 'WebhookDelivery',
      concurrency: CONCURRENCY,
      perKey: PER_WEBHOOK,
      maxAttempts: config.webhookMaxAttempts,
      candidates: (em, limit, saturated) =>
        em.query<Job[]>(
          `SELECT id, webhook_id::text AS key, attempts FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= now() AND webhook_id <> ALL($2::uuid[])
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit, saturated],
        ),
      lease: async (em, ids) => {
        const [rows] = await em.query<[LeasedRow[], number]>(
          `UPDATE webhook_deliveries d
              SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
             FROM webhooks w, outbox o
            WHERE d.id = ANY($1::uuid[]) AND w.id = d.webhook_id AND o.id = d.outbox_id
           RETURNING d.id, d.webhook_id, d.attempts, d.event_id, d.type, o.occurred_at, o.data, w.url, w.secret`,
          [ids, LEASE_SECONDS],
        );
        return rows.map((r) => ({
          id: r.id,
          key: r.webhook_id,
          attempts: r.attempts,
          eventId: r.event_id,
          type: r.type,
          occurredAt: r.occurred_at,
          data: r.data,
          url: r.url,
          secret: r.secret,
        }));
      },
      send: (job) =>
        postWebhook(
          {
            url: job.url,
            secret: job.secret,
            deliveryId: job.id,
            type: job.type,
            body: JSON.stringify({
              id: job.eventId,
              type: job.type,
              occurredAt: job.occurredAt.toISOString(),
              data: job.data,
            }),
          },
          { allowPrivate: this.config.webhookAllowPrivate },
        ),
      record: async (em, results) => {
        // attempts must still match: an outcome that arrives after its lease ran out
        // and someone else took the job over is dropped.
        await em.query(
          `UPDATE webhook_deliveries d
              SET status = u.status, last_status_code = u.code, last_error = u.error,
                  delivered_at = CASE WHEN u.status = 'delivered' THEN now() ELSE d.delivered_at END,
                  next_attempt_at = CASE WHEN u.status = 'pending'
                                         THEN now() + make_interval(secs => u.retry_in)
                                         ELSE d.next_attempt_at END
             FROM unnest($1::uuid[], $2::int[], $3::text[], $4::int[], $5::text[], $6::float8[])
                  AS u(id, attempts, status, code, error, retry_in)
            WHERE d.id = u.id AND d.attempts = u.attempts`,
          [
            results.map((r) => r.job.id),
            results.map((r) => r.job.attempts),
            results.map((r) => r.status),
            results.map((r) => r.outcome.statusCode ?? null),
            results.map((r) => (r.outcome.ok ? null : (r.outcome.error ?? null))),
            results.map((r) => r.retryIn),
          ],
        );
      },
    });
  }

  onModuleInit(): void {
    this.jobs.define({
      name: JOB,
      title: 'WebhookDelivery',
      periodMs: INTERVAL_MS,
      coordination: 'skip-locked',
      failureMessage: 'claiming failed',
      // A run claims and starts the sends; the pool finishes them (and logs their failures).
      run: () => this.pool.fill(),
      outage: this.pool.outage,
    });
  }

  /** Stops claiming and waits for the sends under way (the runner stops the schedule). */
  async onModuleDestroy(): Promise<void> {
    await this.pool.stop();
  }

  /** Stops the periodic run (tests drive deliverDue themselves). */
  stopSchedule(): void {
    this.jobs.pause(JOB);
  }

  /** Starts it again. */
  startSchedule(): void {
    this.jobs.resume(JOB);
  }

  /** Sends everything due now and waits until every outcome is recorded. */
  deliverDue(): Promise<void> {
    return this.pool.runDue();
  }

  /** Claims what is due and starts sending it; resolves with how many were started, not sent. */
  startDue(): Promise<number> {
    return this.pool.fill();
  }

  /** Starts sending what is due without waiting (the dispatcher calls this after queuing). */
  kick(): void {
    this.jobs.kick(JOB);
  }
}
