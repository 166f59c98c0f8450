/**
 * Failed authentications per client address, counted in memory per instance in fixed
 * one-minute windows. The global guard asks before it looks a credential up, so a
 * flood of bad keys or tokens from one address costs no database work once over the
 * limit (the general rate limit counts only after authentication).
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>();

  /** limit 0: off. */
  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whole seconds until this address may try again; 0 when it may now. */
  retryAfter(address: string): number {
    if (this.limit === 0) return 0;
    const w = this.windows.get(address);
    if (!w || w.resetAt <= this.now() || w.failures < this.limit) return 0;
    return Math.max(1, Math.ceil((w.resetAt - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    if (this.limit === 0) return;
    const now = this.now();
    const w = this.windows.get(address);
    if (w && w.resetAt > now) w.failures++;
    else {
      // Bounded memory: expired windows go whenever a new one opens and many are held.
      if (this.windows.size >= 10_000)
        for (const [k, v] of this.windows) if (v.resetAt <= now) this.windows.delete(k);
      this.windows.set(address, { failures: 1, resetAt: now + this.windowMs });
    }
  }
}
