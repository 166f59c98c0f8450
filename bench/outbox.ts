import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import { dataSourceOptions } from '../src/database/data-source';
import { fmt, freshDatabase, signIn, startService, target } from './lib';

/**
 * npm run bench:outbox — domain events appended (AuditService, one transaction
 * each) by concurrent writers, while the real service (a child process) dispatches
 * the outbox and delivers each event to 2 webhook subscribers: a local node:http
 * receiver in this process that checks every signature and notes each receipt.
 *
 * 1. paced: 10,000 events at BENCH_RATE events/s (default 500, i.e. 1,000
 *    deliveries/s offered, twice the target) — deliveries/s and the lag from each
 *    event's occurredAt to its receipt, against the targets;
 * 2. burst: BENCH_BURST more events (default 10,000) as fast as the writers commit —
 *    how fast the backlog drains when writers outrun delivery (0 skips it).
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const SUBSCRIBERS = 2;
const TYPE = 'bench.outbox_event';
const SECRETS = ['bench-secret-one-0123456789', 'bench-secret-two-0123456789'];

interface Receipt {
  lagMs: number;
  at: number;
}

/** The receiver: verifies each signature and keeps one receipt per delivery id. */
async function startReceiver() {
  const receipts = new Map<string, Receipt>();
  let badSignatures = 0;
  let duplicates = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = SECRETS[Number(req.url?.slice(-1)) - 1];
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      if (req.headers['x-praxis-signature'] !== expected) badSignatures++;
      const event = JSON.parse(body) as { type: string; occurredAt: string };
      const id = String(req.headers['x-praxis-delivery']);
      if (event.type === TYPE) {
        if (receipts.has(id)) duplicates++;
        else receipts.set(id, { lagMs: at - Date.parse(event.occurredAt), at });
      }
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (n: number) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook-${n}`,
    receipts,
    stats: () => ({ badSignatures, duplicates }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function subscribe(
  base: string,
  token: string,
  url: string,
  events: string[],
  secret: string,
) {
  const res = await fetch(`${base}/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, events, secret }),
  });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
}

/** Appends `count` events from WRITERS concurrent transactions, `rate` per second (0: unpaced). */
async function produce(url: string, count: number, rate: number) {
  const ds = await new DataSource(dataSourceOptions(url, WRITERS)).initialize();
  const audit = new AuditService();
  let next = 0;
  const first = Date.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      while (next < count) {
        const i = next++;
        if (rate > 0) {
          const due = first + (i * 1000) / rate;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        await ds.transaction((em) =>
          audit.append(em, {
            actor: { type: 'system', id: null },
            action: TYPE,
            entityType: 'bench',
            data: { writer: w, i, note: 'an event with a small payload, as most are' },
          }),
        );
      }
    }),
  );
  const last = Date.now();
  await ds.destroy();
  return { first, last };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** One phase: produce, wait for every delivery, report. Returns whether the targets were met. */
async function phase(url: string, rx: Receiver, count: number, rate: number, targets: boolean) {
  const before = new Set(rx.receipts.keys());
  const expected = count * SUBSCRIBERS;
  const label = rate > 0 ? `paced at ${fmt(rate)} events/s` : 'burst, as fast as writers commit';
  console.log(`\n${label}: ${fmt(count)} events, ${fmt(expected)} deliveries`);
  const { first, last } = await produce(url, count, rate);
  const deadline = Date.now() + 180_000;
  while (rx.receipts.size - before.size < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const receipts = [...rx.receipts].filter(([id]) => !before.has(id)).map(([, r]) => r);
  const lastReceipt = Math.max(...receipts.map((r) => r.at));
  const lags = receipts.map((r) => r.lagMs).sort((a, b) => a - b);
  const perSecond = receipts.length / ((lastReceipt - first) / 1000);
  const p99 = percentile(lags, 99);
  const complete = receipts.length === expected;
  const verdict = (ok: boolean) => (targets ? ` (${target(ok && complete)})` : '');
  console.log(
    `  produced   ${fmt(count / ((last - first) / 1000))} events/s over ${fmt((last - first) / 1000, 1)} s`,
  );
  console.log(`  delivered  ${fmt(receipts.length)} of ${fmt(expected)}`);
  console.log(
    `  throughput ${fmt(perSecond)} deliveries/s, first commit to last receipt` +
      (targets ? ` — target ≥ 500${verdict(perSecond >= 500)}` : ''),
  );
  console.log(
    `  lag        p50 ${fmt(percentile(lags, 50))} ms, p99 ${fmt(p99)} ms, max ${fmt(lags[lags.length - 1])} ms, occurredAt to receipt` +
      (targets ? ` — p99 target ≤ 2,000 ms${verdict(p99 <= 2000)}` : ''),
  );
}

async function main(): Promise<void> {
  const db = await freshDatabase('outbox');
  const rx = await startReceiver();
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true'; // the receiver is on 127.0.0.1
  const svc = await startService(db.url, 3920);
  try {
    const token = await signIn(svc.base);
    await subscribe(svc.base, token, rx.url(1), [TYPE], SECRETS[0]);
    await subscribe(svc.base, token, rx.url(2), ['*'], SECRETS[1]);
    console.log(
      `bench:outbox — ${WRITERS} writers, ${SUBSCRIBERS} webhook subscribers (one on ${TYPE}, one on *), ` +
        'receiver and service on this machine',
    );
    await phase(db.url, rx, EVENTS, RATE, true);
    if (BURST > 0) await phase(db.url, rx, BURST, 0, false);
    const { badSignatures, duplicates } = rx.stats();
    console.log(
      `\nsignatures that did not verify: ${badSignatures}; deliveries received twice: ${duplicates}`,
    );
  } finally {
    await svc.stop();
    await rx.close();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
