/**
 * A counting semaphore with a bounded queue: at most `capacity` holders at once, at
 * most `maxWaiting` callers waiting for a turn. `enter` answers false when the queue
 * is full, so the caller can refuse at once rather than pile up.
 */
export class SearchGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T | typeof SearchGate.FULL> {
    if (this.active >= this.capacity) {
      if (this.waiting.length >= this.maxWaiting) return SearchGate.FULL;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      return await work();
    } finally {
      // hand the slot straight to the next in line, or give it back
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  static readonly FULL = Symbol('full');
}
