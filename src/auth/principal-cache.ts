import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Client } from 'pg';
import { Principal } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutageLog } from '../database/db-outage';

/** The channel the database's triggers notify (migration 1766500000000-auth-change-notify). */
export const AUTH_CHANNEL = 'praxis_auth';

/** A principal, and until when (local clock, ms) it may be served without asking again. */
export interface CachedPrincipal {
  principal: Principal;
  until: number;
}

/**
 * How long a token's or key's principal is kept at most. Changes invalidate it at once;
 * this only bounds what a lost notification could cost.
 */
export const PRINCIPAL_TTL_MS = 60_000;

const RECONNECT_MS = [100, 500, 1_000, 2_000, 5_000];

/**
 * The principals behind credentials (a token's user and generation, an API key, a
 * session), kept for a short while so that an authenticated request costs no database
 * round trip. Correct across instances: triggers on users, api_keys and sessions send
 * NOTIFY praxis_auth with the user's id when anything that could end or alter a principal
 * commits, and every instance listens and drops that user's entries. Nothing is served
 * from here unless the listening connection is up; while it is down, every request asks
 * the database, and on reconnecting the cache starts empty.
 *
 * Notifications travel on their own, so a cached entry is served only after a round
 * trip on the listening connection that started after the request arrived: PostgreSQL
 * delivers every notification committed before it processes that query ahead of the
 * answer, so a change committed before the request was sent is never answered from a
 * stale entry. Concurrent requests share one such round trip (`SELECT 1`, no pool, no
 * snapshot of any table).
 */
@Injectable()
export class PrincipalCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('PrincipalCache');
  private readonly outage = new OutageLog(this.log, 'auth change listener');
  /**
   * An entry is of no use after its `until` (at most PRINCIPAL_TTL_MS), so it also expires
   * then and the minutely purge drops it: after a burst of 20,000 users the entries (~1 KB
   * each, with their index) do not stay in the heap until 20,000 others replace them.
   */
  private readonly entries = new LRUCache<string, CachedPrincipal>({
    max: 20_000,
    ttl: PRINCIPAL_TTL_MS,
    dispose: (value, key) => this.unindex(value.principal.userId, key),
  });
  private readonly purge = setInterval(() => this.entries.purgeStale(), PRINCIPAL_TTL_MS).unref();
  private readonly byUser = new Map<string, Set<string>>();
  /** Bumped by every invalidation: a load that overlapped one is not stored. */
  private epoch = 0;
  private client: Client | null = null;
  private live = false;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  /** The round trip on the listening connection now under way, and the one queued after it. */
  private inFlight: Promise<boolean> | null = null;
  private nextSync: Promise<boolean> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether entries are being kept and served (the listening connection is up). */
  get listening(): boolean {
    return this.live;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearInterval(this.purge);
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  /**
   * The principal for `key`: from the cache while fresh, else from `load`, which returns
   * it with how long (ms) it may be kept (0: not at all), or null for "not authenticated".
   */
  async get(
    key: string,
    load: () => Promise<{ principal: Principal; ttlMs: number } | null>,
  ): Promise<Principal | null> {
    const hit = this.live ? this.entries.get(key) : undefined;
    if (hit && hit.until > Date.now() && (await this.synced()) && this.entries.get(key) === hit)
      return hit.principal;
    const epoch = this.epoch;
    const loaded = await load();
    if (!loaded) return null;
    if (this.live && epoch === this.epoch && loaded.ttlMs > 0) {
      const principal = freeze(loaded.principal);
      this.entries.set(key, { principal, until: Date.now() + loaded.ttlMs }, { ttl: loaded.ttlMs });
      this.index(principal.userId, key);
      return principal;
    }
    return loaded.principal;
  }

  /** Drops every entry of a user ('*': of everyone). */
  invalidate(userId: string): void {
    this.epoch++;
    if (userId === '*') {
      this.entries.clear();
      this.byUser.clear();
      return;
    }
    const keys = this.byUser.get(userId);
    if (!keys) return;
    this.byUser.delete(userId);
    for (const key of keys) this.entries.delete(key);
  }

  /**
   * Resolves once a round trip that started after this call has come back on the
   * listening connection (true), or false when there is none to make. One waits for the
   * round trip in flight to end and then shares the next one.
   */
  private synced(): Promise<boolean> {
    if (this.nextSync) return this.nextSync;
    const after = this.inFlight ?? Promise.resolve(true);
    const next = after.then(() => {
      if (this.nextSync === next) this.nextSync = null;
      const c = this.client;
      if (!c || !this.live) return false;
      const trip = c.query('SELECT 1').then(
        () => this.live && this.client === c,
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

  private index(userId: string, key: string): void {
    let keys = this.byUser.get(userId);
    if (!keys) this.byUser.set(userId, (keys = new Set()));
    keys.add(key);
  }

  private unindex(userId: string, key: string): void {
    const keys = this.byUser.get(userId);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.byUser.delete(userId);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const c = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'praxis-auth-listener',
      connectionTimeoutMillis: 10_000,
    });
    c.on('notification', (n) => {
      if (n.channel === AUTH_CHANNEL) this.invalidate(n.payload ?? '*');
    });
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c, new Error('Connection terminated')));
    this.client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${AUTH_CHANNEL}`);
      if (this.client !== c) return;
      // Whatever changed while nobody listened is unknown: start empty.
      this.invalidate('*');
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
    this.invalidate('*');
    void c.end().catch(() => undefined);
    if (this.closed) return;
    this.outage.failed(err, 'auth change listener failed');
    const wait = RECONNECT_MS[Math.min(this.attempt++, RECONNECT_MS.length - 1)];
    this.retry = setTimeout(() => void this.connect(), wait);
    this.retry.unref();
  }
}

/** A cached principal is shared by concurrent requests: nobody may change it. */
function freeze(p: Principal): Principal {
  Object.freeze(p.roles);
  Object.freeze(p.actor);
  return Object.freeze(p);
}
