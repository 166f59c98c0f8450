import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutageLog } from '../database/db-outage';
import { ASYNC_COMMIT } from './delivery-pool';
import { WebhookDeliveryService } from './webhook-delivery.service';

/** A committed domain event as the outbox holds it: the audit event's data, entity and actor. */
export interface OutboxEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export type OutboxHandler = (em: EntityManager, event: OutboxEvent) => Promise<void>;

const INTERVAL_MS = 250;
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
 * the same transaction as the notification itself (when SMTP_URL is set). Handlers
 * registered with onEvent run here too (a fan-out's notifications).
 */
@Injectable()
export class OutboxDispatcherService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('OutboxDispatcher');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly handlers = new Map<string, OutboxHandler[]>();
  private readonly outage = new OutageLog(this.log, 'outbox dispatcher');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly webhooks: WebhookDeliveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      void this.outage.run('dispatching failed', () => this.dispatch());
    }, INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopSchedule();
    await this.running.catch(() => undefined);
  }

  /** Stops the periodic run (tests call dispatch themselves). */
  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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

  /**
   * Runs `handler` for every committed event of this type, in the transaction that marks
   * it dispatched: each event is handled once (a crash before that commit repeats the
   * whole batch, handler included). For work an event implies that need not hold up the
   * change itself — a fan-out's in-app notifications. A handler that fails is logged and
   * skipped for that batch (rolled back to a savepoint), so one bad event never stalls
   * the outbox.
   */
  onEvent(type: string, handler: OutboxHandler): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
  }

  private async dispatchAll(): Promise<{ events: number; deliveries: number }> {
    const total = { events: 0, deliveries: 0 };
    const handledTypes = [...this.handlers.keys()];
    for (;;) {
      const batch = await this.ds.transaction(async (em) => {
        // A dispatch lost in a database crash is simply done again (ASYNC_COMMIT).
        await em.query(ASYNC_COMMIT);
        const [row] = await em.query<
          { events: number; deliveries: number; handled: OutboxEvent[] | null }[]
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
          for (const handler of this.handlers.get(event.type) ?? []) {
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
      if (batch.events < BATCH) return total;
    }
  }
}
