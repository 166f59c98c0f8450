import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Advisory-lock key space for attempts on one account or address (two-int keys; bootstrap uses one bigint). */
const LOCK_SPACE = 0x50525854;
/** When the configuration names no account alert threshold (tests that override `login`). */
const DEFAULT_ALERT_PER_ACCOUNT = 20;

/**
 * Failed sign-ins counted in PostgreSQL (shared by every app instance), each count
 * in a fixed window:
 * - per account and address pair: past maxPerAccount that address may not try that
 *   account again until the window ends (the brute-force defence);
 * - per address over all accounts: past maxPerAddress, 429 for that address;
 * - per account from everywhere, throttled attempts included: never locks (anyone
 *   could close that lock on someone else); reaching alertPerAccount tells the
 *   caller to alert administrators.
 * Re-authentication inside a signed-in session has counts of its own, per principal
 * (reauthKey), so failures from elsewhere cannot block a signature.
 *
 * Callers check retryAfter() before the (slow) password check, to shed load, and
 * again under lock() when they record the outcome: otherwise parallel guesses would
 * all pass the first check before any failure is recorded.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private keys(email: string, address: string) {
    return {
      account: `account:${email}`,
      pair: `pair:${address} ${email}`,
      address: `address:${address}`,
    };
  }

  get alertThreshold(): number {
    return this.config.login.alertPerAccount ?? DEFAULT_ALERT_PER_ACCOUNT;
  }

  /**
   * Makes attempts on this account or address take turns until the transaction ends
   * (briefly: the password has been checked already). Account first, then address,
   * always: no deadlock.
   */
  async lock(em: EntityManager, email: string, address: string): Promise<void> {
    const { account, address: addr } = this.keys(email, address);
    await this.lockKeys(em, [account, addr]);
  }

  /** Seconds until the caller may try again, or 0 when not throttled. */
  retryAfter(em: EntityManager, email: string, address: string): Promise<number> {
    const { pair, address: addr } = this.keys(email, address);
    const { maxPerAccount, maxPerAddress } = this.config.login;
    return this.wait(em, [
      [pair, maxPerAccount],
      [addr, maxPerAddress],
    ]);
  }

  /** Records a failure; returns the account's failures in the window, from all addresses. */
  async recordFailure(em: EntityManager, email: string, address: string): Promise<number> {
    const { account, pair, address: addr } = this.keys(email, address);
    const counts = await this.count(em, [account, pair, addr]);
    return counts.get(account) ?? 0;
  }

  /** A refused (throttled) attempt is still an attempt on the account: returns its count. */
  async recordThrottled(em: EntityManager, email: string): Promise<number> {
    const { account } = this.keys(email, '');
    return (await this.count(em, [account])).get(account) ?? 0;
  }

  /** A success clears its own address's count on the account, nothing else. */
  async recordSuccess(em: EntityManager, email: string, address: string): Promise<void> {
    await em.query('DELETE FROM auth_throttle WHERE key = $1', [this.keys(email, address).pair]);
  }

  // Re-authentication of a signed-in principal (reauthKey identifies it).

  async lockReauth(em: EntityManager, key: string): Promise<void> {
    await this.lockKeys(em, [key]);
  }

  reauthRetryAfter(em: EntityManager, key: string): Promise<number> {
    return this.wait(em, [[key, this.config.login.maxPerAccount]]);
  }

  async recordReauthFailure(em: EntityManager, key: string): Promise<void> {
    await this.count(em, [key]);
  }

  private async lockKeys(em: EntityManager, keys: string[]): Promise<void> {
    for (const key of keys)
      await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, key]);
  }

  private async wait(em: EntityManager, limits: [string, number][]): Promise<number> {
    const rows = await em.query<{ key: string; failures: number; remaining: number }[]>(
      `SELECT key, failures,
              ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS remaining
         FROM auth_throttle
        WHERE key = ANY($1) AND window_started_at + make_interval(secs => $2) > now()`,
      [limits.map(([k]) => k), this.config.login.windowSeconds],
    );
    const max = new Map(limits);
    let wait = 0;
    for (const r of rows)
      if (r.failures >= max.get(r.key)!) wait = Math.max(wait, Math.max(1, r.remaining));
    return wait;
  }

  private async count(em: EntityManager, keys: string[]): Promise<Map<string, number>> {
    const rows = await em.query<{ key: string; failures: number }[]>(
      `INSERT INTO auth_throttle (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.window_started_at + make_interval(secs => $2) <= now()
                         THEN 1 ELSE auth_throttle.failures + 1 END,
         window_started_at = CASE WHEN auth_throttle.window_started_at + make_interval(secs => $2) <= now()
                         THEN now() ELSE auth_throttle.window_started_at END
       RETURNING key, failures`,
      [keys, this.config.login.windowSeconds],
    );
    return new Map(rows.map((r) => [r.key, r.failures]));
  }
}
