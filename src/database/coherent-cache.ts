import { LRUCache } from 'lru-cache';
import { ChangeListener } from './change-listener';

/** A value, the group whose notification drops it, and until when (local clock, ms) it may be served. */
interface Entry<V> {
  value: V;
  group: string;
  until: number;
}

/** What a load found: the value, its group, and how long (ms) it may be kept (0: not at all). */
export interface Loaded<V> {
  value: V;
  group: string;
  ttlMs: number;
}

export interface CoherentCacheOptions<V> {
  /** The channel whose notifications carry a group ('*': every group). */
  channel: string;
  /** At most this many entries. */
  max: number;
  /** The longest an entry is kept: it bounds what a lost notification could cost. */
  ttlMs: number;
  /** With sizeOf: at most this much, in sizeOf's unit. */
  maxSize?: number;
  sizeOf?: (value: V) => number;
}

/**
 * Values read from the database, kept per instance and correct across instances: every
 * entry belongs to a group (a user, a document), triggers NOTIFY the group on `channel`
 * when anything in it changes, and the ChangeListener hands that here, which drops the
 * group's entries. An entry is served only while the listener is live and after a round
 * trip on its connection that started after the request arrived (ChangeListener.synced),
 * so a change committed before the request was sent is never answered from a stale entry.
 * A load that overlapped an invalidation is not kept: it may have read what that change
 * replaced.
 */
export class CoherentCache<V extends object | string> {
  private readonly entries: LRUCache<string, Entry<V>>;
  /**
   * An entry is of no use after its `until`, so it also expires then and the minutely
   * purge drops it (the heap does not hold entries nobody can be served).
   */
  private readonly purge: NodeJS.Timeout;
  private readonly byGroup = new Map<string, Set<string>>();
  /** Bumped by every invalidation: a load that overlapped one is not stored. */
  private epoch = 0;

  constructor(
    private readonly listener: ChangeListener,
    opts: CoherentCacheOptions<V>,
  ) {
    const sizeOf = opts.sizeOf;
    this.entries = new LRUCache<string, Entry<V>>({
      max: opts.max,
      ttl: opts.ttlMs,
      ...(opts.maxSize && sizeOf
        ? { maxSize: opts.maxSize, sizeCalculation: (e: Entry<V>) => Math.max(1, sizeOf(e.value)) }
        : {}),
      dispose: (entry, key) => this.unindex(entry.group, key),
    });
    this.purge = setInterval(() => this.entries.purgeStale(), opts.ttlMs).unref();
    listener.subscribe(opts.channel, (group) => this.invalidate(group));
  }

  /** How many entries are kept now. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The value for `key`: the kept one while fresh and nothing invalidated it, else what
   * `load` reads (kept for its ttlMs when nothing overlapped it), or null when load finds
   * nothing (not kept). `since`: the mark taken when the request arrived
   * (ChangeListener.synced); without it, a round trip that starts now is waited for.
   */
  async get(key: string, load: () => Promise<Loaded<V> | null>, since?: number): Promise<V | null> {
    const hit = this.listener.listening ? this.entries.get(key) : undefined;
    if (
      hit &&
      hit.until > Date.now() &&
      (await this.listener.synced(since)) &&
      this.entries.get(key) === hit
    )
      return hit.value;
    const epoch = this.epoch;
    const loaded = await load();
    if (!loaded) return null;
    if (this.listener.listening && epoch === this.epoch && loaded.ttlMs > 0) {
      const ttl = Math.min(loaded.ttlMs, this.entries.ttl);
      this.entries.set(
        key,
        { value: loaded.value, group: loaded.group, until: Date.now() + ttl },
        { ttl },
      );
      this.index(loaded.group, key);
    }
    return loaded.value;
  }

  /** Drops every entry of a group ('*': all of them). */
  invalidate(group: string): void {
    this.epoch++;
    if (group === '*') {
      this.entries.clear();
      this.byGroup.clear();
      return;
    }
    const keys = this.byGroup.get(group);
    if (!keys) return;
    this.byGroup.delete(group);
    for (const key of keys) this.entries.delete(key);
  }

  /** Stops the purge timer (the entries go with the instance). */
  close(): void {
    clearInterval(this.purge);
  }

  private index(group: string, key: string): void {
    let keys = this.byGroup.get(group);
    if (!keys) this.byGroup.set(group, (keys = new Set()));
    keys.add(key);
  }

  private unindex(group: string, key: string): void {
    const keys = this.byGroup.get(group);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.byGroup.delete(group);
  }
}
