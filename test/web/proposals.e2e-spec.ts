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

const TRIAGE_BUTTONS = ['Under review', 'Accept', 'Reject', 'Implemented', 'Close'];

/** Proposals: staff raise them, the quality lead triages them and turns one into a draft. */
describe('web app: proposals (board, page, triage, start a revision)', () => {
  let web: WebApp;
  let browser: Browser;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function pageAs(email: string, width = 1280): Promise<Page> {
    const { page } = await newPage(browser, web.baseUrl, width);
    await signIn(page, email);
    return page;
  }

  async function documentId(title: string): Promise<string> {
    const token = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
    const res = await request(web.t.http).get(api('/documents?limit=200')).set(auth(token));
    return (res.body.items as { id: string; title: string }[]).find((d) => d.title === title)!.id;
  }

  /** A proposal raised by staff through the API. */
  async function raise(title: string): Promise<{ id: string; number: string }> {
    const token = await login(web.t, 'staff@demo.local', DEMO_PASSWORD);
    const res = await request(web.t.http)
      .post(api('/proposals'))
      .set(auth(token))
      .send({
        documentId: await documentId('Returns handling'),
        kind: 'improvement',
        title,
        description: 'As seen at the desk.',
      })
      .expect(201);
    return res.body as { id: string; number: string };
  }

  const buttons = (page: Page, names: string[]) =>
    Promise.all(names.map((name) => page.getByRole('button', { name, exact: true }).count())).then(
      (counts) => counts.reduce((a, b) => a + b, 0),
    );

  it('staff raise one on the document; the lead comments by keyboard, triages, accepts and starts a revision from it', async () => {
    const staff = await pageAs('staff@demo.local');
    await staff.goto('/documents');
    await staff.getByRole('link', { name: 'Returns handling', exact: true }).click();
    await staff.getByRole('heading', { level: 1, name: 'Returns handling' }).waitFor();
    await staff.getByRole('button', { name: 'Suggest an improvement' }).click();
    const raiseDialog = staff.getByRole('dialog');
    await raiseDialog.getByLabel('Title').fill('Label returned parcels');
    await raiseDialog
      .getByLabel('Description')
      .fill('Write the return number on the parcel before it goes to the shelf.');
    await raiseDialog.getByRole('button', { name: 'Submit proposal' }).click();
    await expectText(staff.getByRole('status').filter({ hasText: 'IP-' }), /IP-\d{4}/);
    const number = /IP-\d{4}/.exec(
      (await staff.getByRole('status').filter({ hasText: 'IP-' }).first().textContent())!,
    )![0];
    const name = `${number} Label returned parcels`;

    // Staff see their own proposal, with Withdraw and no triage buttons.
    await staff
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Proposals' })
      .click();
    await staff.getByRole('heading', { level: 1, name: 'Proposals' }).waitFor();
    await staff.getByRole('link', { name }).click();
    await staff.getByRole('heading', { level: 1, name }).waitFor();
    await staff.getByRole('button', { name: 'Withdraw' }).waitFor();
    expect(await buttons(staff, TRIAGE_BUTTONS)).toBe(0);
    expect(await staff.getByLabel('Assign to').count()).toBe(0);
    expect(pageErrors(staff)).toEqual([]);

    // The lead finds it on the board among those to triage (Home's tile leads there).
    const lead = await pageAs('lead@demo.local');
    await lead.getByRole('link', { name: /Proposals to triage/ }).click();
    await lead.getByRole('heading', { level: 1, name: 'Proposals' }).waitFor();
    expect(new URL(lead.url()).search).toBe('?status=submitted');
    const card = lead.getByRole('link', { name });
    await card.waitFor();
    expect(await seriousA11yViolations(lead)).toEqual([]);
    await screenshot(lead, 'proposals');
    await card.click();
    await lead.getByRole('heading', { level: 1, name }).waitFor();
    await expectText(lead.getByRole('main'), /Returns handling/);
    await expectText(lead.getByRole('main'), /Sam Staff/);
    expect(await lead.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);

    // Keyboard only: reach the comment field, type, tab to the button, press Enter.
    await tabUntilFocused(lead, lead.getByLabel('Comment'));
    await lead.keyboard.type('Agreed: the warehouse asked for this too.');
    await lead.keyboard.press('Tab');
    await expectFocused(lead.getByRole('button', { name: 'Add comment' }));
    await lead.keyboard.press('Enter');
    const timeline = lead.getByRole('list').filter({ hasText: 'commented' });
    await expectText(timeline, /Agreed: the warehouse asked for this too/);
    const cleared = Date.now() + 5000;
    while ((await lead.getByLabel('Comment').inputValue()) !== '' && Date.now() < cleared)
      await new Promise((r) => setTimeout(r, 50));
    expect(await lead.getByLabel('Comment').inputValue()).toBe('');

    await lead.getByRole('button', { name: 'Under review', exact: true }).click();
    await lead.getByRole('button', { name: 'Accept', exact: true }).waitFor();
    await expectText(timeline, /moved it from Submitted to Under review/);
    expect(await seriousA11yViolations(lead)).toEqual([]);
    await lead.getByRole('button', { name: 'Accept', exact: true }).click();
    await lead.getByRole('button', { name: 'Start a revision for this' }).waitFor();
    await expectText(timeline, /moved it from Under review to Accepted/);
    expect(await seriousA11yViolations(lead)).toEqual([]);
    await screenshot(lead, 'proposal');
    const proposalUrl = lead.url();
    const proposalId = new URL(proposalUrl).pathname.split('/')[2];

    await lead.getByRole('button', { name: 'Start a revision for this' }).click();
    const deadline = Date.now() + 5000;
    while (!/\/revisions\/[^/]+\/edit$/.test(lead.url()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const revisionId = /\/revisions\/([^/]+)\/edit$/.exec(lead.url())?.[1];
    expect(revisionId).toBeDefined();
    const token = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
    const draft = await request(web.t.http)
      .get(api(`/revisions/${revisionId}`))
      .set(auth(token))
      .expect(200);
    expect(draft.body).toMatchObject({
      status: 'draft',
      proposalIds: [proposalId],
      changeSummary: 'Label returned parcels',
    });

    // A second start: the document has a draft already; the page says so and links to it.
    await lead.goto(proposalUrl);
    await lead.getByRole('button', { name: 'Start a revision for this' }).click();
    await expectText(lead.getByRole('alert'), /already has a draft/);
    expect(
      await lead
        .getByRole('link', { name: 'Open the draft already in progress' })
        .getAttribute('href'),
    ).toBe(`/revisions/${revisionId}/edit`);
    expect(pageErrors(lead)).toEqual([]);

    // The submitter's notification of the decision leads to the proposal.
    await staff.goto('/notifications');
    await staff.getByRole('button', { name: `${number} is now accepted` }).click();
    await staff.getByRole('heading', { level: 1, name }).waitFor();
    expect(new URL(staff.url()).pathname).toBe(`/proposals/${proposalId}`);
  });

  it('lets the submitter withdraw their own submitted proposal', async () => {
    const p = await raise('Shelve returns by date');
    const staff = await pageAs('staff@demo.local');
    await staff.goto(`/proposals/${p.id}`);
    await staff
      .getByRole('heading', { level: 1, name: `${p.number} Shelve returns by date` })
      .waitFor();
    expect(await buttons(staff, TRIAGE_BUTTONS)).toBe(0);
    await staff.getByRole('button', { name: 'Withdraw' }).click();
    await expectText(staff.getByRole('status').filter({ hasText: 'Moved' }), /Moved to Withdrawn/);
    await expectCount(staff.getByRole('button', { name: 'Withdraw' }), 0);
    await expectText(staff.getByRole('main'), /moved it from Submitted to Withdrawn/);

    // On the board it is folded away with the finished ones.
    await staff.goto('/proposals');
    const folded = staff.locator('details').filter({ hasText: 'Rejected, withdrawn or closed' });
    await folded.waitFor();
    expect(await folded.getAttribute('open')).toBeNull();
    await folded.locator('summary').click();
    await folded.getByRole('link', { name: `${p.number} Shelve returns by date` }).waitFor();
    expect(await seriousA11yViolations(staff)).toEqual([]);
    await screenshot(staff, 'proposals-board');

    // A proposal that is not theirs (or does not exist) is a sentence, not a blank page.
    await staff.goto('/proposals/00000000-0000-4000-8000-000000000000');
    await expectText(staff.getByRole('alert'), /not found/i);
    await screenshot(staff, 'proposal-not-found');
    expect(pageErrors(staff)).toEqual([]);
  });

  it('rejects with a reason, marks overdue triage, filters, and fits a phone', async () => {
    const late = await raise('Photograph damaged returns');
    await web.t.ds.query(
      `UPDATE proposals SET triage_due_at = now() - interval '1 day' WHERE id = $1`,
      [late.id],
    );
    const rejected = await raise('Return everything by courier');
    const lead = await pageAs('lead@demo.local', 375);

    await lead.goto('/proposals?overdue=true');
    await lead.getByRole('heading', { level: 1, name: 'Proposals' }).waitFor();
    const lateCard = lead.getByRole('listitem').filter({ hasText: late.number });
    await expectText(lateCard, /Overdue/);
    await expectCount(lead.getByRole('link', { name: new RegExp(rejected.number) }), 0);
    expect(await lead.getByLabel('Only those past their triage date').isChecked()).toBe(true);
    // the filters live in the address: the box follows once the router has navigated
    await lead.getByLabel('Only those past their triage date').click();
    await lead.getByRole('link', { name: new RegExp(rejected.number) }).waitFor();
    await lead.getByLabel('Kind').selectOption('error');
    await lead.getByText('No proposal matches these filters.').waitFor();
    await screenshot(lead, 'proposals-empty');
    await lead.getByRole('button', { name: 'Clear the filters' }).click();
    await lead.getByRole('link', { name: new RegExp(late.number) }).waitFor();
    expect(await seriousA11yViolations(lead)).toEqual([]);
    await screenshot(lead, 'proposals');

    await lead.goto(`/proposals/${rejected.id}`);
    await lead.getByLabel('Assign to').selectOption({ label: 'Quinn Quality' });
    await lead.getByRole('button', { name: 'Reassign' }).click();
    await expectText(lead.getByRole('status').filter({ hasText: 'Assigned' }), /Quinn Quality/);
    await lead.getByRole('button', { name: 'Under review', exact: true }).click();
    await lead.getByRole('button', { name: 'Reject', exact: true }).click();
    const dialog = lead.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Couriers cost more than the parcels are worth.');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await expectCount(lead.getByRole('dialog'), 0);
    await expectText(lead.getByRole('main'), /Couriers cost more/);
    await expectText(lead.getByRole('status').filter({ hasText: 'Moved' }), /Moved to Rejected/);
    await expectFocused(lead.getByRole('heading', { name: 'Next step' }));
    await lead.getByRole('button', { name: 'Close', exact: true }).waitFor();
    expect(await seriousA11yViolations(lead)).toEqual([]);
    await screenshot(lead, 'proposal');
    const width = await lead.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    expect(pageErrors(lead)).toEqual([]);
  });
});
