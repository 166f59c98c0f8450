import net from 'node:net';
import path from 'node:path';

/**
 * A TCP proxy in front of a test's PostgreSQL that the test can cut: `cut()` drops every
 * open connection and resets each new one (as a server that went away), `restore()` lets
 * them through again. `url` is the database URL through the proxy.
 */
export interface TcpProxy {
  url: string;
  /** Connections reset since the last cut. */
  readonly refused: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(databaseUrl: string): Promise<TcpProxy> {
  const target = new URL(databaseUrl);
  const socketDir = target.searchParams.get('host');
  const port = Number(target.port || 5432);
  const upstreamOptions: net.NetConnectOpts = socketDir
    ? { path: path.join(socketDir, `.s.PGSQL.${port}`) }
    : { host: target.hostname, port };
  const open = new Set<net.Socket>();
  const upstreamOf = new WeakMap<net.Socket, net.Socket>();
  let cut = false;
  let refused = 0;

  const server = net.createServer((client) => {
    if (cut) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(upstreamOptions);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    // only the TCP side can be reset: the upstream may be a Unix socket (the embedded
    // PostgreSQL of `npm test` without DATABASE_URL), and destroying the client's end
    // closes the pipe to it anyway
    open.add(client);
    upstreamOf.set(client, upstream);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as net.AddressInfo).port);
  proxied.searchParams.delete('host');

  return {
    url: proxied.toString(),
    get refused() {
      return refused;
    },
    cut() {
      cut = true;
      refused = 0;
      for (const s of open) {
        s.resetAndDestroy();
        upstreamOf.get(s)?.destroy();
      }
      open.clear();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) {
          s.destroy();
          upstreamOf.get(s)?.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
