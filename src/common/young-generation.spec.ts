import { releaseStartupYoungGeneration, youngGenerationBytes } from './young-generation';

describe('releaseStartupYoungGeneration', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does nothing without a collector (node started without --expose-gc)', () => {
    const exposed = globalThis.gc;
    globalThis.gc = undefined;
    try {
      expect(releaseStartupYoungGeneration()).toBeNull();
    } finally {
      globalThis.gc = exposed;
    }
  });

  it('collects the young generation every few seconds until it has shrunk, then stops', () => {
    let size = 32 << 20;
    // V8 gives it back at the second try, once a quiet collection is on record.
    const collect = jest.fn(() => {
      if (collect.mock.calls.length === 2) size = 1 << 20;
    }) as jest.Mock & NodeJS.GCFunction;
    releaseStartupYoungGeneration({ collect, everyMs: 4_000, tries: 4, size: () => size });
    jest.advanceTimersByTime(3_999);
    expect(collect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledWith({ type: 'minor' });
    jest.advanceTimersByTime(4_000);
    expect(collect).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(40_000);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('gives up after its tries while the service stays busy', () => {
    const collect = jest.fn();
    releaseStartupYoungGeneration({ collect, everyMs: 1_000, tries: 3, size: () => 32 << 20 });
    jest.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(3);
  });

  it("reads V8's young generation", () => {
    expect(youngGenerationBytes()).toBeGreaterThan(0);
  });
});
