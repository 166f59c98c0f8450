import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, EmbeddedPostgresHandle } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/run-migrations';

/**
 * Shared bench plumbing: a fresh database (on DATABASE_URL's server, or an embedded
 * cluster with durable settings in .data/pg-bench), and the real service started
 * as a child process so its memory can be read apart from the load generator.
 */
export interface BenchDb {
  url: string;
  close(): Promise<void>;
}

function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function freshDatabase(label: string): Promise<BenchDb> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: '.data/pg-bench',
      port: Number(process.env.PRAXIS_BENCH_PG_PORT ?? 25434),
      settings: {
        max_connections: '200',
        // BENCH_WAITS=1 also prints the statements PostgreSQL spent its time on.
        ...(process.env.BENCH_WAITS === '1'
          ? {
              shared_preload_libraries: 'pg_stat_statements',
              'pg_stat_statements.track_planning': 'on',
            }
          : {}),
        // BENCH_EXPLAIN=<ms>: the plan, with its timings, of every statement that took longer
        // (triggers and nested statements included), logged to .data/pg-bench.log.
        ...(process.env.BENCH_EXPLAIN
          ? {
              shared_preload_libraries:
                process.env.BENCH_WAITS === '1'
                  ? 'pg_stat_statements,auto_explain'
                  : 'auto_explain',
              'auto_explain.log_min_duration': process.env.BENCH_EXPLAIN,
              'auto_explain.log_analyze': 'on',
              'auto_explain.log_buffers': 'on',
              'auto_explain.log_triggers': 'on',
              'auto_explain.log_nested_statements': 'on',
            }
          : {}),
        // BENCH_PG_SETTINGS='log_min_duration_statement=10,…': any other server settings.
        ...Object.fromEntries(
          (process.env.BENCH_PG_SETTINGS ?? '')
            .split(',')
            .filter(Boolean)
            .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
        ),
      },
      ...(process.env.BENCH_EXPLAIN || process.env.BENCH_PG_SETTINGS
        ? { serverLog: (line: string) => appendFileSync('.data/pg-bench.log', `${line}\n`) }
        : {}),
    });
    serverUrl = embedded.url('postgres');
  }
  const name = `praxis_bench_${label}_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  return {
    url,
    close: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await embedded?.stop();
    },
  };
}

export const BENCH_ADMIN = { email: 'bench-admin@bench.local', password: 'bench-password-123' };
/** The service's token secret, so a bench can mint tokens for many users without signing each in. */
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** A throwaway instance signing key (audit checkpoints), required with DATABASE_URL. */
const BENCH_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'der', type: 'pkcs8' })
  .toString('base64');

export interface Service {
  base: string;
  proc: ChildProcess;
  /** Peak resident memory of the service process so far (VmHWM), in MB. */
  peakRssMb(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * The environment and node flags of package.json's start script, so the bench runs the
 * service as `npm start` does (`VAR=value … node --flag … dist/src/main.js`).
 */
const START: { env: Record<string, string>; nodeFlags: string[] } = (() => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  const node = words.indexOf('node');
  const env = Object.fromEntries(
    words.slice(0, node).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  const after = words.slice(node + 1);
  const script = after.findIndex((w) => !w.startsWith('--'));
  return { env, nodeFlags: script === -1 ? after : after.slice(0, script) };
})();

export async function startService(
  databaseUrl: string,
  port = 3900,
  env: Record<string, string> = {},
  nodeFlags: readonly string[] = START.nodeFlags,
  /** Another build's dist/ folder (bench:read's BENCH_COMPARE_DIST); this one's by default. */
  dist = path.join(__dirname, '..'),
): Promise<Service> {
  // The flags `npm start` gives node (package.json) unless told others, then any from
  // BENCH_SERVICE_NODE_ARGS.
  const nodeArgs = [
    ...nodeFlags,
    ...(process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const proc = spawn(process.execPath, [...nodeArgs, path.join(dist, 'src/main.js')], {
    env: {
      ...START.env,
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: BENCH_JWT_SECRET,
      INSTANCE_SIGNING_KEY: BENCH_SIGNING_KEY,
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      SEED_DEMO: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out: string | null = '';
    // BENCH_SERVICE_STDOUT=<file>: the service's output (with BENCH_SERVICE_NODE_ARGS=--trace-gc, say).
    const keep = process.env.BENCH_SERVICE_STDOUT;
    proc.stdout.on('data', (d: Buffer) => {
      if (keep) appendFileSync(keep, d);
      if (out === null) return;
      out += d.toString();
      if (out.includes('Praxis is listening')) {
        out = null;
        resolve();
      }
    });
    proc.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  const status = (field: string) => {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${proc.pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) / 1024 : NaN;
  };
  return {
    base: `http://127.0.0.1:${port}`,
    proc,
    peakRssMb: () => status('VmHWM'),
    rssMb: () => status('VmRSS'),
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export async function signIn(
  base: string,
  email = BENCH_ADMIN.email,
  password = BENCH_ADMIN.password,
): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

export function target(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

/**
 * CPU time (user + system) a process has used so far, in ms (Linux /proc); with
 * `children`, that of its children that ended and were waited for.
 */
export function cpuMs(pid: number, children = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const at = children ? 13 : 11;
  return (Number(fields[at]) + Number(fields[at + 1])) * 10;
}

/**
 * The postmaster of the server `c` is connected to (the parent of its backend), when that
 * server runs on this machine: to count its processes only, not another cluster's.
 */
export async function postmasterPid(c: Client): Promise<number | undefined> {
  const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const stat = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // another machine
  }
}

/**
 * CPU time the PostgreSQL processes on this machine have used so far, in ms: those of
 * the cluster whose postmaster is `postmaster` (itself and its children) when given,
 * else every process named postgres.
 */
export function postgresCpuMs(postmaster?: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (postmaster === undefined || Number(entry) === postmaster || ppid === postmaster)
        total += cpuMs(Number(entry));
      // The backends that ended (a pool closes idle connections) count in the
      // postmaster's reaped children's time.
      if (Number(entry) === postmaster) total += cpuMs(Number(entry), true);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
