/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { api, login } from '../helpers/app';
import {
  DEMO_PASSWORD,
  expectCount,
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

/** The signing desk: the approver signs the demo's complaint-handling revision in review. */
describe('web app: the signing desk (approver)', () => {
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function approverPage(width = 1280): Promise<Page> {
    const { page } = await newPage(browser, web.baseUrl, width);
    await signIn(page, 'approver@demo.local');
    return page;
  }

  it('signs: a wrong password is refused, the right one makes the revision effective, History shows the signature', async () => {
    const page = await approverPage();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Awaiting my signature' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Awaiting my signature' }).waitFor();
    const link = page
      .getByRole('main')
      .getByRole('link', { name: 'Complaint handling', exact: true });
    await link.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'signing');
    await link.click();

    await page.getByRole('heading', { level: 1, name: 'Review: Complaint handling' }).waitFor();
    await page.locator('.redline').first().waitFor();
    expect(await page.locator('.redline ins, .redline del').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'review');

    await page.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog, /Avery Approver/);
    await expectText(dialog, /Approved/);
    await dialog.getByLabel('Password').fill('wrong-password');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await expectText(dialog.getByRole('alert'), /password is not correct/i);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-dialog-error');

    await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: 'Approved' }),
      /signature is recorded/,
    );

    const revisionId = new URL(page.url()).pathname.split('/')[2];
    const lead = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
    const rev = await request(web.t.http)
      .get(api(`/revisions/${revisionId}`))
      .set('Authorization', `Bearer ${lead}`)
      .expect(200);
    expect(rev.body.status).toBe('effective');

    await page.getByRole('link', { name: 'See its history' }).click();
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Avery Approver' });
    await expectText(row, /Approved/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'history');
    expect(pageErrors(page)).toEqual([]);
  });

  it('rejects with a reason: the revision goes back to draft', async () => {
    // a second revision in review, for this test alone
    const lead = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
    const approver = await login(web.t, 'approver@demo.local', DEMO_PASSWORD);
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const docs = await request(web.t.http)
      .get(api('/documents?q=Service recovery'))
      .set(auth(lead));
    const doc = (docs.body.items as { id: string; title: string }[]).find(
      (d) => d.title === 'Service recovery',
    )!;
    const draft = await request(web.t.http)
      .post(api(`/documents/${doc.id}/revisions`))
      .set(auth(lead))
      .send({ changeLevel: 'minor', changeSummary: 'Clarify the apology wording' })
      .expect(201);
    const me = await request(web.t.http).get(api('/auth/me')).set(auth(approver));
    await request(web.t.http)
      .post(api(`/revisions/${draft.body.id}/submit`))
      .set(auth(lead))
      .send({ approverIds: [me.body.id] })
      .expect(200);

    const page = await approverPage();
    await page.goto(`/revisions/${draft.body.id}/review`);
    await page.getByRole('heading', { level: 1, name: 'Review: Service recovery' }).waitFor();
    await page.getByRole('button', { name: 'Reject' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('The apology wording is unchanged.');
    await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: 'Rejected' }),
      /back to its author/,
    );
    const rev = await request(web.t.http)
      .get(api(`/revisions/${draft.body.id}`))
      .set(auth(lead))
      .expect(200);
    expect(rev.body.status).toBe('draft');
  });

  it('History: Compare shows the redline between two revisions (quality lead)', async () => {
    const { page } = await newPage(browser, web.baseUrl);
    await signIn(page, 'lead@demo.local');
    await page.goto('/documents');
    await page.getByRole('link', { name: 'Returns handling', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Returns handling' }).waitFor();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    const boxes = page.getByRole('checkbox');
    await boxes.first().waitFor();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('.redline ins, .redline del').first().waitFor();
    await screenshot(page, 'history-compare');
  });

  it('downloads a controlled PDF copy and, for a quality lead, the evidence pack', async () => {
    const { page } = await newPage(browser, web.baseUrl);
    await signIn(page, 'lead@demo.local');
    await page.goto('/documents');
    await page.getByRole('link', { name: 'Returns handling', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Returns handling' }).waitFor();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfBytes = readFileSync(await pdf.path());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const [pack] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Evidence pack' }).click(),
    ]);
    expect(pack.suggestedFilename()).toMatch(/\.zip$/);
    expect(
      readFileSync(await pack.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    // the copy was numbered and audited
    const lead = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
    const doc = await request(web.t.http)
      .get(api('/documents'))
      .set('Authorization', `Bearer ${lead}`);
    const returns = (
      doc.body.items as { id: string; title: string; currentRevisionId: string }[]
    ).find((d) => d.title === 'Returns handling')!;
    const copies = await request(web.t.http)
      .get(api(`/revisions/${returns.currentRevisionId}/copies`))
      .set('Authorization', `Bearer ${lead}`)
      .expect(200);
    expect(copies.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('the signing desk at 375 px', async () => {
    const page = await approverPage(375);
    await page.goto('/signing');
    await page.getByRole('heading', { level: 1, name: 'Awaiting my signature' }).waitFor();
    await page.getByRole('main').locator('.state, .card-list').first().waitFor();
    await screenshot(page, 'signing');
    await page.goto('/notifications');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('main').locator('.state-empty, .card-list').first().waitFor();
    // The main navigation is one row that scrolls sideways on a phone; the current page's
    // link, the approver's sixth, is scrolled into sight.
    const current = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notifications/ });
    expect(await current.getAttribute('aria-current')).toBe('page');
    await page.waitForFunction(
      () => {
        const link = document.querySelector('.main-nav a[aria-current="page"]');
        const box = link?.getBoundingClientRect();
        return !!box && box.left >= 0 && box.right <= window.innerWidth;
      },
      undefined,
      { timeout: 5_000 },
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'notifications');
  });

  it('opening a notification marks it read and goes to what it is about', async () => {
    const page = await approverPage();
    await page.goto('/notifications');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('main').getByRole('listitem').first().waitFor();
    const unreadBefore = await page.getByText('Unread', { exact: true }).count();
    expect(unreadBefore).toBeGreaterThan(0);
    const first = page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ hasText: 'Unread' })
      .first();
    const title = (await first.getByRole('button').textContent())!.trim();
    await first.getByRole('button').click();
    await page.waitForURL((url) => url.pathname !== '/notifications');
    expect(title.length).toBeGreaterThan(0);
    await page.goto('/notifications');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expectCount(page.getByText('Unread', { exact: true }), unreadBefore - 1);
  });
});
