import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommittedEvent, DomainHooks } from '../common/domain-hooks';
import { JobRunner } from '../common/jobs';
import { OutageLog } from '../database/db-outage';
import { ASYNC_COMMIT } from './delivery-pool';
import { WebhookDeliveryService } from './webhook-delivery.service';

const INTERVAL_MS = 250;
const JOB = 'outbox-dispatcher';
const BATCH = 1000;

/**
 * Turns committed outbox rows into webhook deliveries: one per active webhook
 * subscribed to the event's type (or to `*`) and created no later than the event,
 * then marks the rows dispatched — all in one statement, on a batch claimed with
 * FOR UPDATE SKIP LOCKED, so several app instances dispatch side by side without
 * waiting for or doubling each other. Undispatched rows are simply what is left in
 * the table, so a crash between commit and dispatch loses nothing.
 *
 * E-mail jobs do not pass through here: NotificationsService.notify queues them in
 * the same transaction as the notification itself (when SMTP_URL is set). The
 * after-commit handlers registered with DomainHooks.afterCommit run here too (a
 * fan-out's notifications): in the transaction that marks the event dispatched, so each
 * event is handled once (a crash before that commit repeats the whole batch, handler
 * included); one that fails is logged and skipped for that batch (rolled back to a
 * savepoint), so one bad event never stalls the outbox.
 */
@Injectable()
export class OutboxDispatcherService implements OnModuleInit {
  private readonly log = new Logger('OutboxDispatcher');
  private running: Promise<unknown> = Promise.resolve();
  private readonly outage = new OutageLog(this.log, 'outbox dispatcher');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly webhooks: WebhookDeliveryService,
    private readonly hooks: DomainHooks,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: JOB,
      title: 'outbox dispatcher',
      periodMs: INTERVAL_MS,
      coordination: 'skip-locked',
      failureMessage: 'dispatching failed',
      run: () => this.dispatch(),
      outage: this.outage, // a failing handler is logged through it too
    });
  }

  /** Stops the periodic run (tests call dispatch themselves). */
  stopSchedule(): void {
    this.jobs.pause(JOB);
  }

  /** Starts it again. */
  startSchedule(): void {
    this.jobs.resume(JOB);
  }

  /**
   * Dispatches everything committed so far; returns how many events it dispatched.
   * Runs in this process one at a time (a direct call waits for the periodic one),
   * so what was committed before the call is dispatched when it returns.
   */
  dispatch(): Promise<{ events: number; deliveries: number }> {
    const run = this.running.catch(() => undefined).then(() => this.dispatchAll());
    this.running = run;
    return run;
  }

  private async dispatchAll(): Promise<{ events: number; deliveries: number }> {
    const total = { events: 0, deliveries: 0 };
    const handledTypes = this.hooks.afterCommitTypes();
    for (;;) {
      const batch = await this.ds.transaction(async (em) => {
        // A dispatch lost in a database crash is simply done again (ASYNC_COMMIT).
        await em.query(ASYNC_COMMIT);
        const [row] = await em.query<
          { events: number; deliveries: number; handled: CommittedEvent[] | null }[]
        >(
          `WITH batch AS (
           SELECT id, event_id, type, occurred_at, data FROM outbox
            WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
         ), queued AS (
           INSERT INTO webhook_deliveries (webhook_id, outbox_id, event_id, type)
           SELECT w.id, b.id, b.event_id, b.type
             FROM batch b JOIN webhooks w
               ON w.active AND w.created_at <= b.occurred_at
              AND (b.type = ANY (w.events) OR '*' = ANY (w.events))
            ORDER BY b.id
           ON CONFLICT (webhook_id, outbox_id) DO NOTHING
           RETURNING 1
         ), done AS (
           UPDATE outbox o SET dispatched_at = now() FROM batch b WHERE o.id = b.id RETURNING 1
         )
         SELECT (SELECT count(*) FROM done)::int AS events, (SELECT count(*) FROM queued)::int AS deliveries,
                (SELECT json_agg(json_build_object('id', event_id, 'type', type, 'data', data) ORDER BY id)
                   FROM batch WHERE type = ANY($2::text[])) AS handled`,
          [BATCH, handledTypes],
        );
        for (const event of row.handled ?? []) {
          for (const handler of this.hooks.afterCommitHandlersOf(event.type)) {
            await em.query('SAVEPOINT outbox_handler');
            try {
              await handler(em, event);
              await em.query('RELEASE SAVEPOINT outbox_handler');
            } catch (err) {
              await em.query('ROLLBACK TO SAVEPOINT outbox_handler');
              this.outage.failed(err, 'outbox handler failed', {
                eventId: event.id,
                type: event.type,
              });
            }
          }
        }
        return row;
      });
      total.events += batch.events;
      total.deliveries += batch.deliveries;
      if (batch.deliveries > 0) this.webhooks.kick();
      if (batch.events < BATCH || this.jobs.stopping) return total;
    }
  }
}
