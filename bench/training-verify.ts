import { Client } from 'pg';
import { fmt } from './lib';
import { CountRow, differences, recount } from './training-recount';

/**
 * bench:training's checks of the kept counts (migration 1766400000000-training-report-counts.ts):
 * what their triggers cost, and `--verify`, the report against the full recount.
 */

type Timings = Map<string, { calls: number; ms: number }>;

/** The trigger functions' own time is counted (pg_stat_user_functions) in the service's sessions. */
export async function trackTriggerTime(c: Client): Promise<void> {
  const [{ db }] = (await c.query<{ db: string }>('SELECT current_database() AS db')).rows;
  await c.query(`ALTER DATABASE ${db} SET track_functions = 'pl'`);
}

async function timings(c: Client): Promise<Timings> {
  const { rows } = await c.query<{ name: string; calls: string; ms: number }>(
    `SELECT funcname AS name, calls, total_time AS ms FROM pg_stat_user_functions
      WHERE funcname LIKE 'training_counts_%'`,
  );
  return new Map(rows.map((r) => [r.name, { calls: Number(r.calls), ms: r.ms }]));
}

/**
 * Time spent in the counts' triggers while `fn` runs: calls and ms per function. Backends
 * report their counters when idle (after up to ~10 s), so it waits, with a deadline, until
 * `expectedCalls` of `main` are in.
 */
export async function triggerTime<T>(
  c: Client,
  main: string,
  expectedCalls: (result: T) => number,
  fn: () => Promise<T>,
): Promise<{ result: T; spent: Timings }> {
  const before = await timings(c);
  const result = await fn();
  const want = (before.get(main)?.calls ?? 0) + expectedCalls(result);
  const deadline = Date.now() + 20_000;
  let after = await timings(c);
  while ((after.get(main)?.calls ?? 0) < want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    await c.query('SELECT pg_stat_clear_snapshot()');
    after = await timings(c);
  }
  const spent: Timings = new Map();
  for (const [name, a] of after) {
    const b = before.get(name) ?? { calls: 0, ms: 0 };
    if (a.calls > b.calls) spent.set(name, { calls: a.calls - b.calls, ms: a.ms - b.ms });
  }
  return { result, spent };
}

export function describeTimings(spent: Timings): string {
  return (
    [...spent]
      .map(([name, t]) => `${name} ${fmt(t.ms, 1)} ms in ${fmt(t.calls)} calls`)
      .join(', ') || 'none'
  );
}

interface ReportItem {
  documentId: string;
  required: number;
  acknowledged: number;
  overdue: number;
}

/**
 * `--verify`: GET /reports/training (everyone, the given departments, the given documents)
 * and GET /reports/training/departments against the full recount, now. Returns the
 * differences (none: equal).
 */
export async function verifyReport(
  c: Client,
  get: <T>(path: string) => Promise<T>,
  departmentIds: string[],
  documentIds: string[],
): Promise<string[]> {
  const query = async <T>(sql: string, params: unknown[]) =>
    (await c.query(sql, params)).rows as T[];
  const asRows = (items: ReportItem[]): CountRow[] =>
    items.map((i) => ({
      document_id: i.documentId,
      required: i.required,
      acknowledged: i.acknowledged,
      overdue: i.overdue,
    }));
  const found: string[] = [];
  const scopes: [string, string | null, string | null][] = [
    ['everyone', null, null],
    ...departmentIds.map((d): [string, string, null] => [`department ${d}`, d, null]),
    ...documentIds.map((d): [string, null, string] => [`document ${d}`, null, d]),
  ];
  const perDepartment = new Map<string, CountRow[]>();
  for (const [label, departmentId, documentId] of scopes) {
    const q = departmentId
      ? `?departmentId=${departmentId}`
      : documentId
        ? `?documentId=${documentId}`
        : '';
    const got = asRows((await get<{ items: ReportItem[] }>(`/reports/training${q}`)).items);
    const want = await recount(query, departmentId, documentId);
    if (departmentId) perDepartment.set(departmentId, want);
    found.push(...differences(got, want).map((d) => `${label}: ${d}`));
  }
  const departments = await get<{
    items: (Omit<ReportItem, 'documentId'> & { departmentId: string })[];
  }>('/reports/training/departments');
  for (const [id, rows] of perDepartment) {
    const got = departments.items.find((d) => d.departmentId === id);
    const sum = (f: (r: CountRow) => number) => rows.reduce((n, r) => n + f(r), 0);
    const want = `${sum((r) => r.required)}/${sum((r) => r.acknowledged)}/${sum((r) => r.overdue)}`;
    const have = got ? `${got.required}/${got.acknowledged}/${got.overdue}` : 'missing';
    if (have !== want) found.push(`departments, ${id}: ${have} vs recount ${want}`);
  }
  return found;
}
