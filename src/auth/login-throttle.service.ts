import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Advisory-lock key space for attempts on one account or address (two-int keys; bootstrap uses one bigint). */
const LOCK_SPACE = 0x50525854;

/**
 * Failed sign-ins counted per account and per client address in PostgreSQL
 * (shared by every app instance). An account over its limit is refused for the
 * rest of its window; other accounts are not affected. A success clears the
 * account's count.
 *
 * Callers check retryAfter() before the (slow) password check, to shed load, and
 * again under lock() when they record the outcome: otherwise parallel guesses would
 * all pass the first check before any failure is recorded.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private keys(email: string, address: string) {
    return { account: `account:${email}`, address: `address:${address}` };
  }

  /**
   * Makes attempts on this account or address take turns until the transaction ends
   * (briefly: the password has been checked already). Account first, then address,
   * always: no deadlock.
   */
  async lock(em: EntityManager, email: string, address: string): Promise<void> {
    const { account, address: addr } = this.keys(email, address);
    for (const key of [account, addr])
      await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, key]);
  }

  /** Seconds until the caller may try again, or 0 when not throttled. */
  async retryAfter(em: EntityManager, email: string, address: string): Promise<number> {
    const { account, address: addr } = this.keys(email, address);
    const { maxPerAccount, maxPerAddress, windowSeconds } = this.config.login;
    const rows = await em.query<{ key: string; failures: number; remaining: number }[]>(
      `SELECT key, failures,
              ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS remaining
         FROM auth_throttle
        WHERE key = ANY($1) AND window_started_at + make_interval(secs => $2) > now()`,
      [[account, addr], windowSeconds],
    );
    let wait = 0;
    for (const r of rows) {
      const max = r.key === account ? maxPerAccount : maxPerAddress;
      if (r.failures >= max) wait = Math.max(wait, Math.max(1, r.remaining));
    }
    return wait;
  }

  async recordFailure(em: EntityManager, email: string, address: string): Promise<void> {
    const { account, address: addr } = this.keys(email, address);
    await em.query(
      `INSERT INTO auth_throttle (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.window_started_at + make_interval(secs => $2) <= now()
                         THEN 1 ELSE auth_throttle.failures + 1 END,
         window_started_at = CASE WHEN auth_throttle.window_started_at + make_interval(secs => $2) <= now()
                         THEN now() ELSE auth_throttle.window_started_at END`,
      [[account, addr], this.config.login.windowSeconds],
    );
  }

  async recordSuccess(em: EntityManager, email: string): Promise<void> {
    await em.query('DELETE FROM auth_throttle WHERE key = $1', [this.keys(email, '').account]);
  }
}
