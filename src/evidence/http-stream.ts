import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

const log = new Logger('Evidence');

/** `attachment; filename="…"` with a name reduced to safe characters. */
export const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^A-Za-z0-9._-]+/g, '-')}"`;

/**
 * Streams to the response with backpressure (Fastify pipes it; the hooks and headers
 * apply as to any answer). Once the first byte is out the status is sent: a failure
 * after that can only cut the download short (the client sees a truncated file, which a
 * pack's verifier reports), so it is logged, not rethrown. Resolves when the answer is
 * over, whole or cut.
 */
export async function streamTo(source: NodeJS.ReadableStream, res: FastifyReply): Promise<void> {
  source.once('error', (err) => log.error({ err }, 'streaming failed'));
  await new Promise<void>((resolve) => {
    res.raw.once('close', resolve);
    res.send(source);
  });
}
