/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium as playwright, Locator, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../helpers/app';
import { AppConfig } from '../../src/config/config';

/**
 * Real Chromium for the browser tests: the one @sparticuz/chromium ships inside its
 * npm package (so a fresh machine needs no download), or CHROMIUM_PATH when set
 * (e.g. Debian's /usr/bin/chromium).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--no-zygote',
      '--disable-dev-shm-usage',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--font-render-hinting=none',
      // this machine's network is closed: no background calls home
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface WebApp {
  t: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real service (API and built web app) on its own database and an ephemeral port. */
export async function startWebApp(overrides: Partial<AppConfig> = {}): Promise<WebApp> {
  const t = await createTestApp({ seedDemo: true, ...overrides });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, baseUrl: `http://127.0.0.1:${port}`, close: () => t.close() };
}

export const DEMO_PASSWORD = 'demo-password';

export async function newPage(
  browser: Browser,
  baseUrl: string,
  width = 1280,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width, height: width < 600 ? 812 : 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  // a page that throws or logs an error fails the test that looks at it
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { praxisErrors?: string[] }).praxisErrors = errors;
  return { context, page };
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { praxisErrors?: string[] }).praxisErrors ?? [];
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
}

/** Serious and critical axe-core violations on the page as it is now, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/**
 * Screenshots of the pages the tests touch, at the width the page was opened with.
 * They go to .data/screenshots, or to PRAXIS_SCREENSHOTS (the README's come from
 * `PRAXIS_SCREENSHOTS=docs/screenshots npm test`).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve(process.env.PRAXIS_SCREENSHOTS || '.data/screenshots');
  mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 1280;
  const file = path.join(dir, `${name}-${width}.png`);
  // what a person sees on arrival (full pages of long procedures are too tall to look at)
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

// Polling with a deadline (playwright-core has no web-first assertions of its own).
export async function expectText(locator: Locator, re: RegExp): Promise<void> {
  await locator.first().waitFor();
  const deadline = Date.now() + 5000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.first().textContent()) ?? '';
    if (re.test(text)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(text).toMatch(re);
}

export async function expectCount(locator: Locator, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (await locator.count()) !== n)
    await new Promise((r) => setTimeout(r, 50));
  expect(await locator.count()).toBe(n);
}

export async function expectFocused(locator: Locator): Promise<void> {
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(await locator.evaluate((el) => el === document.activeElement)).toBe(true);
}

/** Presses Tab until the element has focus (keyboard-only use), at most 60 times. */
export async function tabUntilFocused(page: Page, locator: Locator): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < 60; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}
