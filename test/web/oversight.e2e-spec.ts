/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import {
  expectCount,
  expectFocused,
  expectText,
  launchBrowser,
  newPage,
  pageErrors,
  screenshot,
  seriousA11yViolations,
  signIn,
  startWebApp,
  WebApp,
} from './browser';

/** The quality lead's Training dashboard and the auditor's Audit trail. */
describe('web app: oversight (training dashboard, audit trail)', () => {
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    // Sam is late with Complaint handling, so there is someone behind an "overdue" figure.
    await web.t.ds.query(
      `UPDATE training_assignments t SET due_at = now() - interval '2 days'
         FROM users u, documents d
        WHERE u.id = t.user_id AND d.id = t.document_id
          AND u.email = 'staff@demo.local' AND d.title = 'Complaint handling'`,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function open(email: string, width = 1280): Promise<Page> {
    const { page } = await newPage(browser, web.baseUrl, width);
    await signIn(page, email);
    return page;
  }
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

  it('the lead sees compliance as a chart and a table, drills down, and exports CSV', async () => {
    const page = await open('lead@demo.local');
    await nav(page).getByRole('link', { name: 'Training' }).click();
    await page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
    const main = page.getByRole('main');

    const table = main.getByRole('region', { name: 'Compliance per document' });
    for (const title of ['Returns handling', 'Complaint handling'])
      await table.getByRole('rowheader', { name: new RegExp(title) }).waitFor();
    const chart = main.getByRole('img', { name: /Share acknowledged per document/ });
    await expectText(chart, /Complaint handling/);
    expect(await chart.getAttribute('aria-label')).toMatch(
      /Complaint handling \d+(\.\d)?% acknowledged/,
    );
    await main.getByRole('region', { name: 'Compliance per department' }).waitFor();
    await expectText(
      main.getByRole('region', { name: 'Overdue people' }),
      /staff@demo\.local[\s\S]*Customer Service/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'training');

    // drill down: the people behind Complaint handling's overdue figure
    await table
      .getByRole('button', { name: /show the overdue people for Complaint handling/ })
      .click();
    const heading = main.getByRole('heading', { name: /People · Overdue: Complaint handling/ });
    await expectFocused(heading);
    const people = main.getByRole('region', { name: /People · Overdue: Complaint handling/ });
    await expectCount(people.getByRole('row'), 2);
    await expectText(people, /Sam Staff[\s\S]*Customer Service[\s\S]*Overdue/);
    // and everyone it requires, with their state
    await table
      .getByRole('button', { name: /show the people required for Complaint handling/ })
      .click();
    const required = main.getByRole('region', { name: /People · Required: Complaint handling/ });
    await expectText(required, /Sam Staff[\s\S]*Overdue/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'training-drill-down');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      main.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('training-report.csv');
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'documentId,documentNumber,title,revisionId,label,required,acknowledged,overdue,pending,percent',
    );
    expect(lines.some((l) => l.includes('Complaint handling'))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });

  it('the Training page works at 375 px', async () => {
    const page = await open('lead@demo.local', 375);
    await page.goto('/training');
    await page
      .getByRole('region', { name: 'Compliance per document' })
      .getByRole('rowheader', { name: /Returns handling/ })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'training');
  });

  it('the auditor filters the trail, verifies the chain and exports JSONL', async () => {
    const page = await open('auditor@demo.local');
    await nav(page).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    const main = page.getByRole('main');
    const events = main.getByRole('region', { name: 'Audit events' });
    await events.getByRole('row').nth(1).waitFor();

    // a bad id is said in a sentence; a filter that matches nothing says so
    await main.getByLabel('Entity ID').fill('not-a-uuid');
    await main.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(main.getByRole('alert'), /entityId/i);
    await screenshot(page, 'audit-error');
    await main.getByLabel('Entity ID').fill('');
    await main.getByLabel('Entity type').fill('no_such_thing');
    await main.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(main, /No event matches these filters/);
    await main.getByLabel('Entity type').fill('');

    await main.getByLabel('Action').fill('auth.login');
    await main.getByRole('button', { name: 'Apply filters' }).click();
    // the old rows go (loading), then only sign-ins come back
    const others = events.locator('tbody td code').filter({ hasNotText: /^auth\.login$/ });
    await expectCount(others, 0);
    await events.locator('tbody td code').first().waitFor();
    expect(await others.count()).toBe(0);
    expect(await events.locator('tbody td code').allTextContents()).toContain('auth.login');

    // an event's data, pretty-printed
    await events.getByRole('button', { name: /Show/ }).first().click();
    await expectText(events.locator('pre').first(), /\{\n {2}"/);

    await main.getByRole('button', { name: 'Verify chain' }).click();
    await expectText(
      main.getByRole('status').filter({ hasText: 'Chain' }),
      /Chain intact: [\d,]+ events/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'audit');

    const [jsonl] = await Promise.all([
      page.waitForEvent('download'),
      main.getByRole('button', { name: 'Export JSONL' }).click(),
    ]);
    expect(jsonl.suggestedFilename()).toBe('audit-events.jsonl');
    const lines = readFileSync(await jsonl.path(), 'utf8')
      .trim()
      .split('\n');
    const parsed = lines.map((l) => JSON.parse(l) as { seq: number });
    expect(parsed[0].seq).toBe(1);
    expect(parsed.map((e) => e.seq)).toEqual(parsed.map((_, i) => i + 1));
    expect(pageErrors(page)).toEqual([]);
  });

  it('the Audit trail works at 375 px', async () => {
    const page = await open('auditor@demo.local', 375);
    await page.goto('/audit');
    await page.getByRole('region', { name: 'Audit events' }).getByRole('row').nth(1).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'audit');
  });

  it('staff see neither link, and each page says it is not for them', async () => {
    const page = await open('staff@demo.local');
    expect(await nav(page).getByRole('link', { name: 'Training' }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    for (const [path, heading] of [
      ['/training', 'Training'],
      ['/audit', 'Audit trail'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expectText(page.getByRole('main'), /not for your role/);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
    await screenshot(page, 'audit-not-allowed');
    expect(pageErrors(page)).toEqual([]);
  });
});
