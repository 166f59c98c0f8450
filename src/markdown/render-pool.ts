import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

interface Job {
  resolve(html: string): void;
  reject(err: Error): void;
}
interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}
type Reply = { id: number; html: string; error?: undefined } | { id: number; error: string };

/**
 * Under ts-jest/swc the sources are TypeScript: the worker compiles them with @swc/core
 * (a dev dependency) as it requires them. The built service runs the .js file directly.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { transformSync } = require(require.resolve('@swc/core', { paths: [workerData.file] }));
Module._extensions['.ts'] = (m, filename) => m._compile(transformSync(readFileSync(filename, 'utf8'), {
  filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
}).code, filename);
require(workerData.file);
`;

/**
 * Worker threads that render large bodies, so that no body — however many headings,
 * links or list items — holds the event loop (and every other request) while it renders.
 * Workers start on first use; an idle one does not keep the process alive.
 */
export class RenderPool {
  private readonly slots: Slot[] = [];
  private seq = 0;

  constructor(private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1))) {}

  render(body: string): Promise<string> {
    const slot = this.pick();
    const id = ++this.seq;
    return new Promise<string>((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, body });
    });
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** An idle worker, else a new one while under `size`, else the least busy. */
  private pick(): Slot {
    const idle = this.slots.find((s) => s.jobs.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  }

  private spawn(): Slot {
    const file = path.join(__dirname, `render.worker${path.extname(__filename)}`);
    const worker = file.endsWith('.ts')
      ? new Worker(TS_BOOTSTRAP, { eval: true, workerData: { file } })
      : new Worker(file);
    const slot: Slot = { worker, jobs: new Map() };
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      if (slot.jobs.size === 0) worker.unref();
      if (reply.error !== undefined) job?.reject(new Error(`rendering failed: ${reply.error}`));
      else job?.resolve(reply.html);
    });
    const fail = (err: Error) => {
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      for (const job of slot.jobs.values()) job.reject(err);
      slot.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`render worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }
}
