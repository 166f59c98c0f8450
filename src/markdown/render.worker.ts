import { parentPort } from 'node:worker_threads';
import { renderHtml } from './render-html';

/** A render worker: one body in, its HTML (or the error) out, tagged with the job id. */
parentPort!.on('message', ({ id, body }: { id: number; body: string }) => {
  try {
    parentPort!.postMessage({ id, html: renderHtml(body) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
