/**
 * Identical reads in flight at the same time share one computation, without ever answering
 * with data older than the request: a caller that arrives while a computation runs waits
 * for the next one, which starts when the running one ends (and which every caller that
 * arrives meanwhile shares). So each answer is computed from a snapshot taken after the
 * request arrived, as if it had run alone, and at most two computations per key exist at
 * once, however many callers ask.
 */
export class Coalescer<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly queued = new Map<string, Promise<T>>();

  run(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.running.get(key);
    if (!running) return this.start(key, compute);
    let queued = this.queued.get(key);
    if (!queued) {
      queued = running.then(
        () => this.startQueued(key, compute),
        () => this.startQueued(key, compute),
      );
      this.queued.set(key, queued);
    }
    return queued;
  }

  private startQueued(key: string, compute: () => Promise<T>): Promise<T> {
    this.queued.delete(key);
    return this.start(key, compute);
  }

  private start(key: string, compute: () => Promise<T>): Promise<T> {
    const p = compute().finally(() => {
      if (this.running.get(key) === p) this.running.delete(key);
    });
    this.running.set(key, p);
    return p;
  }
}
