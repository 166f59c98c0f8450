import { getHeapSpaceStatistics } from 'node:v8';

/** How long the service is left quiet before each try to give the young generation back. */
export const RELEASE_EVERY_MS = 4_000;
/** Tries before giving up (the service is busy: V8's memory reducer takes over later). */
export const RELEASE_TRIES = 4;

/** The young generation's reserved size in bytes (V8's new space: both semi-spaces). */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Start-up (modules, metadata, migrations, the demo seed) grows V8's young generation to its
 * largest size, and V8 keeps that until a collection finds the process allocating little,
 * which an idle service only meets some 25 s later, through V8's memory reducer: with
 * `--max-semi-space-size=16`, 32 MB of a 143 MB idle process.
 *
 * So, every few seconds after listening, one young-generation collection, until the young
 * generation has shrunk or a few tries have passed. V8 judges "allocating little" on the
 * allocation it recorded at its recent collections: the first try usually finds start-up
 * still in that window and records a quiet one, and the next gives the memory back. Under
 * load V8 shrinks nothing, so a busy start loses only a few short collections.
 *
 * Needs `--expose-gc` (`npm start` passes it); without it this does nothing.
 */
export function releaseStartupYoungGeneration(
  opts: {
    collect?: NodeJS.GCFunction;
    everyMs?: number;
    tries?: number;
    size?: () => number;
  } = {},
): NodeJS.Timeout | null {
  const collect = opts.collect ?? globalThis.gc;
  const size = opts.size ?? youngGenerationBytes;
  if (typeof collect !== 'function') return null;
  const start = size();
  let left = opts.tries ?? RELEASE_TRIES;
  const timer = setInterval(() => {
    collect({ type: 'minor' });
    if (--left <= 0 || size() < start) clearInterval(timer);
  }, opts.everyMs ?? RELEASE_EVERY_MS);
  return timer.unref();
}
