import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Advisory-lock key space for attempts on one account or address (two-int keys; bootstrap uses one bigint). */
const LOCK_SPACE = 0x50525854;

/**
 * Failed sign-ins counted per account and per client address in PostgreSQL
 * (shared by every app instance). An account over its limit is refused for the
 * rest of its window; other accounts are not affected. A success clears the
 * account's count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private keys(email: string, address: string) {
    return { account: `account:${email}`, address: `address:${address}` };
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

  /**
   * Counts an attempt as a failure before its password is checked, so that parallel
   * guesses cannot all pass the limit before any of them is recorded. Returns the
   * seconds to wait (nothing counted), or 0: counted, so on success call
   * recordSuccess or release; on failure there is nothing more to record.
   */
  async reserve(ds: DataSource, email: string, address: string): Promise<number> {
    const { account, address: addr } = this.keys(email, address);
    return ds.transaction(async (em) => {
      // Attempts on the same account or address take turns here, briefly (the slow
      // password check comes after). Always account first, then address: no deadlock.
      for (const key of [account, addr])
        await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, key]);
      const wait = await this.retryAfter(em, email, address);
      if (wait === 0) await this.recordFailure(em, email, address);
      return wait;
    });
  }

  /** Gives back a reserved attempt that turned out right (re-authentication). */
  async release(em: EntityManager, email: string, address: string): Promise<void> {
    const { account, address: addr } = this.keys(email, address);
    await em.query(
      'UPDATE auth_throttle SET failures = greatest(failures - 1, 0) WHERE key = ANY($1)',
      [[account, addr]],
    );
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

  /** A sign-in that succeeded: clears the account's failures and gives back its reserved attempt. */
  async recordSuccess(em: EntityManager, email: string, address: string): Promise<void> {
    const { account, address: addr } = this.keys(email, address);
    await em.query('DELETE FROM auth_throttle WHERE key = $1', [account]);
    await em.query('UPDATE auth_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1', [
      addr,
    ]);
  }
}
