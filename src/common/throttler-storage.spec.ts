import { ThrottlerStorageService } from '@nestjs/throttler';
import { SlidingWindowStorage } from './throttler-storage';

/** What the guard reads: the time until a block ends only while blocked. */
const used = (r: Awaited<ReturnType<SlidingWindowStorage['increment']>>) => ({
  ...r,
  timeToBlockExpire: r.isBlocked ? r.timeToBlockExpire : null,
});

describe('SlidingWindowStorage', () => {
  let clock = 1_000_000;
  let nowSpy: jest.SpyInstance;
  beforeEach(() => {
    clock = 1_000_000;
    nowSpy = jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterEach(() => nowSpy.mockRestore());

  it('answers as the default storage does, hit by hit, for several callers over several windows', async () => {
    const reference = new ThrottlerStorageService();
    const ours = new SlidingWindowStorage(() => clock);
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    try {
      for (let i = 0; i < 5_000; i++) {
        clock += Math.floor(random() * (random() < 0.05 ? 30_000 : 400));
        const key = `default:user:${Math.floor(random() * 3)}`;
        const args = [key, 10_000, 5, 10_000, 'default'] as const;
        expect(used(await ours.increment(...args))).toEqual(
          used(await reference.increment(...args)),
        );
      }
    } finally {
      reference.onApplicationShutdown();
    }
  });

  it('refuses the request over the limit, and again until the block ends', async () => {
    const s = new SlidingWindowStorage(() => clock);
    for (let i = 1; i <= 3; i++)
      expect(await s.increment('k', 60_000, 3, 60_000, 'default')).toMatchObject({
        totalHits: i,
        isBlocked: false,
      });
    clock += 1_000;
    expect(await s.increment('k', 60_000, 3, 60_000, 'default')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    clock += 59_999;
    expect((await s.increment('k', 60_000, 3, 60_000, 'default')).isBlocked).toBe(true);
    clock += 1;
    expect(await s.increment('k', 60_000, 3, 60_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('forgets callers idle for a window', async () => {
    const s = new SlidingWindowStorage(() => clock);
    await s.increment('a', 60_000, 3, 60_000, 'default');
    await s.increment('b', 60_000, 3, 60_000, 'default');
    clock += 61_000;
    await s.increment('c', 60_000, 3, 60_000, 'default');
    expect(s.size).toBe(1);
  });
});
