import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { Client, Pool } from 'pg';
import {
  BENCH_ADMIN,
  cpuMs,
  fmt,
  freshDatabase,
  postgresCpuMs,
  postmasterPid,
  Service,
  signIn,
  startService,
  target,
} from './lib';

/**
 * npm run bench:read — 2,000 documents × 5 revisions (~5 KB Markdown each), seeded
 * with set-based SQL; then one first read of every revision's HTML (it is rendered and
 * stored then), then GET /revisions/:id/html and GET /documents/:id/revisions
 * over random ids, 64 connections, against the real service (a child process) and
 * against a floor: bare node:http + pg in another child process, fetching the same
 * rows with no framework, no auth and no rendering. Prints figures, asserts nothing.
 */
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 2_000);
const REVISIONS = 5;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const SERVICE_PORT = Number(process.env.BENCH_PORT ?? 3910);
const FLOOR_PORT = SERVICE_PORT + 1;
/**
 * BENCH_COMPARE_NODE_ARGS='--max-semi-space-size=32': a second instance with these node flags
 * instead of `npm start`'s; BENCH_COMPARE_DIST=<folder>: a second instance from another
 * build (a copy of `dist/` made before a change, say). Then both routes on each instance
 * in turn, BENCH_COMPARE_ROUNDS times (2), to choose flags or keep a change by CPU per
 * request measured in the same conditions: on a shared machine, req/s from runs minutes
 * apart differ by more than most changes do.
 */
const COMPARE_ARGS = process.env.BENCH_COMPARE_NODE_ARGS;
const COMPARE_DIST = process.env.BENCH_COMPARE_DIST;
const COMPARE_ROUNDS = Number(process.env.BENCH_COMPARE_ROUNDS ?? 2);
/** The service's default pool; the floor gets the same. */
const POOL = 10;

/** An SOP-like body of about 5 KB; {{number}} and {{rev}} make each revision's body its own. */
function body(): string {
  const para = (topic: string) =>
    `The ${topic} is carried out by the person on duty and checked by the team lead before the ` +
    `shift ends. Any deviation is recorded in the quality log with the date, the reference and ` +
    `the corrective action taken, and the process owner reviews the log every week.`;
  const steps = (who: string, n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `${i + 1}. The ${who} **checks** item ${i + 1} of the checklist against the order record, ` +
        `notes the result in the ticket and escalates within 2 working days if it does not match.`,
    ).join('\n');
  return `# Bench procedure {{number}}, revision {{rev}}

| Document number | Department | Type                         |
| --------------- | ---------- | ---------------------------- |
| {{number}}      | Bench      | Standard operating procedure |

## Purpose

${para('procedure')}

## Scope

${para('scope check')} See [the quality manual](https://example.com/manual) for context.

## Responsibilities

| Role          | Responsibility                                        |
| ------------- | ----------------------------------------------------- |
| Process owner | Keeps the procedure current and reviews the log.      |
| Agent         | Carries out the steps and records the results.        |
| Team lead     | Checks the results and decides on escalations.        |

## Definitions

- **Order record**: the order as held in the order system.
- **Quality log**: the register of deviations kept by the process owner.

## Procedure

### Preparation

${steps('agent', 8)}

### Execution (revision {{rev}})

${steps('team lead', 10)}

> Note: when in doubt, stop and ask the process owner.

## Records

| Record      | Location      | Owner         | Retention |
| ----------- | ------------- | ------------- | --------- |
| Quality log | Quality drive | Process owner | 3 years   |

## References

- ISO 9001:2015, clause 8.5.1
- \`FRM-BENCH-0001\` checklist

## Revision history

| Revision | Summary of change |
| -------- | ----------------- |
| {{rev}}.0 | Bench revision {{rev}} |
`;
}

/** Set-based: the documents, 1 effective + 4 superseded revisions each, one signature per revision. */
async function seed(url: string): Promise<{ revisionIds: string[]; documentIds: string[] }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    postmaster = await postmasterPid(c);
    await c.query('BEGIN');
    const [{ id: authorId }] = (
      await c.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [BENCH_ADMIN.email])
    ).rows;
    const [{ id: approverId }] = (
      await c.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, roles)
         VALUES ('bench-approver@bench.local', 'Bench Approver', 'not-a-hash', '{approver}') RETURNING id`,
      )
    ).rows;
    const [{ id: departmentId }] = (
      await c.query<{ id: string }>(
        `INSERT INTO departments (code, name) VALUES ('BENCH', 'Bench') RETURNING id`,
      )
    ).rows;
    await c.query(
      `INSERT INTO documents (number, title, type, department_id, owner_id, template_key, status,
                              next_review_due, created_by, created_at)
       SELECT 'SOP-BENCH-' || lpad(g::text, 4, '0'), 'Bench procedure ' || g, 'sop', $1, $2, 'sop',
              'effective', current_date + 365, $2,
              date_trunc('milliseconds', now() - interval '1 year' + g * interval '1 second')
         FROM generate_series(1, $3::int) g`,
      [departmentId, authorId, DOCUMENTS],
    );
    // Revision k of 5: label k.0, a month apart; the last one effective.
    await c.query(
      `INSERT INTO revisions (document_id, status, change_level, label_major, label_minor, change_summary,
                              reason, author_id, body, review_round, approver_ids, created_at,
                              submitted_at, approved_at, effective_from, superseded_at)
       SELECT d.id, CASE WHEN k = $4 THEN 'effective' ELSE 'superseded' END, 'major', k, 0,
              'Bench revision ' || k, 'Periodic review', $2,
              replace(replace($1, '{{number}}', d.number), '{{rev}}', k::text), 1, ARRAY[$3::uuid],
              t.at, t.at, t.at, t.at,
              CASE WHEN k = $4 THEN NULL ELSE t.at + interval '30 days' END
         FROM documents d CROSS JOIN generate_series(1, $4::int) k
        CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', d.created_at + k * interval '30 days') AS at) t`,
      [body(), authorId, approverId, REVISIONS],
    );
    await c.query(
      `INSERT INTO signatures (revision_id, review_round, signer_id, signer_name, meaning, signed_at, content_sha256)
       SELECT id, 1, $1, 'Bench Approver', 'approved', approved_at, content_sha256 FROM revisions`,
      [approverId],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE documents, revisions, signatures');
    const revisionIds = (await c.query<{ id: string }>('SELECT id FROM revisions')).rows;
    const documentIds = (await c.query<{ id: string }>('SELECT id FROM documents')).rows;
    return { revisionIds: revisionIds.map((r) => r.id), documentIds: documentIds.map((r) => r.id) };
  } finally {
    await c.end();
  }
}

/**
 * The floor: what the same reads cost with nothing in between. html: the row's
 * body as it is (no rendering); history: the revisions and their signatures as JSON.
 */
function runFloor(url: string, port: number): void {
  const pool = new Pool({ connectionString: url, max: POOL });
  pool.on('error', (err) => process.stderr.write(`floor pool: ${err.message}\n`));
  const server = createServer((req, res) => {
    const m = /^\/(html|history)\/([0-9a-f-]{36})$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const send = (status: number, type: string, payload: string) =>
      res.writeHead(status, { 'content-type': type }).end(payload);
    const work =
      m[1] === 'html'
        ? pool
            .query<{ body: string }>('SELECT body FROM revisions WHERE id = $1', [m[2]])
            .then(({ rows }) =>
              rows.length
                ? send(200, 'text/html; charset=utf-8', rows[0].body)
                : send(404, 'text/plain', ''),
            )
        : pool
            .query<{ id: string }>(
              `SELECT id, document_id, label, status, change_level, change_summary, reason, author_id,
                      content_sha256, created_at, submitted_at, approved_at, effective_from, superseded_at,
                      proposal_ids::text[] AS proposal_ids
                 FROM revisions WHERE document_id = $1 ORDER BY created_at DESC, id DESC`,
              [m[2]],
            )
            .then(async ({ rows }) => {
              const sigs = await pool.query<{ revision_id: string }>(
                `SELECT id, revision_id, signer_id, signer_name, meaning, comment, signed_at, content_sha256
                   FROM signatures WHERE revision_id = ANY($1::uuid[]) ORDER BY signed_at, id`,
                [rows.map((r) => r.id)],
              );
              const items = rows.map((r) => ({
                ...r,
                signatures: sigs.rows.filter((s) => s.revision_id === r.id),
              }));
              send(200, 'application/json', JSON.stringify({ items, nextCursor: null }));
            });
    work.catch((err: unknown) => send(500, 'text/plain', String(err)));
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write('floor listening\n'));
  process.once('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

interface Floor {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

async function startFloor(url: string): Promise<Floor> {
  const proc = spawn(process.execPath, [__filename], {
    env: { ...process.env, BENCH_READ_FLOOR_URL: url, BENCH_READ_FLOOR_PORT: String(FLOOR_PORT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => d.toString().includes('floor listening') && resolve());
    proc.once('exit', (code) => reject(new Error(`floor exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${FLOOR_PORT}`,
    pid: proc.pid!,
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  /** CPU time the server process spent per request (user + system), less noisy than req/s on a shared machine. */
  cpuMs: number;
  /** CPU time PostgreSQL's processes spent per request (when it runs on this machine). */
  pgCpuMs: number;
  /** The service's event-loop delay p99 over the run, and its time in GC (ms) during it, by kind. */
  loop?: { lagP99: number; gc: Record<string, number> };
}

/** The bench database's postmaster: PostgreSQL's CPU is counted over its processes only. */
let postmaster: number | undefined;

/** CPU time used so far by a process, in ms (utime + stime from /proc, in clock ticks of 10 ms). */
async function load(
  base: string,
  pid: number,
  path: () => string,
  headers: Record<string, string> = {},
): Promise<Figures> {
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      headers,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }],
    });
  await run(WARMUP);
  const service = headers.authorization !== undefined; // the floor's runs carry no token
  const before = service ? await gcAndLag(base) : undefined; // also resets the delay histogram
  const cpuBefore = cpuMs(pid);
  const pgBefore = postgresCpuMs(postmaster);
  const r = await run(DURATION);
  const pgCpu = postgresCpuMs(postmaster) - pgBefore;
  const after = service ? await gcAndLag(base) : undefined;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.non2xx + r.errors + r.timeouts,
    cpuMs: (cpuMs(pid) - cpuBefore) / Math.max(1, r['2xx']),
    pgCpuMs: pgCpu / Math.max(1, r['2xx']),
    loop:
      before && after
        ? {
            lagP99: after.lagP99,
            gc: Object.fromEntries(
              Object.entries(after.gc).map(([k, ms]) => [k, ms - (before.gc[k] ?? 0)]),
            ),
          }
        : undefined,
  };
}

/**
 * From the service's /metrics: the event loop's delay over the run (prom-client samples it
 * with monitorEventLoopDelay and starts again after each scrape) and the time spent in GC
 * so far, by kind.
 */
async function gcAndLag(base: string): Promise<{ lagP99: number; gc: Record<string, number> }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  const gc: Record<string, number> = {};
  for (const m of text.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="(\w+)"\} ([\d.e+-]+)$/gm))
    gc[m[1]] = Number(m[2]) * 1000;
  return { lagP99: value(/^nodejs_eventloop_lag_p99_seconds ([\d.e+-]+)$/m) * 1000, gc };
}

const pick = (ids: string[]) => () => ids[Math.floor(Math.random() * ids.length)];

function line(label: string, f: Figures): string {
  return (
    `${label.padEnd(40)} ${fmt(f.rps).padStart(8)} req/s   p50 ${fmt(f.p50).padStart(4)} ms   ` +
    `p99 ${fmt(f.p99).padStart(4)} ms   CPU ${fmt(f.cpuMs, 2)} ms/req, PostgreSQL ${fmt(f.pgCpuMs, 2)}` +
    (f.bad ? `   (${fmt(f.bad)} failed!)` : '') +
    (f.loop
      ? `\n${''.padEnd(41)}event-loop delay p99 ${fmt(f.loop.lagP99)} ms; GC ` +
        Object.entries(f.loop.gc)
          .filter(([, ms]) => ms >= 1)
          .map(([k, ms]) => `${k} ${fmt(ms)} ms`)
          .join(', ')
      : '')
  );
}

async function main(): Promise<void> {
  const db = await freshDatabase('read');
  let svc: Service | undefined;
  let other: Service | undefined;
  let floor: Floor | undefined;
  try {
    console.log(
      `bench:read — ${fmt(DOCUMENTS)} documents × ${REVISIONS} revisions, ~${fmt(body().length / 1024, 1)} KB bodies, ` +
        `${CONNECTIONS} connections, ${DURATION} s per run after ${WARMUP} s warm-up`,
    );
    // Load generator, service, floor and (usually) PostgreSQL share this machine.
    console.log(
      `machine: ${cpus().length} CPUs, load average ${fmt(loadavg()[0], 1)} before the runs`,
    );
    svc = await startService(db.url, SERVICE_PORT);
    const started = performance.now();
    const { revisionIds, documentIds } = await seed(db.url);
    console.log(
      `seeded ${fmt(documentIds.length)} documents, ${fmt(revisionIds.length)} revisions in ${fmt((performance.now() - started) / 1000, 1)} s`,
    );
    floor = await startFloor(db.url);
    const auth = { authorization: `Bearer ${await signIn(svc.base)}` };
    const revision = pick(revisionIds);
    const document = pick(documentIds);

    const praxis = svc.proc.pid!;
    // Every revision read once: each is rendered, and stored (rendered_html), on its first
    // read, as it would be the first time anyone opens it. The runs below are the steady
    // state, when staff read procedures that were opened before.
    let next = 0;
    const cpuCold = cpuMs(praxis);
    const cold = await autocannon({
      url: svc.base,
      connections: CONNECTIONS,
      amount: revisionIds.length,
      headers: auth,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/revisions/${revisionIds[next++ % revisionIds.length]}/html`,
          }),
        },
      ],
    });
    console.log(
      `first read of each revision (renders it): ${fmt(cold.requests.average)} req/s, ` +
        `CPU ${fmt((cpuMs(praxis) - cpuCold) / Math.max(1, cold['2xx']), 2)} ms/req` +
        (cold.non2xx + cold.errors ? `   (${fmt(cold.non2xx + cold.errors)} failed!)` : ''),
    );
    const html = await load(svc.base, praxis, () => `/api/v1/revisions/${revision()}/html`, auth);
    const htmlFloor = await load(floor.base, floor.pid, () => `/html/${revision()}`);
    const history = await load(
      svc.base,
      praxis,
      () => `/api/v1/documents/${document()}/revisions`,
      auth,
    );
    const historyFloor = await load(floor.base, floor.pid, () => `/history/${document()}`);

    console.log(line('GET /revisions/:id/html        Praxis', html));
    console.log(line('                               floor', htmlFloor));
    console.log(line('GET /documents/:id/revisions   Praxis', history));
    console.log(line('                               floor', historyFloor));
    const htmlRatio = html.rps / htmlFloor.rps;
    const historyRatio = history.rps / historyFloor.rps;
    console.log(
      `html:    Praxis at ${fmt(htmlRatio * 100)} % of the floor's requests/s (target ≥ 50 %: ${target(htmlRatio >= 0.5 && html.bad === 0)})`,
    );
    console.log(
      `history: Praxis at ${fmt(historyRatio * 100)} % of the floor's requests/s; p99 ${fmt(history.p99)} ms (target ≤ 50 ms: ${target(history.p99 <= 50 && history.bad === 0)})`,
    );
    console.log(`service peak RSS ${fmt(svc.peakRssMb())} MB`);
    if (COMPARE_ARGS !== undefined || COMPARE_DIST !== undefined) {
      other = await startService(
        db.url,
        FLOOR_PORT + 1,
        {},
        COMPARE_ARGS === undefined ? undefined : COMPARE_ARGS.split(' ').filter(Boolean),
        COMPARE_DIST,
      );
      const otherLabel = [COMPARE_DIST, COMPARE_ARGS].filter((x) => x !== undefined).join(' ');
      const routes = [
        ['html', () => `/api/v1/revisions/${revision()}/html`],
        ['history', () => `/api/v1/documents/${document()}/revisions`],
      ] as const;
      const runs = new Map<string, Figures[]>();
      for (let round = 0; round < COMPARE_ROUNDS; round++)
        for (const [route, path] of routes)
          for (const [key, s] of [
            ['this build', svc],
            [otherLabel || '(no flags)', other],
          ] as const) {
            const k = `${route} with ${key}`;
            runs.set(k, [...(runs.get(k) ?? []), await load(s.base, s.proc.pid!, path, auth)]);
          }
      for (const [k, figures] of runs) {
        const list = (f: (x: Figures) => string) => figures.map(f).join(', ');
        console.log(
          `${k}: CPU ${list((x) => fmt(x.cpuMs, 3))} ms/req (PostgreSQL ${list((x) => fmt(x.pgCpuMs, 3))}); ` +
            `${list((x) => fmt(x.rps))} req/s; p99 ${list((x) => fmt(x.p99))} ms`,
        );
      }
      // Runs of the two taken one after the other, in pairs: the median of the pairs' ratios
      // holds still while the machine's speed drifts.
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      for (const [route] of routes) {
        const mine = runs.get(`${route} with this build`)!;
        const theirs = runs.get(`${route} with ${otherLabel || '(no flags)'}`)!;
        const ratio = (f: (x: Figures) => number) =>
          fmt(median(mine.map((x, i) => f(x) / f(theirs[i]))), 3);
        console.log(
          `${route}: this build / the other, median of ${mine.length} pairs: CPU ${ratio((x) => x.cpuMs)}, ` +
            `PostgreSQL CPU ${ratio((x) => x.pgCpuMs)}, req/s ${ratio((x) => x.rps)}, p99 ${ratio((x) => x.p99)}`,
        );
      }
      console.log(
        `RSS after: this build ${fmt(svc.rssMb())} MB (peak ${fmt(svc.peakRssMb())}), ` +
          `the other ${fmt(other.rssMb())} MB (peak ${fmt(other.peakRssMb())})`,
      );
    }
  } finally {
    await other?.stop();
    await floor?.stop();
    await svc?.stop();
    await db.close();
  }
}

if (process.env.BENCH_READ_FLOOR_URL) {
  runFloor(process.env.BENCH_READ_FLOOR_URL, Number(process.env.BENCH_READ_FLOOR_PORT));
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
