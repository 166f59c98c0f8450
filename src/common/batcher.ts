/**
 * Write combining: calls that arrive while a batch is being written are written
 * together, as the next batch, by one call of `write` (one statement, one round trip,
 * one commit for all of them). At most one batch is written at a time, so two batches
 * never hold each other's locks. A call arriving when nothing is being written waits
 * only for the end of the current turn of the event loop (to take the calls that
 * arrived with it), so a lone call is not delayed.
 *
 * With `key`, two calls with the same key never share a batch (the second waits for the
 * next one), so `write` may treat its items as distinct; without, `write` must expect the
 * same item twice (a lookup answers both). When `write` throws, every call of that
 * batch gets the error: the caller decides what to do alone (usually: write it alone).
 */
export class Batcher<I, O> {
  private waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private busy = false;

  constructor(
    /** Writes the items; answers one output per item, in the items' order. */
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly key: ((item: I) => string) | null,
    readonly maxBatch = 64,
  ) {}

  /** Calls waiting for a batch (not counting the one being written). */
  get queued(): number {
    return this.waiting.length;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.take();
      try {
        const out = await this.write(batch.map((c) => c.item));
        if (out.length !== batch.length) {
          throw new Error(`batch of ${batch.length} answered with ${out.length} outputs`);
        }
        batch.forEach((c, i) => c.resolve(out[i]));
      } catch (err) {
        for (const c of batch) c.reject(err);
      }
    }
    this.busy = false;
  }

  /** The next batch: waiting calls in arrival order, up to maxBatch, one per key. */
  private take(): typeof this.waiting {
    const batch: typeof this.waiting = [];
    const keys = new Set<string>();
    const rest: typeof this.waiting = [];
    for (const c of this.waiting) {
      const k = this.key?.(c.item);
      if (batch.length < this.maxBatch && (k === undefined || !keys.has(k))) {
        if (k !== undefined) keys.add(k);
        batch.push(c);
      } else {
        rest.push(c);
      }
    }
    this.waiting = rest;
    return batch;
  }
}
