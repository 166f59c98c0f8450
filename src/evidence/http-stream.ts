import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';

const log = new Logger('Evidence');

/** `attachment; filename="…"` with a name reduced to safe characters. */
export const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^A-Za-z0-9._-]+/g, '-')}"`;

/**
 * Streams to the response with backpressure. Once the first byte is out the status is
 * sent: a failure after that can only cut the download short (the client sees a
 * truncated file, which a pack's verifier reports), so it is logged, not rethrown.
 */
export async function streamTo(source: NodeJS.ReadableStream, res: Response): Promise<void> {
  try {
    await pipeline(source, res);
  } catch (err) {
    if (!res.destroyed) res.destroy(err as Error);
    log.error({ err }, 'streaming failed');
  }
}
