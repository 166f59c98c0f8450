import type { Server, ServerResponse } from 'node:http';
import net from 'node:net';

export interface HttpDrain {
  /**
   * Stops accepting connections and resolves when every request in flight has been
   * answered and its connection closed, or after `graceMs`, when the rest are cut.
   */
  drain(graceMs: number): Promise<void>;
}

/**
 * Lets an HTTP server stop without cutting a request (SIGTERM, a rolling deploy). Once
 * draining, every answer — to requests in flight and to any that still arrive on an open
 * keep-alive connection — carries `Connection: close`, so clients open their next
 * connection elsewhere. Idle keep-alive connections are not closed at once (as
 * http.Server#close does): a request may be on its way on one; they end after it, or at
 * the server's keepAliveTimeout.
 */
export function drainable(server: Server): HttpDrain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const closeAfterAnswer = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  // Before Fastify's listener, so a request that arrives while draining is marked too.
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) closeAfterAnswer(res);
    res.once('close', () => inFlight.delete(res));
  });
  return {
    drain(graceMs: number) {
      draining = true;
      for (const res of inFlight) closeAfterAnswer(res);
      return new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        net.Server.prototype.close.call(server, () => {
          clearTimeout(cut);
          resolve();
        });
      });
    },
  };
}
