import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  it('refuses an address past the limit until its window ends, and no other address', () => {
    let now = 1_000_000;
    const limiter = new AuthFailureLimiter(2, 60_000, () => now);
    limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(60);
    expect(limiter.retryAfter('b')).toBe(0);
    now += 59_500;
    expect(limiter.retryAfter('a')).toBe(1);
    now += 500;
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(0); // a new window
  });

  it('is off with a limit of 0', () => {
    const limiter = new AuthFailureLimiter(0);
    for (let i = 0; i < 100; i++) limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(0);
  });
});
