import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import { dataSourceOptions } from '../src/database/data-source';
import { fmt, freshDatabase, signIn, startService, target } from './lib';

/**
 * npm run bench:audit — append events from concurrent writers (one transaction
 * each, as real use cases do), then export and verify them through the API of a
 * separately running service, printing events/s and the service's peak memory.
 */
const TOTAL = Number(process.env.BENCH_EVENTS ?? 100_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);

async function append(url: string, total: number): Promise<number> {
  const ds = await new DataSource(dataSourceOptions(url, WRITERS)).initialize();
  const audit = new AuditService();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      while (next < total) {
        const i = next++;
        await ds.transaction((em) =>
          audit.append(em, {
            actor: { type: 'system', id: null },
            action: 'bench.appended',
            entityType: 'bench',
            data: { writer: w, i, note: 'benchmark event with a little payload to hash' },
          }),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await ds.destroy();
  return total / seconds;
}

/** Reading the list seals everything committed so far; returns how long that took (ms). */
async function seal(base: string, token: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/audit-events?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`list: ${res.status}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

async function exportAll(
  base: string,
  token: string,
  rss?: () => number,
): Promise<{ lines: number; seconds: number; peakRssMb: number }> {
  let peakRssMb = rss?.() ?? 0;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rss?.() ?? 0)), 10);
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/audit-events/export?format=jsonl`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status}`);
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    for (const byte of chunk) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  return { lines, seconds: (performance.now() - started) / 1000, peakRssMb };
}

async function verify(
  base: string,
  token: string,
): Promise<{ count: number; valid: boolean; seconds: number }> {
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/audit-events/verify`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { valid: boolean; count: number };
  return { ...body, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const db = await freshDatabase('audit');
  try {
    console.log(
      `bench:audit — ${fmt(TOTAL)} events, ${WRITERS} concurrent writers, durable commits`,
    );
    const small = Math.round(TOTAL / 10);
    const rateSmall = await append(db.url, small);
    const svc = await startService(db.url);
    try {
      const token = await signIn(svc.base);
      await seal(svc.base, token);
      const idle = svc.rssMb();
      const e1 = await exportAll(svc.base, token, svc.rssMb);
      const rateRest = await append(db.url, TOTAL - small);
      const appendRate = (rateSmall * small + rateRest * (TOTAL - small)) / TOTAL;
      const sealMs = await seal(svc.base, token);
      const e2 = await exportAll(svc.base, token, svc.rssMb);
      const v = await verify(svc.base, token);
      const e3 = await exportAll(svc.base, token, svc.rssMb);

      const exportRate = e2.lines / e2.seconds;
      const verifyRate = v.count / v.seconds;
      console.log(
        `append:  ${fmt(appendRate)} events/s            (target ≥ 2,000: ${target(appendRate >= 2000)})`,
      );
      console.log(
        `sealing: backlog chained ${fmt(sealMs)} ms after the last append (the service seals every 200 ms as well)`,
      );
      console.log(
        `export:  ${fmt(exportRate)} events/s over ${fmt(e2.lines)} lines (target ≥ 100,000: ${target(exportRate >= 100_000)})`,
      );
      console.log(
        `verify:  ${fmt(verifyRate)} events/s over ${fmt(v.count)}, valid=${v.valid} (target ≥ 100,000: ${target(verifyRate >= 100_000)})`,
      );
      const peak = Math.max(e2.peakRssMb, e3.peakRssMb);
      console.log(
        `export memory: service RSS ${fmt(idle)} MB idle; peak while exporting ${fmt(e1.lines)} events ${fmt(e1.peakRssMb)} MB, ` +
          `${fmt(e2.lines)} events ${fmt(e2.peakRssMb)} MB, again ${fmt(e3.peakRssMb)} MB ` +
          `(flat: ${target(peak - e1.peakRssMb < 40)}; < 150 MB: ${target(peak < 150)} — the idle service alone is ${fmt(idle)} MB)`,
      );
    } finally {
      await svc.stop();
    }
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
