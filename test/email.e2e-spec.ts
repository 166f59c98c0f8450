import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { EmailDeliveryService } from '../src/notifications/email-delivery.service';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxDispatcherService } from '../src/notifications/outbox-dispatcher.service';
import { api, createTestApp, TestApp } from './helpers/app';
import { docs } from './helpers/documents';
import { adminToken, createDepartment, createUser, TestUser } from './helpers/factories';

const PUBLIC_URL = 'https://praxis.example.com';

interface Mail {
  envelopeTo: string[];
  headers: Record<string, string>;
  text: string;
}

/** Enough of RFC 5322/2045 for what nodemailer writes: unfolded headers, 7bit, quoted-printable or base64 text. */
function parseMail(raw: string): Omit<Mail, 'envelopeTo'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding'];
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

/** A real SMTP server on 127.0.0.1 that keeps what it is sent; `refuseNext` answers 451 once. */
async function startSmtp() {
  const mails: Mail[] = [];
  let refuseNext = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuseNext > 0) {
          refuseNext--;
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        const envelopeTo = session.envelope.rcptTo.map((a) => a.address);
        mails.push({ envelopeTo, ...parseMail(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    mails,
    port: (server.server.address() as AddressInfo).port,
    refuse: (n: number) => (refuseNext = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('e-mail notifications over SMTP (e2e)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let author: TestUser;
  let approver: TestUser;
  const worker = () => t.app.get(EmailDeliveryService);
  const jobs = () =>
    t.ds.query<{ status: string; attempts: number; last_error: string | null; user_id: string }[]>(
      `SELECT e.status, e.attempts, e.last_error, n.user_id FROM email_deliveries e
         JOIN notifications n ON n.id = e.notification_id ORDER BY e.created_at, e.id`,
    );

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      smtpFrom: 'Praxis QA <qa@praxis.example.com>',
      publicUrl: PUBLIC_URL,
    });
    worker().stopSchedule(); // the test drives the worker itself
    t.app.get(OutboxDispatcherService).stopSchedule(); // and the dispatcher
    author = await createUser(t, { roles: ['quality_lead'], name: 'Quinn Lead' });
    approver = await createUser(t, { roles: ['approver'], name: 'Ann Approver' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('e-mails a signer asked to approve: right recipient, plain subject, a link back to the revision', async () => {
    const d = docs(t);
    const doc = await d.create(author, { title: 'Cleaning of line 3' });
    await d.submit(author, doc.draftRevisionId!, { approverIds: [approver.id] }).expect(200);
    expect(await jobs()).toEqual([
      { status: 'pending', attempts: 0, last_error: null, user_id: approver.id },
    ]);
    expect(smtp.mails).toHaveLength(0); // queued with the change, sent by the worker

    await worker().deliverDue();
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.envelopeTo).toEqual([approver.email]);
    expect(mail.headers.to).toBe(`Ann Approver <${approver.email}>`);
    expect(mail.headers.from).toBe('Praxis QA <qa@praxis.example.com>');
    expect(mail.headers.subject).toBe(`${doc.number} awaits your approval`);
    expect(mail.headers['content-type']).toMatch(/^text\/plain/);
    expect(mail.text).toContain('Hello Ann Approver,');
    expect(mail.text).toContain(`${doc.number} "Cleaning of line 3" awaits your approval.`);
    expect(mail.text).toContain(`${PUBLIC_URL}/revisions/${doc.draftRevisionId}/review\n`);
    expect(await jobs()).toEqual([
      { status: 'delivered', attempts: 1, last_error: null, user_id: approver.id },
    ]);

    // The in-app notification is there too, and the e-mail is not sent twice.
    const inApp = await request(t.http)
      .get(api('/me/notifications'))
      .set('Authorization', `Bearer ${approver.token}`)
      .expect(200);
    expect(inApp.body.items.map((n: { type: string }) => n.type)).toEqual([
      'revision.approval_requested',
    ]);
    await worker().deliverDue();
    expect(smtp.mails).toHaveLength(1);
  });

  it('e-mails each new assignee of a fan-out once the dispatcher has written the notifications', async () => {
    const d = docs(t);
    const dept = await createDepartment(t);
    const reader = await createUser(t, { departmentIds: [dept.id], name: 'Rae Reader' });
    const doc = await d.publish(author, approver, { title: 'Line clearance' });
    await request(t.http)
      .put(api(`/documents/${doc.id}/training-requirement`))
      .set('Authorization', `Bearer ${author.token}`)
      .send({
        departmentIds: [dept.id],
        roles: [],
        userIds: [],
        dueInDays: 7,
        retrainOnMinor: false,
      })
      .expect(200);
    const mine = async () => (await jobs()).filter((j) => j.user_id === reader.id);
    expect(await mine()).toEqual([]); // written after the fan-out commits, by the dispatcher

    await t.app.get(OutboxDispatcherService).dispatch();
    expect(await mine()).toEqual([
      { status: 'pending', attempts: 0, last_error: null, user_id: reader.id },
    ]);
    await worker().deliverDue();
    const sent = smtp.mails.filter((m) => m.envelopeTo.includes(reader.email));
    expect(sent).toHaveLength(1);
    expect(sent[0].headers.subject).toContain(doc.number);
    expect(sent[0].headers.subject).toContain('is yours to read and acknowledge');
    expect(sent[0].text).toContain('Hello Rae Reader,');
  });

  it('retries after a temporary SMTP failure, once due', async () => {
    smtp.refuse(1);
    const before = smtp.mails.length;
    await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, [approver.id], 'proposal.commented', {}),
    );
    await worker().deliverDue();
    expect(smtp.mails).toHaveLength(before);
    const failed = (await jobs()).at(-1)!;
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/451/);

    await worker().deliverDue(); // backing off: not due yet
    expect(smtp.mails).toHaveLength(before);
    await t.ds.query(
      `UPDATE email_deliveries SET next_attempt_at = now() - interval '1 second' WHERE status = 'pending'`,
    );
    await worker().deliverDue();
    expect(smtp.mails).toHaveLength(before + 1);
    expect(smtp.mails.at(-1)!.headers.subject).toBe('Praxis: proposal.commented');
    expect((await jobs()).at(-1)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('does not e-mail someone deactivated before the e-mail went out', async () => {
    const leaver = await createUser(t, { roles: ['staff'] });
    await t.ds.transaction((em) =>
      t.app.get(NotificationsService).notify(em, [leaver.id], 'proposal.commented', {}),
    );
    await request(t.http)
      .patch(api(`/users/${leaver.id}`))
      .set('Authorization', `Bearer ${await adminToken(t)}`)
      .send({ active: false })
      .expect(200);
    const before = smtp.mails.length;
    await worker().deliverDue();
    expect(smtp.mails).toHaveLength(before);
    expect((await jobs()).at(-1)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'the recipient is not active',
      user_id: leaver.id,
    });
  });
});

describe('without SMTP_URL (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps in-app notifications and queues no e-mail', async () => {
    const author = await createUser(t, { roles: ['quality_lead'] });
    const approver = await createUser(t, { roles: ['approver'] });
    const d = docs(t);
    const doc = await d.create(author);
    await d.submit(author, doc.draftRevisionId!, { approverIds: [approver.id] }).expect(200);
    const [{ notifications, emails }] = await t.ds.query<
      { notifications: number; emails: number }[]
    >(
      `SELECT (SELECT count(*) FROM notifications)::int AS notifications,
              (SELECT count(*) FROM email_deliveries)::int AS emails`,
    );
    expect({ notifications, emails }).toEqual({ notifications: 1, emails: 0 });
    await t.app.get(EmailDeliveryService).deliverDue(); // a no-op, not an error
  });
});
