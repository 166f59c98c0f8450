import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Tracked {
  /** When each counted hit stops counting (ms), oldest first; the live ones start at `head`. */
  hits: number[];
  head: number;
  expiresAt: number;
  blocked: boolean;
  blockExpiresAt: number;
}

const SWEEP_MS = 60_000;

/**
 * The rate limit's counts in memory, with the answers of @nestjs/throttler's default
 * storage (a sliding window of hits; over the limit, blocked for `blockDuration`), at a
 * constant cost per request: hits leave from the front of their queue as they expire,
 * where the default storage copies every live hit of the caller on every request (up to
 * the limit, 1,200 by default). Callers idle for a window are dropped on a sweep made by
 * a request at most once a minute. One window length per key, as the app has one throttler.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly tracked = new Map<string, Tracked>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    if (now >= this.nextSweep) this.sweep(now);
    let t = this.tracked.get(key);
    if (!t) {
      t = { hits: [], head: 0, expiresAt: now + ttl, blocked: false, blockExpiresAt: 0 };
      this.tracked.set(key, t);
    }
    this.prune(t, now);
    if (Math.ceil((t.expiresAt - now) / 1000) <= 0) t.expiresAt = now + ttl;
    const timeToExpire = Math.ceil((t.expiresAt - now) / 1000);
    if (blockDuration <= 0) {
      // Never blocked: refused while at the limit, and such a hit is not counted.
      const over = this.count(t) >= limit;
      if (!over) t.hits.push(now + ttl);
      const untilOldest =
        this.count(t) > 0 ? Math.ceil((t.hits[t.head] - now) / 1000) : timeToExpire;
      return Promise.resolve({
        totalHits: this.count(t) + (over ? 1 : 0),
        timeToExpire,
        isBlocked: over,
        timeToBlockExpire: over ? untilOldest : 0,
      });
    }
    if (!t.blocked) t.hits.push(now + ttl);
    if (this.count(t) > limit && !t.blocked) {
      t.blocked = true;
      t.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((t.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && t.blocked) {
      t.blocked = false;
      t.hits = [now + ttl];
      t.head = 0;
    }
    return Promise.resolve({
      totalHits: this.count(t),
      timeToExpire,
      isBlocked: t.blocked,
      timeToBlockExpire,
    });
  }

  /** Keys tracked now (for tests). */
  get size(): number {
    return this.tracked.size;
  }

  private count(t: Tracked): number {
    return t.hits.length - t.head;
  }

  private prune(t: Tracked, now: number): void {
    while (t.head < t.hits.length && t.hits[t.head] <= now) t.head++;
    // Keep the queue's dead front from growing without bound.
    if (t.head > 1024 && t.head * 2 > t.hits.length) {
      t.hits = t.hits.slice(t.head);
      t.head = 0;
    }
  }

  private sweep(now: number): void {
    this.nextSweep = now + SWEEP_MS;
    for (const [key, t] of this.tracked) {
      if (t.blocked && t.blockExpiresAt > now) continue;
      if (t.expiresAt > now) continue;
      this.prune(t, now);
      if (this.count(t) > 0) continue;
      this.tracked.delete(key);
    }
  }
}
