import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutageLog } from './db-outage';

/** The application_name of every instance's listening connection. */
export const LISTENER_APPLICATION = 'praxis-change-listener';

/** Told a notification's payload; '*' when everything may have changed (the connection was lost). */
export type ChangeHandler = (payload: string) => void;

const RECONNECT_MS = [100, 500, 1_000, 2_000, 5_000];

/**
 * One connection per instance that LISTENs on the channels the database's triggers notify
 * when something cached changes (praxis_auth: a principal; praxis_documents: a document's
 * revisions), and hands each notification to the caches subscribed to its channel.
 *
 * Notifications travel on their own, so a cache serves an entry only once `synced()` has
 * made a round trip on this connection that started after the request arrived: PostgreSQL
 * delivers every notification committed before it processes that query ahead of the
 * answer, so a change committed before the request was sent has always been handed to the
 * caches by then. Concurrent requests, of every cache, share one such round trip
 * (`SELECT 1`, no pool, no snapshot of any table). While the connection is down nothing is
 * live: the caches serve nothing, and they start empty when it is back ('*').
 */
@Injectable()
export class ChangeListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('ChangeListener');
  private readonly outage = new OutageLog(this.log, 'change listener');
  private readonly handlers = new Map<string, ChangeHandler[]>();
  private client: Client | null = null;
  private live = false;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  /** The round trip on the listening connection now under way, and the one queued after it. */
  private inFlight: Promise<boolean> | null = null;
  private nextSync: Promise<boolean> | null = null;
  /** How many round trips were started, and the number of the last one that came back. */
  private started = 0;
  private completed = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether notifications are being received (caches may keep and serve entries). */
  get listening(): boolean {
    return this.live;
  }

  /** Hands `channel`'s notifications to `handler` (call before the application starts). */
  subscribe(channel: string, handler: ChangeHandler): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
    // LISTEN is sent once, on connecting: a later subscriber would never be told anything.
    if (this.client || this.closed) throw new Error(`subscribed to ${channel} after start`);
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.live = false;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  /** A mark for synced(): taken when a request arrives (markRequest), before its first cache read. */
  mark(): number {
    return this.started;
  }

  /**
   * Resolves once a round trip that started after this call (or, given a mark, after the
   * mark was taken) has come back on the listening connection (true), or false when there
   * is none to make. One waits for the round trip in flight to end and then shares the
   * next one; with a mark that such a trip already passed, at once — a request that read
   * its principal from the cache reads its page from another cache without a second trip.
   */
  synced(since?: number): Promise<boolean> {
    if (since !== undefined && this.live && this.completed > since) return Promise.resolve(true);
    if (this.nextSync) return this.nextSync;
    const after = this.inFlight ?? Promise.resolve(true);
    const next = after.then(() => {
      if (this.nextSync === next) this.nextSync = null;
      const c = this.client;
      if (!c || !this.live) return false;
      const number = ++this.started;
      const trip = c.query('SELECT 1').then(
        () => {
          const ok = this.live && this.client === c;
          if (ok) this.completed = Math.max(this.completed, number);
          return ok;
        },
        () => false,
      );
      this.inFlight = trip;
      void trip.then(() => {
        if (this.inFlight === trip) this.inFlight = null;
      });
      return trip;
    });
    this.nextSync = next;
    return next;
  }

  private notify(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }

  private resetAll(): void {
    for (const channel of this.handlers.keys()) this.notify(channel, '*');
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const c = new Client({
      connectionString: this.config.databaseUrl,
      application_name: LISTENER_APPLICATION,
      connectionTimeoutMillis: 10_000,
    });
    c.on('notification', (n) => this.notify(n.channel, n.payload ?? '*'));
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c, new Error('Connection terminated')));
    this.client = c;
    try {
      await c.connect();
      const channels = [...this.handlers.keys()];
      if (channels.length > 0) await c.query(channels.map((ch) => `LISTEN ${ch}`).join('; '));
      if (this.client !== c) return;
      // Whatever changed while nobody listened is unknown: start empty.
      this.resetAll();
      this.live = true;
      this.attempt = 0;
      this.outage.ok();
    } catch (err) {
      this.lost(c, err);
    }
  }

  private lost(c: Client, err: unknown): void {
    if (this.client !== c) return;
    this.live = false;
    this.client = null;
    this.resetAll();
    void c.end().catch(() => undefined);
    if (this.closed) return;
    this.outage.failed(err, 'change listener failed');
    const wait = RECONNECT_MS[Math.min(this.attempt++, RECONNECT_MS.length - 1)];
    this.retry = setTimeout(() => void this.connect(), wait);
    this.retry.unref();
  }
}

const MARK = Symbol('praxis.changeMark');

/** Records on a request the listener's mark as it arrives (AuthGuard, before authenticating). */
export function markRequest(req: object, mark: number): void {
  (req as { [MARK]?: number })[MARK] = mark;
}

/** The mark recorded on a request (markRequest), if any. */
export function requestMark(req: object): number | undefined {
  return (req as { [MARK]?: number })[MARK];
}

/** The instance's one ChangeListener, for every module's caches. */
@Global()
@Module({ providers: [ChangeListener], exports: [ChangeListener] })
export class ChangeListenerModule {}
