import { writeFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { Client } from 'pg';
import { renderRevisionPdf } from '../src/evidence/pdf/revision-pdf';
import { MarkdownService } from '../src/markdown/markdown.service';
import { fmt, freshDatabase, signIn, startService, target } from './lib';

/**
 * npm run bench:evidence
 *  1. A 5,000-line SOP (headings, numbered and bulleted lists, tables, prose) rendered to
 *     PDF, median of several runs — target < 2 s; baseline: the sanitised HTML of the same
 *     body (GET /revisions/:id/html's work), in the same run.
 *  2. The evidence pack of a document with 50 revisions and 10,000 acknowledgements (and
 *     their audit events), downloaded from the running service: its peak RSS above what it
 *     used before — target < 150 MB, bounded whatever the size of the history; baseline:
 *     the same service streaming the whole audit trail (GET /audit-events/export).
 */
const LINES = Number(process.env.BENCH_LINES ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REVISIONS = Number(process.env.BENCH_REVISIONS ?? 50);
const ACKS = Number(process.env.BENCH_ACKS ?? 10_000);
const PDF_TARGET_MS = 2_000;
const RSS_TARGET_MB = 150;

let state = 20_261_204;
function rnd(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const WORDS = (
  'the operator shall verify calibration record before release of each batch and document ' +
  'any deviation in quality log with date signature reference balance weight tolerance ' +
  'supervisor approve sample retain label container cleaning line clearance procedure'
).split(' ');

function sop(lines: number): string {
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)];
  const sentence = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(rnd() * (max - min)) }, pick)
      .join(' ')
      .replace(/^./, (c) => c.toUpperCase()) + '.';
  const out = ['# SOP-100 Batch release', ''];
  let section = 0;
  while (out.length < lines) {
    const kind = rnd();
    if (kind < 0.04) out.push('', `## ${++section}. ${sentence(2, 5).slice(0, -1)}`, '');
    else if (kind < 0.3) out.push(`${1 + Math.floor(rnd() * 9)}. ${sentence(6, 14)}`);
    else if (kind < 0.45) out.push(`- ${sentence(4, 10)} **${pick()}** \`${pick()}\``);
    else if (kind < 0.5) out.push('', '| item | owner | weight |', '|---|---|---|');
    else if (kind < 0.55)
      out.push(`| ${pick()} | ${pick()} ${pick()} | ${Math.floor(rnd() * 100)} g |`);
    else if (kind < 0.6) out.push('');
    else out.push(sentence(10, 24));
  }
  return out.slice(0, lines).join('\n') + '\n';
}

async function median(fn: () => unknown): Promise<number> {
  await fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function pdfBench(): Promise<void> {
  const markdown = new MarkdownService();
  const body = sop(LINES);
  let pages = 0;
  let bytes = 0;
  const pdfMs = await median(async () => {
    const doc = renderRevisionPdf({
      documentNumber: 'SOP-100',
      title: 'Batch release',
      label: '3.0',
      status: 'effective',
      changeLevel: 'major',
      changeSummary: 'Bench',
      createdAt: new Date(),
      approvedAt: new Date(),
      effectiveFrom: new Date(),
      supersededAt: null,
      obsoletedAt: null,
      contentSha256: '0'.repeat(64),
      signatures: [{ signerName: 'A', meaning: 'approved', signedAt: new Date(), comment: null }],
      tokens: markdown.parse(body),
      copyLine: 'Copy 1, printed for Bench at now; uncontrolled when printed',
    });
    const pdf = await buffer(doc);
    bytes = pdf.length;
    pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  });
  // A fresh service each run, so the HTML cache never answers.
  const htmlMs = await median(() => new MarkdownService().render(body));
  console.log(
    `PDF of a ${fmt(LINES)}-line SOP (${fmt(body.length / 1024)} KiB): ${fmt(pdfMs)} ms median of ${RUNS}, ` +
      `${fmt(pages)} pages, ${fmt(bytes / 1024)} KiB (target < ${fmt(PDF_TARGET_MS)} ms: ${target(pdfMs < PDF_TARGET_MS)})`,
  );
  console.log(
    `  baseline: sanitised HTML of the same body ${fmt(htmlMs, 1)} ms (${fmt(pdfMs / htmlMs, 1)}×)`,
  );
}

async function seed(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    const [{ id: author }] = (
      await c.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, roles)
         VALUES ('bench-author@bench.local', 'Bench Author', 'not-a-hash', '{quality_lead}') RETURNING id`,
      )
    ).rows;
    const [{ id: doc }] = (
      await c.query<{ id: string }>(
        `INSERT INTO documents (number, title, type, owner_id, template_key, status, next_review_due, created_by, created_at)
         VALUES ('SOP-BENCH-0001', 'Bench procedure', 'sop', $1, 'sop', 'effective', current_date + 365, $1,
                 date_trunc('milliseconds', now() - interval '5 years')) RETURNING id`,
        [author],
      )
    ).rows;
    await c.query(
      `INSERT INTO revisions (document_id, status, change_level, label_major, label_minor, change_summary,
                              reason, author_id, body, review_round, approver_ids, created_at,
                              submitted_at, approved_at, effective_from, superseded_at)
       SELECT $1, CASE WHEN k = $4 THEN 'effective' ELSE 'superseded' END, 'major', k, 0,
              'Bench revision ' || k, 'Periodic review', $2, $3 || E'\\nRevision ' || k || E'.\\n', 1,
              ARRAY[$2::uuid], t.at, t.at, t.at, t.at,
              CASE WHEN k = $4 THEN NULL ELSE t.at + interval '30 days' END
         FROM generate_series(1, $4::int) k
        CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now() - interval '5 years' + k * interval '30 days') AS at) t`,
      [doc, author, sop(300), REVISIONS],
    );
    await c.query(
      `INSERT INTO users (email, name, password_hash, roles)
       SELECT 'reader' || g || '@bench.local', 'Reader ' || g, 'not-a-hash', '{staff}'
         FROM generate_series(1, $1::int) g`,
      [ACKS],
    );
    // The acknowledgements spread over the revisions, one per reader.
    await c.query(
      `INSERT INTO acknowledgements (user_id, revision_id, document_id, content_sha256, acknowledged_at)
       SELECT u.id, r.id, r.document_id, r.content_sha256, r.effective_from + interval '1 day'
         FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE roles = '{staff}') u
         JOIN (SELECT id, document_id, content_sha256, effective_from,
                      row_number() OVER (ORDER BY created_at) - 1 AS k FROM revisions) r
           ON r.k = u.n % $1`,
      [REVISIONS],
    );
    await c.query(
      `INSERT INTO audit_events (id, actor_type, actor_id, action, entity_type, entity_id, data)
       SELECT gen_random_uuid(), 'user', user_id, 'acknowledgement.recorded', 'acknowledgement', id,
              jsonb_build_object('revisionId', revision_id, 'documentId', document_id)
         FROM acknowledgements`,
    );
    await c.query('COMMIT');
    await c.query('ANALYZE');
    return doc;
  } finally {
    await c.end();
  }
}

/** Downloads `path` and returns its size and the service's peak RSS above its RSS before. */
async function download(
  svc: Awaited<ReturnType<typeof startService>>,
  token: string,
  path: string,
): Promise<{ bytes: number; ms: number; peakDeltaMb: number }> {
  if (global.gc) global.gc();
  writeFileSync(`/proc/${svc.proc.pid}/clear_refs`, '5'); // resets the peak (VmHWM) to now
  const before = svc.rssMb();
  const started = performance.now();
  const res = await fetch(`${svc.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { bytes, ms: performance.now() - started, peakDeltaMb: svc.peakRssMb() - before };
}

async function packBench(): Promise<void> {
  const db = await freshDatabase('evidence');
  const svc = await startService(db.url, 3907);
  try {
    const doc = await seed(db.url);
    const token = await signIn(svc.base);
    // Sealing 10,000 events and warming up once, so both figures measure streaming alone.
    await download(svc, token, '/api/v1/audit-events/export?format=jsonl');
    const baseline = await download(svc, token, '/api/v1/audit-events/export?format=jsonl');
    const pack = await download(svc, token, `/api/v1/documents/${doc}/evidence-pack`);
    console.log(
      `evidence pack, ${fmt(REVISIONS)} revisions and ${fmt(ACKS)} acknowledgements: ${fmt(pack.bytes / 1024 / 1024, 1)} MiB ` +
        `in ${fmt(pack.ms / 1000, 1)} s, service peak RSS +${fmt(pack.peakDeltaMb)} MB ` +
        `(target < ${RSS_TARGET_MB} MB: ${target(pack.peakDeltaMb < RSS_TARGET_MB)})`,
    );
    console.log(
      `  baseline: audit export of the same trail, ${fmt(baseline.bytes / 1024 / 1024, 1)} MiB in ` +
        `${fmt(baseline.ms / 1000, 1)} s, peak RSS +${fmt(baseline.peakDeltaMb)} MB`,
    );
  } finally {
    await svc.stop();
    await db.close();
  }
}

async function main(): Promise<void> {
  console.log('bench:evidence');
  await pdfBench();
  await packBench();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
