import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Principal } from '../common/principal';
import { ChangeListener } from '../database/change-listener';
import { CoherentCache } from '../database/coherent-cache';

/** The channel the database's triggers notify (migration 1766500000000-auth-change-notify). */
export const AUTH_CHANNEL = 'praxis_auth';

/**
 * How long a token's or key's principal is kept at most. Changes invalidate it at once;
 * this only bounds what a lost notification could cost.
 */
export const PRINCIPAL_TTL_MS = 60_000;

/**
 * The principals behind credentials (a token's user and generation, an API key, a
 * session), kept for a short while so that an authenticated request costs no database
 * round trip. Correct across instances: triggers on users, api_keys and sessions send
 * NOTIFY praxis_auth with the user's id when anything that could end or alter a principal
 * commits, and every instance's ChangeListener hands that to this cache, which drops the
 * user's entries; an entry is served only after a round trip on the listening connection
 * that started after the request arrived (CoherentCache). At most 20,000 entries (~1 KB
 * each, with their index), each dropped at its ttl: after a burst of 20,000 users they do
 * not stay in the heap until 20,000 others replace them.
 */
@Injectable()
export class PrincipalCache implements OnModuleDestroy {
  private readonly cache: CoherentCache<Principal>;

  constructor(listener: ChangeListener) {
    this.cache = new CoherentCache<Principal>(listener, {
      channel: AUTH_CHANNEL,
      max: 20_000,
      ttlMs: PRINCIPAL_TTL_MS,
    });
  }

  onModuleDestroy(): void {
    this.cache.close();
  }

  /**
   * The principal for `key`: from the cache while fresh, else from `load`, which returns
   * it with how long (ms) it may be kept (0: not at all), or null for "not authenticated".
   */
  get(
    key: string,
    load: () => Promise<{ principal: Principal; ttlMs: number } | null>,
  ): Promise<Principal | null> {
    return this.cache.get(key, async () => {
      const loaded = await load();
      if (!loaded) return null;
      const principal = loaded.ttlMs > 0 ? freeze(loaded.principal) : loaded.principal;
      return { value: principal, group: principal.userId, ttlMs: loaded.ttlMs };
    });
  }
}

/** A cached principal is shared by concurrent requests: nobody may change it. */
function freeze(p: Principal): Principal {
  Object.freeze(p.roles);
  Object.freeze(p.actor);
  return Object.freeze(p);
}
