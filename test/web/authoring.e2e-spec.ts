/// <reference lib="dom" />
import request from 'supertest';
import { Browser, Locator, Page } from 'playwright-core';
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

/** A body with every section of the SOP template but the last one. */
const BODY_WITHOUT_HISTORY = [
  '# Cash handling',
  '## Purpose',
  'Count the till twice.',
  '## Scope',
  'All shops.',
  '## Responsibilities',
  'The shift lead.',
  '## Definitions',
  'None.',
  '## Procedure',
  '1. Count.',
  '2. Record.',
  '## Records',
  'The till sheet.',
  '## References',
  'None.',
].join('\n');

/** Authoring: a quality lead writes a procedure; it is approved in the browser and takes effect. */
describe('web app: authoring (quality lead)', () => {
  let web: WebApp;
  let browser: Browser;
  let leadToken: string;
  const auth = () => ({ Authorization: `Bearer ${leadToken}` });

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    leadToken = await login(web.t, 'lead@demo.local', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function leadPage(width = 1280): Promise<Page> {
    const { page } = await newPage(browser, web.baseUrl, width);
    await signIn(page, 'lead@demo.local');
    return page;
  }

  const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Procedure text' });

  /** Replaces the editor's text by typing (select all, then the new text). */
  async function replaceText(page: Page, editor: Locator, text: string) {
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(text);
  }

  /** A document with a draft (through the API), for the tests that start at the editor. */
  async function draftDocument(title: string): Promise<{ docId: string; revisionId: string }> {
    const res = await request(web.t.http)
      .post(api('/documents'))
      .set(auth())
      .send({ title, type: 'sop', templateKey: 'sop' })
      .expect(201);
    return { docId: res.body.id as string, revisionId: res.body.draftRevisionId as string };
  }

  it('creates from the SOP template, fills it, sees the checklist and the impact, submits; the approver signs; it is effective', async () => {
    const page = await leadPage();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Documents' })
      .click();
    await page.getByRole('link', { name: 'New document' }).click();
    await page.getByRole('heading', { level: 1, name: 'New document' }).waitFor();
    await page
      .getByLabel('Template')
      .locator('option', { hasText: 'Standard operating procedure' })
      .waitFor({ state: 'attached' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'new-document');

    await page.getByLabel('Title').fill('Cash handling');
    await page.getByLabel('Type').selectOption({ label: 'Standard operating procedure' });
    await page.getByLabel('Department').selectOption({ label: 'Customer Service (CS)' });
    await page.getByLabel('Template').selectOption({ label: 'Standard operating procedure' });
    await page.getByRole('button', { name: 'Create draft' }).click();

    await page.getByRole('heading', { level: 1, name: 'Edit: Cash handling' }).waitFor();
    await expectText(
      page.getByRole('status').filter({ hasText: 'Created' }),
      /Created SOP-CS-\d{4}/,
    );
    const checklist = page.getByRole('region', { name: /Required sections/ });
    await expectText(checklist, /8 of 8/); // the template has every section
    const editor = editorOf(page);
    await replaceText(page, editor, BODY_WITHOUT_HISTORY);
    await expectText(checklist, /7 of 8/);
    await expectText(
      checklist.getByRole('listitem').filter({ hasText: 'Revision history' }),
      /missing/,
    );
    await expectText(page.getByRole('region', { name: 'Preview' }), /Count the till twice/);
    await page.getByLabel('Change summary').fill('First issue');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expectText(page.locator('.save-state'), /Saved at/);
    await expectText(
      page.getByRole('region', { name: 'Who will have to read it' }),
      /0 people will have to read this/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'edit-revision');

    // Who must read it: Customer Service (Avery Approver and Sam Staff).
    await page.getByRole('link', { name: 'Back to the document' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cash handling', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Training requirement' }).click();
    const req = page.getByRole('dialog', { name: 'Training requirement' });
    await req.getByRole('checkbox', { name: 'Customer Service' }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'training-requirement');
    await req.getByRole('button', { name: 'Save requirement' }).click();
    await expectCount(page.getByRole('dialog'), 0);
    await page.getByRole('link', { name: 'Edit draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit: Cash handling' }).waitFor();
    await expectText(
      page.getByRole('region', { name: 'Who will have to read it' }),
      /2 people will have to read this/,
    );
    await expectText(
      page.getByRole('region', { name: 'Who will have to read it' }),
      /Customer Service: 2/,
    );

    // Submitting without the last section: the service's 422 names it beside the editor.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    let dialog = page.getByRole('dialog', { name: 'Submit for review' });
    await dialog
      .getByLabel('Approvers')
      .selectOption({ label: 'Avery Approver (approver@demo.local)' });
    expect(
      await dialog.getByLabel('Approvers').locator('option', { hasText: 'Quinn Quality' }).count(),
    ).toBe(0);
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await expectText(dialog.getByRole('alert'), /Revision history/);
    await page.keyboard.press('Escape');
    await expectText(checklist.getByRole('alert'), /Revision history/);

    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n## Revision history\nSee Praxis.');
    await expectText(checklist, /8 of 8/);
    await expectCount(checklist.getByRole('alert'), 0);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    dialog = page.getByRole('dialog', { name: 'Submit for review' });
    await dialog
      .getByLabel('Approvers')
      .selectOption({ label: 'Avery Approver (approver@demo.local)' });
    await dialog.getByRole('button', { name: 'Submit' }).click(); // saves the edit, then submits
    await page.getByRole('heading', { level: 1, name: 'Cash handling', exact: true }).waitFor();
    await expectText(
      page.getByRole('status').filter({ hasText: 'Submitted' }),
      /Submitted for review/,
    );
    await expectText(page.locator('.lead-actions'), /in review/);

    // The approver signs it in their own browser.
    const { page: approver } = await newPage(browser, web.baseUrl);
    await signIn(approver, 'approver@demo.local');
    await approver.goto('/signing');
    await approver
      .getByRole('main')
      .getByRole('link', { name: 'Cash handling', exact: true })
      .click();
    await approver.getByRole('heading', { level: 1, name: 'Review: Cash handling' }).waitFor();
    await approver.getByRole('button', { name: 'Approve' }).click();
    const sign = approver.getByRole('dialog');
    await sign.getByLabel('Password').fill(DEMO_PASSWORD);
    await sign.getByRole('button', { name: 'Sign' }).click();
    await expectText(
      approver.getByRole('status').filter({ hasText: 'Approved' }),
      /signature is recorded/,
    );

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cash handling', exact: true }).waitFor();
    await expectText(page.locator('.facts'), /Revision\s*1\.0/);
    await expectText(page.locator('.procedure'), /Count the till twice/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'document-lead');
    // The news was shown once: a reload does not repeat it.
    expect(await page.getByRole('status').filter({ hasText: 'Submitted' }).count()).toBe(0);

    // Effective, no open draft: the lead starts the next revision, and lands in its editor.
    await page.getByRole('button', { name: 'Start a new revision' }).click();
    const start = page.getByRole('dialog', { name: 'Start a new revision' });
    await start.getByLabel('Change summary').fill('Count three times');
    await start.getByRole('button', { name: 'Start revision' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit: Cash handling' }).waitFor();
    await expectText(editorOf(page), /Count the till twice/);
    // Minor by default: the two readers of 1.0 have not read it, so both are still asked.
    await expectText(
      page.getByRole('region', { name: 'Who will have to read it' }),
      /2 people will have to read this/,
    );
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(approver)).toEqual([]);
  });

  it('two tabs on one draft: the second save gets the conflict dialog and loses nothing', async () => {
    const { revisionId } = await draftDocument('Till float');
    const a = await leadPage();
    const b = await a.context().newPage();
    for (const p of [a, b]) {
      await p.goto(`/revisions/${revisionId}/edit`);
      await p.getByRole('heading', { level: 1, name: 'Edit: Till float' }).waitFor();
    }
    await replaceText(a, editorOf(a), '# Till float\n\nText from tab A.');
    await a.getByRole('button', { name: 'Save draft' }).click();
    await expectText(a.locator('.save-state'), /Saved at/);

    await replaceText(b, editorOf(b), '# Till float\n\nText from tab B.');
    await b.getByRole('button', { name: 'Save draft' }).click();
    const dialog = b.getByRole('dialog', { name: 'Someone else saved this draft first' });
    await expectText(
      dialog.getByRole('region', { name: 'Their version (saved)' }),
      /Text from tab A/,
    );
    await expectText(
      dialog.getByRole('region', { name: 'Your version (not saved)' }),
      /Text from tab B/,
    );
    expect(await seriousA11yViolations(b)).toEqual([]);
    await screenshot(b, 'edit-conflict');

    // Deciding later keeps B's text in the editor, unsaved.
    await dialog.getByRole('button', { name: 'Decide later' }).click();
    await expectText(editorOf(b), /Text from tab B/);
    await expectText(b.locator('.save-state'), /Unsaved changes/);
    // Saving again: the dialog again; keep mine overwrites A's version.
    await b.getByRole('button', { name: 'Save draft' }).click();
    await dialog.getByRole('button', { name: 'Keep mine and overwrite' }).click();
    await expectCount(b.getByRole('dialog'), 0);
    await expectText(b.locator('.save-state'), /Saved at/);
    const saved = await request(web.t.http)
      .get(api(`/revisions/${revisionId}`))
      .set(auth())
      .expect(200);
    expect(saved.body.body).toContain('Text from tab B.');

    // Unsaved edits survive a reload and are offered back; closing the tab warns.
    await replaceText(a, editorOf(a), '# Till float\n\nNot saved yet.');
    await a.waitForFunction(() =>
      Object.keys(localStorage).some((k) => k.startsWith('praxis:draft:')),
    );
    await a.reload();
    await a.getByRole('button', { name: 'Restore my unsaved changes' }).click();
    await expectText(editorOf(a), /Not saved yet/);
    // Restored edits were made on A's version: saving them meets B's save, in the dialog.
    await a.getByRole('button', { name: 'Save draft' }).click();
    await expectText(
      a.getByRole('dialog').getByRole('region', { name: 'Their version (saved)' }),
      /Text from tab B/,
    );
    await a.getByRole('button', { name: 'Decide later' }).click();
    let warned = '';
    a.on('dialog', (d) => {
      warned = d.type();
      void d.dismiss();
    });
    await a.close({ runBeforeUnload: true });
    const deadline = Date.now() + 5000;
    while (!warned && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(warned).toBe('beforeunload');
    expect(pageErrors(b)).toEqual([]);
  });

  it('the editor form works by keyboard alone', async () => {
    const { revisionId } = await draftDocument('Keyboard procedure');
    const page = await leadPage();
    await page.goto(`/revisions/${revisionId}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Edit: Keyboard procedure' }).waitFor();
    const editor = editorOf(page);
    await tabUntilFocused(page, editor);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nTyped by keyboard.');
    // Tab leaves the editor (no tab trapping) for the next fields.
    await page.keyboard.press('Tab');
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(false);
    const summary = page.getByLabel('Change summary');
    await tabUntilFocused(page, summary);
    await page.keyboard.type('Keyboard edit');
    await tabUntilFocused(page, page.getByLabel('Change level'));
    await page.keyboard.press('ArrowDown');
    const save = page.getByRole('button', { name: 'Save draft' });
    await tabUntilFocused(page, save);
    await page.keyboard.press('Enter');
    await expectText(page.locator('.save-state'), /Saved at/);
    const rev = await request(web.t.http)
      .get(api(`/revisions/${revisionId}`))
      .set(auth())
      .expect(200);
    expect(rev.body.body).toContain('Typed by keyboard.');
    expect(rev.body.changeSummary).toBe('Keyboard edit');
    expect(rev.body.changeLevel).toBe('minor');

    // The submit dialog opens from the keyboard, and Escape returns focus to its button.
    const submit = page.getByRole('button', { name: 'Submit for review' });
    await tabUntilFocused(page, submit);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Submit for review' }).getByLabel('Approvers').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'submit-dialog');
    await page.keyboard.press('Escape');
    await expectFocused(submit);
  });

  it('at 375 px: the new-document form, the editor and the document page; staff are told it is not for them', async () => {
    const { docId, revisionId } = await draftDocument('Phone procedure');
    const page = await leadPage(375);
    await page.goto('/documents/new');
    await page.getByRole('heading', { level: 1, name: 'New document' }).waitFor();
    await page
      .getByLabel('Template')
      .locator('option', { hasText: 'Standard operating procedure' })
      .waitFor({ state: 'attached' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'new-document');
    await page.goto(`/revisions/${revisionId}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Edit: Phone procedure' }).waitFor();
    await expectText(page.getByRole('region', { name: /Required sections/ }), /8 of 8/);
    await expectText(
      page.getByRole('region', { name: 'Who will have to read it' }),
      /people will have to read this/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'edit-revision');
    await page.goto(`/documents/${docId}`);
    await page.getByRole('link', { name: 'Edit draft' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'document-lead');
    await page.getByRole('button', { name: 'Retire' }).click();
    const retire = page.getByRole('dialog', { name: 'Retire this document' });
    await retire.getByLabel('Reason').fill('Replaced');
    await retire.getByLabel('Password').fill('wrong-password');
    await retire.getByRole('button', { name: 'Retire document' }).click();
    await expectText(retire.getByRole('alert'), /password/i);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'retire-dialog');

    const { page: staff } = await newPage(browser, web.baseUrl, 375);
    await signIn(staff, 'staff@demo.local');
    await staff.goto('/documents/new');
    await staff.getByRole('heading', { level: 1, name: 'New document' }).waitFor();
    await expectText(staff.getByRole('status'), /not for your role/);
    await staff.goto('/documents');
    await staff.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    expect(await staff.getByRole('link', { name: 'New document' }).count()).toBe(0);
  });
});
