import { Coalescer } from './coalesce';

/** A computation the test finishes by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Coalescer', () => {
  it('shares one computation between callers that arrive while nothing runs', async () => {
    const c = new Coalescer<number>();
    const d = deferred<number>();
    let calls = 0;
    const compute = () => {
      calls++;
      return d.promise;
    };
    const a = c.run('k', compute);
    d.resolve(1);
    expect(await a).toBe(1);
    expect(calls).toBe(1);
  });

  it('gives a caller arriving during a computation the next one, shared by all who wait', async () => {
    const c = new Coalescer<string>();
    const runs = [deferred<string>(), deferred<string>(), deferred<string>()];
    let started = 0;
    const compute = () => runs[started++].promise;

    const first = c.run('k', compute);
    const second = c.run('k', compute); // arrives while the first runs: must not get its answer
    const third = c.run('k', compute);
    expect(started).toBe(1);
    runs[0].resolve('snapshot 1');
    expect(await first).toBe('snapshot 1');
    expect(started).toBe(2);
    const fourth = c.run('k', compute); // arrives while the second runs
    runs[1].resolve('snapshot 2');
    expect(await Promise.all([second, third])).toEqual(['snapshot 2', 'snapshot 2']);
    runs[2].resolve('snapshot 3');
    expect(await fourth).toBe('snapshot 3');
    expect(started).toBe(3);
  });

  it('keeps keys apart', async () => {
    const c = new Coalescer<string>();
    const [a, b] = await Promise.all([c.run('a', async () => 'A'), c.run('b', async () => 'B')]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('passes a failure to the callers who shared it, and starts afresh after it', async () => {
    const c = new Coalescer<number>();
    const failing = deferred<number>();
    const first = c.run('k', () => failing.promise);
    const waiting = c.run('k', async () => 2);
    failing.reject(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    expect(await waiting).toBe(2);
    expect(await c.run('k', async () => 3)).toBe(3);
  });
});
