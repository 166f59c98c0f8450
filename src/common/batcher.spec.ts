import { Batcher } from './batcher';

/** A write that records each batch and answers when `release` is called. */
function recorder() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: string[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve) =>
      pending.push(() => resolve(items.map((i) => `done ${i}`))),
    );
  };
  const release = async () => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()!();
  };
  return { batches, write, release };
}

const byItem = (s: string) => s.split('#')[0];

describe('Batcher', () => {
  it('writes calls of the same turn together, and those arriving during a write as the next batch', async () => {
    const r = recorder();
    const b = new Batcher(r.write, byItem);
    const first = [b.submit('a'), b.submit('b')];
    await r.release();
    const second = [b.submit('c'), b.submit('d'), b.submit('e')];
    expect(await Promise.all(first)).toEqual(['done a', 'done b']);
    await r.release();
    expect(await Promise.all(second)).toEqual(['done c', 'done d', 'done e']);
    expect(r.batches).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('writes one batch at a time', async () => {
    const r = recorder();
    const b = new Batcher(r.write, byItem);
    const a = b.submit('a');
    await new Promise((res) => setImmediate(res));
    const later = b.submit('b');
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([['a']]); // b waits for a's batch to end
    await r.release();
    await r.release();
    expect([await a, await later]).toEqual(['done a', 'done b']);
    expect(r.batches).toEqual([['a'], ['b']]);
  });

  it('never puts two calls with the same key in one batch, and caps its size', async () => {
    const r = recorder();
    const b = new Batcher(r.write, byItem, 2);
    const calls = ['x#1', 'x#2', 'y', 'z'].map((i) => b.submit(i));
    await r.release();
    await r.release();
    expect(await Promise.all(calls)).toEqual(['done x#1', 'done x#2', 'done y', 'done z']);
    expect(r.batches).toEqual([
      ['x#1', 'y'],
      ['x#2', 'z'],
    ]);
  });

  it('without a key, puts calls for the same item in one batch', async () => {
    const r = recorder();
    const b = new Batcher(r.write, null);
    const calls = ['x', 'x', 'y'].map((i) => b.submit(i));
    await r.release();
    expect(await Promise.all(calls)).toEqual(['done x', 'done x', 'done y']);
    expect(r.batches).toEqual([['x', 'x', 'y']]);
  });

  it("gives a failed batch's error to each of its calls, and goes on with the next", async () => {
    let n = 0;
    const b = new Batcher(async (items: string[]) => {
      if (n++ === 0) throw new Error('deadlock');
      return items;
    }, byItem);
    const failed = [b.submit('a'), b.submit('b')];
    const results = await Promise.allSettled(failed);
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(await b.submit('c')).toBe('c');
  });

  it('refuses an answer that does not match its batch', async () => {
    const b = new Batcher(async () => ['only one'], byItem);
    await expect(Promise.all([b.submit('a'), b.submit('b')])).rejects.toThrow(
      'batch of 2 answered with 1 outputs',
    );
  });
});
