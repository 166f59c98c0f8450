import { ChangeHandler, ChangeListener } from './change-listener';
import { CoherentCache, Loaded } from './coherent-cache';

/** A listener whose notifications and round trips the test makes. */
class FakeListener {
  listening = true;
  handlers = new Map<string, ChangeHandler>();
  /** Round trips not yet answered; each resolves with `listening` when the test ends it. */
  trips: (() => void)[] = [];
  subscribe(channel: string, handler: ChangeHandler): void {
    this.handlers.set(channel, handler);
  }
  synced(): Promise<boolean> {
    return new Promise((resolve) => this.trips.push(() => resolve(this.listening)));
  }
  notify(channel: string, payload: string): void {
    this.handlers.get(channel)!(payload);
  }
  /** Answers every round trip asked for so far (after letting pending callbacks run). */
  async answer(): Promise<void> {
    await flush();
    for (const end of this.trips.splice(0)) end();
    await flush();
  }
}

const flush = () => new Promise((r) => setImmediate(r));

describe('CoherentCache', () => {
  let listener: FakeListener;
  let cache: CoherentCache<string>;
  let loads: number;
  const load =
    (value: string, group = 'g1', ttlMs = 60_000) =>
    (): Promise<Loaded<string>> => {
      loads++;
      return Promise.resolve({ value, group, ttlMs });
    };
  /** get() with every round trip it asks for answered. */
  async function get(key: string, l = load(`${key}-value`)): Promise<string | null> {
    const got = cache.get(key, l);
    await listener.answer();
    return got;
  }

  beforeEach(() => {
    listener = new FakeListener();
    cache = new CoherentCache<string>(listener as unknown as ChangeListener, {
      channel: 'things',
      max: 100,
      ttlMs: 60_000,
    });
    loads = 0;
  });
  afterEach(() => cache.close());

  it('serves a kept value only after a round trip that started after the request', async () => {
    expect(await get('a')).toBe('a-value');
    expect(loads).toBe(1);
    const second = cache.get('a', load('other'));
    let done = false;
    void second.then(() => (done = true));
    await flush();
    expect(done).toBe(false); // waiting for the round trip
    // A change notified before the round trip comes back is honoured.
    listener.notify('things', 'g1');
    await listener.answer();
    expect(await second).toBe('other');
    expect(loads).toBe(2);
    expect(await get('a', load('third'))).toBe('other');
    expect(loads).toBe(2);
  });

  it("drops a group's entries and only those; '*' drops all", async () => {
    await get('a', load('a1', 'g1'));
    await get('b', load('b1', 'g2'));
    listener.notify('things', 'g1');
    expect(await get('a', load('a2', 'g1'))).toBe('a2');
    expect(await get('b', load('b2', 'g2'))).toBe('b1');
    listener.notify('things', '*');
    expect(await get('b', load('b3', 'g2'))).toBe('b3');
    expect(cache.size).toBe(1);
  });

  it('does not keep a load that overlapped an invalidation', async () => {
    let release!: () => void;
    const slow = (): Promise<Loaded<string>> =>
      new Promise(
        (resolve) => (release = () => resolve({ value: 'old', group: 'g1', ttlMs: 60_000 })),
      );
    const got = cache.get('a', slow);
    await flush();
    listener.notify('things', 'g9'); // any group: the load may have read what it replaced
    release();
    expect(await got).toBe('old');
    expect(await get('a', load('new'))).toBe('new');
  });

  it('serves and keeps nothing while the listener is down', async () => {
    await get('a', load('kept'));
    listener.listening = false;
    expect(await get('a', load('fresh'))).toBe('fresh');
    expect(await get('a', load('fresher'))).toBe('fresher');
    listener.listening = true;
    expect(await get('a', load('again'))).toBe('kept');
  });

  it('keeps nothing with a ttl of 0, and nothing past its ttl', async () => {
    expect(await get('a', load('once', 'g1', 0))).toBe('once');
    expect(await get('a', load('twice', 'g1', 0))).toBe('twice');
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      await get('b', load('short', 'g1', 1_000));
      clock.mockReturnValue(now + 1_001);
      expect(await get('b', load('later'))).toBe('later');
    } finally {
      clock.mockRestore();
    }
  });

  it('keeps at most maxSize and not a load that found nothing', async () => {
    const sized = new CoherentCache<string>(listener as unknown as ChangeListener, {
      channel: 'sized',
      max: 100,
      maxSize: 10,
      sizeOf: (v) => v.length,
      ttlMs: 60_000,
    });
    try {
      for (const k of ['a', 'b', 'c']) await sized.get(k, load('12345'));
      expect(sized.size).toBe(2);
      const none = sized.get('d', () => Promise.resolve(null));
      await listener.answer();
      expect(await none).toBeNull();
      expect(sized.size).toBe(2);
    } finally {
      sized.close();
    }
  });
});
