/// <reference lib="dom" />
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { api, login } from '../helpers/app';
import { Receiver, until } from '../helpers/receiver';
import { OutboxDispatcherService } from '../../src/notifications/outbox-dispatcher.service';
import { WebhookDeliveryService } from '../../src/notifications/webhook-delivery.service';
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

const NEW_PASSWORD = 'a fresh passphrase for Quinn';

/** Administration (admin only) and the account page (everyone). */
describe('web app: administration and account', () => {
  let web: WebApp;
  let browser: Browser;
  let rx: Receiver;

  beforeAll(async () => {
    [web, browser, rx] = await Promise.all([startWebApp(), launchBrowser(), Receiver.start()]);
  });
  afterAll(async () => {
    await rx?.close();
    await browser?.close();
    await web?.close();
  });

  async function adminPage(width = 1280): Promise<Page> {
    const { page } = await newPage(browser, web.baseUrl, width);
    await signIn(page, 'admin@demo.local');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administration' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('table').first().waitFor();
    return page;
  }

  it('admin creates a staff user in Customer Service who signs in and sees their reading; deactivating them ends their session', async () => {
    const admin = await adminPage();
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin');

    await admin.getByRole('button', { name: 'Create user' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Create user' });
    await dialog.getByLabel('Name', { exact: true }).fill('Casey Newcomer');
    await dialog.getByLabel('Email').fill('casey@demo.local');
    await dialog.getByLabel('Initial password').fill(DEMO_PASSWORD + '-casey');
    expect(await dialog.getByRole('checkbox', { name: 'Staff' }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: /Customer Service/ }).check();
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-create-user');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expectCount(admin.getByRole('dialog'), 0);
    const row = admin.getByRole('row').filter({ hasText: 'casey@demo.local' });
    await expectText(row, /Casey Newcomer.*Staff.*Customer Service.*Active/);

    // a second browser: Casey signs in and finds the procedures Customer Service must read
    const { page: casey } = await newPage(browser, web.baseUrl);
    await signIn(casey, 'casey@demo.local', DEMO_PASSWORD + '-casey');
    await casey
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My reading' })
      .click();
    await casey.getByRole('heading', { level: 1, name: 'My reading' }).waitFor();
    await casey.getByRole('main').getByRole('link', { name: 'Returns handling' }).waitFor();

    await admin.getByRole('button', { name: 'Deactivate Casey Newcomer' }).click();
    await admin
      .getByRole('dialog', { name: /Deactivate Casey/ })
      .getByRole('button', { name: 'Deactivate user' })
      .click();
    await expectText(row, /Deactivated/);
    await row.getByRole('button', { name: 'Reactivate Casey Newcomer' }).waitFor();

    // Casey's open session has ended: the next page they open sends them to Sign in
    await casey
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Documents' })
      .click();
    await casey.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(pageErrors(admin)).toEqual([]);
  });

  it('admin creates an API key and sees it once, with a copy button; the key works until revoked', async () => {
    const page = await adminPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key name').fill('nightly export');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const field = dialog.getByLabel('New API key');
    await field.waitFor();
    const key = await field.inputValue();
    expect(key.length).toBeGreaterThan(20);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await dialog.getByRole('button', { name: 'Copy key' }).click();
    await expectText(dialog.getByRole('status'), /Copied|selected/);
    const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (copied !== null) expect(copied).toBe(key);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-api-key-once');

    const me = () => request(web.t.http).get(api('/auth/me')).set('X-API-Key', key);
    expect((await me()).status).toBe(200);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expectCount(page.getByRole('dialog'), 0);
    const row = page.getByRole('row').filter({ hasText: 'nightly export' });
    await expectText(row, /Active/);
    // shown once: the key is nowhere on the page any more, and not after a reload either
    expect(await page.content()).not.toContain(key);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(key);

    await row.getByRole('button', { name: 'Revoke nightly export' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await expectText(row, /Revoked/);
    expect((await me()).status).toBe(401);
  });

  it('without a clipboard, Copy key selects the key in its readonly field instead', async () => {
    const { page } = await newPage(browser, web.baseUrl);
    await page.addInitScript(() =>
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }),
    );
    await signIn(page, 'admin@demo.local');
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key name').fill('fallback');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const field = dialog.getByLabel('New API key');
    await field.waitFor();
    await dialog.getByRole('button', { name: 'Copy key' }).click();
    await expectText(dialog.getByRole('status'), /selected: press Ctrl\+C/);
    const selected = await field.evaluate((el) => {
      const input = el as HTMLInputElement;
      return document.activeElement === input
        ? input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0)
        : null;
    });
    expect(selected).toBe(await field.inputValue());
    await dialog.getByRole('button', { name: 'Done' }).click();
    // the account page lists the person's own keys only, even for an administrator
    await page.getByRole('row').filter({ hasText: 'fallback' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Owner' }).count()).toBe(0);
  });

  it('admin creates a department and a webhook, and sees its recent deliveries with their status', async () => {
    const page = await adminPage();
    await page.getByLabel('Code').fill('LAB');
    await page.getByLabel('Department name').fill('Laboratory');
    await page.getByRole('button', { name: 'Create department' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'LAB' }), /created/);
    await page.getByRole('listitem').filter({ hasText: 'Laboratory' }).waitFor();

    await page.getByRole('button', { name: 'Create webhook' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill(rx.url('/hook'));
    await dialog.getByLabel('Events').fill('department.created, user.created');
    await dialog.getByLabel('Secret').fill('shared-secret');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expectCount(page.getByRole('dialog'), 0);
    const hook = page.getByRole('listitem').filter({ hasText: rx.url('/hook') });
    await expectText(hook, /department\.created, user\.created/);

    // an event after the webhook exists, delivered now rather than on the schedule
    const token = await login(web.t, 'admin@demo.local', DEMO_PASSWORD);
    await request(web.t.http)
      .post(api('/departments'))
      .set('Authorization', `Bearer ${token}`)
      .send({ code: 'ENG', name: 'Engineering' })
      .expect(201);
    await web.t.app.get(OutboxDispatcherService).dispatch();
    await web.t.app.get(WebhookDeliveryService).deliverDue();
    const hooks = await request(web.t.http)
      .get(api('/webhooks'))
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const hookId = (hooks.body.items as { id: string; url: string }[]).find(
      (h) => h.url === rx.url('/hook'),
    )!.id;
    await until('the delivery is recorded as delivered', async () => {
      const res = await request(web.t.http)
        .get(api(`/webhooks/${hookId}/deliveries`))
        .set('Authorization', `Bearer ${token}`);
      return (res.body.items as { status: string }[])[0]?.status === 'delivered';
    });
    expect(rx.on('/hook').length).toBeGreaterThan(0);

    await hook.getByRole('button', { name: 'Recent deliveries' }).click();
    const deliveries = hook.getByRole('table');
    await expectText(deliveries, /department\.created\s*Delivered\s*1\s*HTTP 200/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await hook.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-webhook-deliveries');
  });

  it('staff see no Administration link, and /admin says it is not for them', async () => {
    const { page } = await newPage(browser, web.baseUrl);
    await signIn(page, 'staff@demo.local');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'My reading' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await expectText(page.getByRole('main'), /not for your role/);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-not-allowed');
  });

  it('the account page changes the password: every session ends and only the new password signs in', async () => {
    const token = await login(web.t, 'admin@demo.local', DEMO_PASSWORD);
    await request(web.t.http)
      .post(api('/users'))
      .set('Authorization', `Bearer ${token}`)
      .send({
        email: 'quinn@demo.local',
        name: 'Quinn Reader',
        password: DEMO_PASSWORD,
        roles: ['staff'],
      })
      .expect(201);

    const { page } = await newPage(browser, web.baseUrl);
    await signIn(page, 'quinn@demo.local');
    await page.getByRole('link', { name: /Quinn Reader/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await page.getByRole('heading', { name: 'My API keys' }).waitFor();
    await page.getByText('No API keys yet').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'account');

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectText(page.getByRole('alert'), /current password is not correct/i);

    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectText(page.getByRole('status'), /password is changed.*every session/i);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'account-password-changed');

    await page.getByLabel('Email').fill('quinn@demo.local');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), /not correct/i);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('Sign out everywhere ends the session and says so on Sign in', async () => {
    const { page } = await newPage(browser, web.baseUrl);
    await signIn(page, 'auditor@demo.local');
    await page.getByRole('link', { name: /Alex Auditor/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectText(page.getByRole('status'), /signed out everywhere/i);
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  it('a section that cannot load says so in a sentence, with Try again, while the others work', async () => {
    const { page } = await newPage(browser, web.baseUrl);
    await page.route(/\/api\/v1\/webhooks\?/, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          title: 'Service Unavailable',
          status: 503,
          detail: 'The database is not answering',
        }),
      }),
    );
    await signIn(page, 'admin@demo.local');
    await page.goto('/admin#webhooks');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    const webhooks = page.getByRole('region', { name: 'Webhooks' });
    await expectText(webhooks.getByRole('alert'), /The database is not answering/);
    await webhooks.getByRole('button', { name: 'Try again' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'staff@demo.local' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await webhooks.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-webhooks-error');
  });

  it('lays out Administration and Account at 375 px', async () => {
    const page = await adminPage(375);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin');
    await page.locator('#api-keys').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-api-keys');
    await page.getByRole('link', { name: /your account/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'account');
  });
});
