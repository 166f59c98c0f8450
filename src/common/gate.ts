/**
 * A counting semaphore: at most `capacity` tasks at once, the rest waiting their turn in
 * arrival order. `run` waits however long the queue; `tryRun` answers `Gate.FULL` at once
 * when `maxWaiting` callers already wait, so the caller can refuse rather than pile up.
 */
export class Gate {
  static readonly FULL = Symbol('full');
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    readonly maxWaiting = Infinity,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.capacity) await new Promise<void>((go) => this.waiting.push(go));
    else this.active++;
    try {
      return await task();
    } finally {
      // hand the slot straight to the next in line, or give it back
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  tryRun<T>(task: () => Promise<T>): Promise<T | typeof Gate.FULL> {
    if (this.active >= this.capacity && this.waiting.length >= this.maxWaiting)
      return Promise.resolve(Gate.FULL);
    return this.run(task);
  }
}
