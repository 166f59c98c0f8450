import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  at: number;
}

/** What a path answers: a status code, or 'hang' to keep the request open until release(). */
type Responder = (req: Received, nth: number) => number | 'hang';

/** A real HTTP webhook receiver on 127.0.0.1 that records every request it gets. */
export class Receiver {
  readonly received: Received[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly hanging: ServerResponse[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const receiver = new Receiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const r = {
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        receiver.received.push(r);
        const answer = receiver.responders.get(path)?.(r, receiver.on(path).length) ?? 200;
        if (answer === 'hang') receiver.hanging.push(res);
        else res.writeHead(answer, { 'Content-Type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  respond(path: string, responder: Responder): void {
    this.responders.set(path, responder);
  }

  /** Requests received on this path, oldest first. */
  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Answers every request kept open by a 'hang' responder. */
  release(status = 200): void {
    for (const res of this.hanging.splice(0)) res.writeHead(status).end('ok');
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until the condition holds (no fixed sleeps); fails after the deadline. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls until some session on the test's database waits for a lock (a request queued behind one held). */
export async function untilSomeoneWaitsForALock(ds: DataSource, what: string) {
  await until(what, async () => {
    const [{ n }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = current_database()`,
    );
    return n > 0;
  });
}
