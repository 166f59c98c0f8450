/// <reference lib="dom" />
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { api, login } from '../helpers/app';
import {
  DEMO_PASSWORD,
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
  tabUntilFocused,
  WebApp,
} from './browser';

/** The reading room, as staff use it: sign in, read, acknowledge, report a deviation. */
describe('web app: the reading room (staff)', () => {
  let web: WebApp;
  let browser: Browser;
  const DEMO_ASSIGNMENTS = [
    'Returns handling',
    'Complaint handling',
    'Onboarding new customer service desk staff',
  ];

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function staffPage(width = 1280): Promise<Page> {
    const { page } = await newPage(browser, web.baseUrl, width);
    await signIn(page, 'staff@demo.local');
    return page;
  }
  const readingLinks = (page: Page) =>
    page.getByRole('main').getByRole('list').first().getByRole('link');

  it('a wrong password shows an alert and stays on Sign in; a deep link returns after sign-in', async () => {
    const { page } = await newPage(browser, web.baseUrl);
    await page.goto('/reading');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email').fill('staff@demo.local');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), /not correct/i);
    await screenshot(page, 'sign-in-error');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My reading' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reading');
    expect(pageErrors(page)).toEqual([]);
  });

  it('Home counts what needs the person and links to it; staff see no signing desk', async () => {
    const page = await staffPage();
    const main = page.getByRole('main');
    await expectText(main.getByRole('link', { name: /My reading/ }), /3 procedures to read/);
    await main.getByRole('link', { name: /Notifications/ }).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Awaiting my signature' })
        .count(),
    ).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'home');
    await main.getByRole('link', { name: /My reading/ }).click();
    await page.getByRole('heading', { level: 1, name: 'My reading' }).waitFor();
  });

  it('works at 375 px: the reading list and a document', async () => {
    const page = await staffPage(375);
    await page.goto('/reading');
    await readingLinks(page).first().waitFor();
    await screenshot(page, 'reading');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await page.getByRole('link', { name: 'Returns handling', exact: true }).click();
    await page.getByRole('article').getByRole('heading').first().waitFor();
    await screenshot(page, 'document');
    // The procedure's tables (three columns of long words) fit the page's width.
    await page.getByRole('article').locator('table').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'document-table');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await screenshot(page, 'home');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('My reading lists the three demo assignments with due dates; acknowledging one removes it', async () => {
    const page = await staffPage();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My reading' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'My reading' }).waitFor();
    await readingLinks(page).first().waitFor();
    expect((await readingLinks(page).allTextContents()).sort()).toEqual(
      [...DEMO_ASSIGNMENTS].sort(),
    );
    expect(await page.getByRole('main').getByText(/^Due /).count()).toBe(3);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'reading');

    await page.getByRole('link', { name: 'Complaint handling', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Complaint handling' }).waitFor();
    await page.getByRole('article').getByRole('heading').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'document');
    await page.getByRole('button', { name: 'Read and understood' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Acknowledged' }), /Acknowledged/);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My reading' })
      .click();
    await expectCount(readingLinks(page), 2);
    expect(await readingLinks(page).allTextContents()).not.toContain('Complaint handling');
    expect(pageErrors(page)).toEqual([]);
  });

  it('acknowledges with the keyboard alone', async () => {
    const page = await staffPage();
    await page.goto('/reading');
    await readingLinks(page).first().waitFor();
    const link = page.getByRole('link', {
      name: 'Onboarding new customer service desk staff',
      exact: true,
    });
    await tabUntilFocused(page, link);
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { level: 1, name: 'Onboarding new customer service desk staff' })
      .waitFor();
    const button = page.getByRole('button', { name: 'Read and understood' });
    await tabUntilFocused(page, button);
    await page.keyboard.press('Enter');
    await expectText(page.getByRole('status').filter({ hasText: 'Acknowledged' }), /Acknowledged/);
  });

  it('reports a deviation from the document page; the quality lead sees it through the API', async () => {
    const page = await staffPage();
    await page.goto('/reading');
    await page.getByRole('link', { name: 'Returns handling', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Returns handling' }).waitFor();
    await page.getByRole('button', { name: 'Does not match how we work' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('What is different?')
      .fill('We photograph every parcel before opening it.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'deviation-dialog');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: 'Thank you' }),
      /practice-deviation/,
    );
    // the dialog closed and focus went back to the button that opened it
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expectFocused(page.getByRole('button', { name: 'Does not match how we work' }));

    const lead = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
    const res = await request(web.t.http)
      .get(api('/proposals?kind=practice_deviation'))
      .set('Authorization', `Bearer ${lead}`)
      .expect(200);
    const items = res.body.items as { description: string; status: string }[];
    expect(items.map((p) => p.description)).toContain(
      'We photograph every parcel before opening it.',
    );
  });

  it('suggests an improvement anchored to a section', async () => {
    const page = await staffPage();
    await page.goto('/documents');
    await page.getByRole('link', { name: 'Service recovery', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Service recovery' }).waitFor();
    await page.getByRole('button', { name: 'Suggest an improvement' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Name the goodwill limit');
    await dialog
      .getByLabel('Description')
      .fill('Say how much a desk agent may refund without asking.');
    const section = dialog.getByLabel('Section');
    const options = await section.locator('option').allTextContents();
    await section.selectOption({ label: options[2] });
    await dialog.getByRole('button', { name: 'Submit proposal' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Thank you' }), /proposal IP-\d+/);

    const lead = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
    const res = await request(web.t.http)
      .get(api('/proposals?kind=improvement'))
      .set('Authorization', `Bearer ${lead}`)
      .expect(200);
    const mine = (res.body.items as { title: string; section: string | null }[]).find(
      (p) => p.title === 'Name the goodwill limit',
    );
    expect(mine?.section).toBeTruthy();
  });

  it('Documents: search highlights the matched words; an empty search says so', async () => {
    const page = await staffPage();
    await page.goto('/documents');
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    await page.getByRole('main').getByRole('link').first().waitFor();
    expect(await page.getByRole('main').getByRole('link').count()).toBeGreaterThanOrEqual(5);
    await page.getByRole('searchbox', { name: 'Search procedures' }).fill('refund');
    await page.locator('.snippet mark').first().waitFor();
    expect((await page.locator('.snippet mark').first().textContent())?.toLowerCase()).toContain(
      'refund',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'documents-search');
    await page.getByRole('searchbox', { name: 'Search procedures' }).fill('xylophonequartz');
    await expectText(page.getByRole('main'), /No effective procedure mentions/);
  });

  it('a write from inside the page without the CSRF header is refused and changes nothing', async () => {
    const page = await staffPage();
    const before = await request(web.t.http)
      .get(api('/proposals'))
      .set('Authorization', `Bearer ${await login(web.t, 'lead@demo.local', DEMO_PASSWORD)}`);
    const result = await page.evaluate(async () => {
      const res = await fetch('/api/v1/proposals', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'improvement', title: 'Forged', description: 'No token' }),
      });
      return { status: res.status, type: res.headers.get('content-type') };
    });
    expect(result.status).toBe(403);
    expect(result.type).toMatch(/application\/problem\+json/);
    const after = await request(web.t.http)
      .get(api('/proposals'))
      .set('Authorization', `Bearer ${await login(web.t, 'lead@demo.local', DEMO_PASSWORD)}`);
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('My reading, once everything is read, says so', async () => {
    const page = await staffPage();
    await page.goto('/reading');
    await page.getByText('You are up to date.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'reading-empty');
  });

  it('a page for another role says so; staff are not offered it', async () => {
    const page = await staffPage();
    await page.goto('/signing');
    await page.getByRole('heading', { level: 1, name: 'Awaiting my signature' }).waitFor();
    await page.getByText('This page is not for your role.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'signing-not-allowed');
  });

  it('a session that ends meanwhile leads to Sign in, and back to the page afterwards', async () => {
    const page = await staffPage();
    await page.goto('/reading');
    await page.getByRole('heading', { level: 1, name: 'My reading' }).waitFor();
    // the idle timeout passes while the page stays open
    await web.t.ds.query(
      `UPDATE sessions SET last_seen_at = now() - interval '2 hours'
        WHERE user_id = (SELECT id FROM users WHERE email = 'staff@demo.local') AND ended_at IS NULL`,
    );
    // the next request meets the ended session: usually the Documents list this click
    // asks for, sometimes a background refresh of the page already open
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Documents' })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const next = new URL(page.url()).searchParams.get('next');
    expect(['/documents', '/reading']).toContain(next);
    await page.getByLabel('Email').fill('staff@demo.local');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('heading', { level: 1, name: next === '/documents' ? 'Documents' : 'My reading' })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(next);
  });

  it('an unknown page and a missing document say so in words', async () => {
    const page = await staffPage();
    await page.goto('/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto('/documents/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Procedure not available' }).waitFor();
    await expectText(page.getByRole('alert'), /not found/i);
    expect(await page.content()).not.toMatch(/"status":\s*404/);
    await screenshot(page, 'document-missing');
  });

  it('after a new revision, "What changed since I last read it" shows the redline from the one read', async () => {
    const t = web.t;
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const [lead, approver, staff] = await Promise.all(
      ['lead', 'approver', 'staff'].map((who) => login(t, `${who}@demo.local`, DEMO_PASSWORD)),
    );
    const list = await request(t.http).get(api('/documents?q=Shipment')).set(auth(lead));
    const doc = (
      list.body.items as { id: string; title: string; currentRevisionId: string }[]
    ).find((d) => d.title.startsWith('Keeping customers informed'))!;
    // staff reads the current revision first (the requirement covers everyone in CS? make sure)
    await request(t.http)
      .put(api(`/documents/${doc.id}/training-requirement`))
      .set(auth(lead))
      .send({
        departmentIds: [],
        roles: ['staff'],
        userIds: [],
        dueInDays: 14,
        retrainOnMinor: true,
      })
      .expect(200);
    await request(t.http)
      .post(api(`/revisions/${doc.currentRevisionId}/acknowledgements`))
      .set(auth(staff))
      .send({})
      .expect((r) => expect([200, 201]).toContain(r.status));
    const draft = await request(t.http)
      .post(api(`/documents/${doc.id}/revisions`))
      .set(auth(lead))
      .send({ changeLevel: 'major', changeSummary: 'Text customers at dispatch' })
      .expect(201);
    const got = await request(t.http)
      .get(api(`/revisions/${draft.body.id}`))
      .set(auth(lead));
    await request(t.http)
      .patch(api(`/revisions/${draft.body.id}`))
      .set(auth(lead))
      .set('If-Match', got.headers.etag)
      .send({
        body: `${got.body.body}\n\nCustomers also get a text message when the parcel leaves the warehouse.\n`,
      })
      .expect(200);
    const approverId = (await request(t.http).get(api('/auth/me')).set(auth(approver))).body.id;
    await request(t.http)
      .post(api(`/revisions/${draft.body.id}/submit`))
      .set(auth(lead))
      .send({ approverIds: [approverId] })
      .expect(200);
    await request(t.http)
      .post(api(`/revisions/${draft.body.id}/signatures`))
      .set(auth(approver))
      .send({ meaning: 'approved', password: DEMO_PASSWORD })
      .expect(201);

    const page = await staffPage();
    await page.goto(`/documents/${doc.id}`);
    await page.getByRole('heading', { level: 1, name: doc.title }).waitFor();
    const toggle = page.getByRole('button', { name: 'What changed since I last read it' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expectText(page.locator('.redline ins').first(), /text message/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'document-changes');
  });

  it('when the requirement asks for a signature, Read and understood asks for the password', async () => {
    const t = web.t;
    const lead = await login(t, 'lead@demo.local', DEMO_PASSWORD);
    const list = await request(t.http)
      .get(api('/documents'))
      .set('Authorization', `Bearer ${lead}`);
    const doc = (list.body.items as { id: string; title: string }[]).find(
      (d) => d.title === 'Service recovery',
    )!;
    await request(t.http)
      .put(api(`/documents/${doc.id}/training-requirement`))
      .set('Authorization', `Bearer ${lead}`)
      .send({
        departmentIds: [],
        roles: ['staff'],
        userIds: [],
        dueInDays: 7,
        retrainOnMinor: false,
        requireSignature: true,
      })
      .expect(200);

    const page = await staffPage();
    await page.goto('/reading');
    await page.getByRole('link', { name: 'Service recovery', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Service recovery' }).waitFor();
    await page.getByRole('button', { name: 'Read and understood' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Password').fill('not-my-password');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await expectText(dialog.getByRole('alert'), /password is not correct/i);
    await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByRole('status').filter({ hasText: 'Acknowledged' }).waitFor();
    const acks = await request(t.http)
      .get(
        api(
          `/revisions/${
            (
              await request(t.http)
                .get(api(`/documents/${doc.id}`))
                .set('Authorization', `Bearer ${lead}`)
            ).body.currentRevisionId
          }/acknowledgements`,
        ),
      )
      .set('Authorization', `Bearer ${lead}`)
      .expect(200);
    expect(acks.body.items).toHaveLength(1);
  });
});
