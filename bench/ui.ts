import chromium from '@sparticuz/chromium';
import { gzipSync } from 'node:zlib';
import { chromium as playwright, Page } from 'playwright-core';
import { fmt, freshDatabase, startService } from './lib';

/**
 * bench:ui — what a member of staff waits for: sign in → My reading → open a
 * procedure, in real Chromium against the real service (embedded PostgreSQL or
 * DATABASE_URL, demo organisation), median of BENCH_UI_RUNS (10). Baseline in the
 * same run: a navigation to /health/live, the floor of any page load here. Also
 * the JavaScript that My reading loads, gzipped, against its 200 KB budget.
 */
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 10);
const JOURNEY_TARGET_MS = 1500;
const JS_BUDGET_KB = 200;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (name: string, value: string, target: string, ok: boolean, baseline: string) =>
  console.log(
    `${name.padEnd(38)} ${value.padStart(10)}   target ${target.padEnd(10)} ${ok ? 'MEETS ' : 'MISSES'}   baseline ${baseline}`,
  );

async function journey(page: Page): Promise<{ signIn: number; reading: number; document: number }> {
  const t0 = performance.now();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('staff@demo.local');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const t1 = performance.now();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'My reading' })
    .click();
  await page
    .getByRole('main')
    .getByRole('link', { name: 'Returns handling', exact: true })
    .waitFor();
  const t2 = performance.now();
  await page.getByRole('main').getByRole('link', { name: 'Returns handling', exact: true }).click();
  await page.getByRole('article').getByRole('heading').first().waitFor();
  const t3 = performance.now();
  return { signIn: t1 - t0, reading: t2 - t1, document: t3 - t2 };
}

async function signInAndRead(page: Page): Promise<void> {
  await page.goto('/reading');
  await page.getByLabel('Email').fill('staff@demo.local');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My reading' }).waitFor();
  await page.getByRole('main').getByRole('link').first().waitFor();
}

async function main(): Promise<void> {
  const db = await freshDatabase('ui');
  const svc = await startService(db.url, 3910, { SEED_DEMO: 'true' });
  const browser = await playwright.launch({
    executablePath: process.env.CHROMIUM_PATH || (await chromium.executablePath()),
    headless: true,
    args: [
      '--no-sandbox',
      '--no-zygote',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    // warm the service once, then measure the JavaScript My reading loads on a cold cache
    {
      const warm = await browser.newContext({ baseURL: svc.base });
      await journey(await warm.newPage());
      await warm.close();
    }
    const jsBytes: number[] = [];
    {
      const cold = await browser.newContext({ baseURL: svc.base });
      const page = await cold.newPage();
      const pending: Promise<void>[] = [];
      page.on('response', (res) => {
        if (res.request().resourceType() === 'script')
          pending.push(res.body().then((b) => void jsBytes.push(gzipSync(b).length)));
      });
      await signInAndRead(page);
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
      await cold.close();
    }
    const jsKb = jsBytes.reduce((a, b) => a + b, 0) / 1024;

    const runs: { signIn: number; reading: number; document: number; total: number }[] = [];
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ baseURL: svc.base });
      const page = await ctx.newPage();
      const f0 = performance.now();
      await page.goto('/health/live');
      floor.push(performance.now() - f0);
      const r = await journey(page);
      runs.push({ ...r, total: r.signIn + r.reading + r.document });
      await ctx.close();
    }
    const m = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
    const base = `${fmt(median(floor), 0)} ms (a page load of /health/live)`;
    console.log(`bench:ui — ${RUNS} runs, median; real Chromium, demo organisation`);
    line('sign-in → Home', `${fmt(m('signIn'))} ms`, '', true, base);
    line('Home → My reading', `${fmt(m('reading'))} ms`, '', true, base);
    line('My reading → document open', `${fmt(m('document'))} ms`, '', true, base);
    line(
      'journey total',
      `${fmt(m('total'))} ms`,
      `≤ ${JOURNEY_TARGET_MS} ms`,
      m('total') <= JOURNEY_TARGET_MS,
      base,
    );
    line(
      'JavaScript My reading loads (gzip)',
      `${fmt(jsKb, 1)} KB`,
      `≤ ${JS_BUDGET_KB} KB`,
      jsKb <= JS_BUDGET_KB,
      'budget from the web app contract',
    );
  } finally {
    await browser.close();
    await svc.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
