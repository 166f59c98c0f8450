import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, PROBLEM } from './helpers/documents';
import { createUser, TestUser, usersByRole } from './helpers/factories';
import { proposals } from './helpers/proposals';
import { until } from './helpers/receiver';
import { training } from './helpers/training';

interface QueueItem {
  revisionId: string;
  meaning: string;
  [k: string]: unknown;
}

describe('the caller’s own views: signing queue, Home summary, assignments (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let tr: ReturnType<typeof training>;
  const get = (user: TestUser, path: string) => request(t.http).get(api(path)).set(auth(user));
  const queue = async (user: TestUser, query = '') =>
    (await get(user, `/me/signing-queue${query}`).expect(200)).body as {
      items: QueueItem[];
      nextCursor: string | null;
    };
  const summary = async (user: TestUser) =>
    (await get(user, '/me/summary').expect(200)).body as Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    tr = training(t);
  });
  afterAll(() => t.close());

  it('lists what waits for my signature, oldest submitted first, until I have signed it', async () => {
    const rev = await createUser(t, { roles: ['approver'] });
    const appr = await createUser(t, { roles: ['approver'] });
    const author = await createUser(t, { roles: ['quality_lead'], name: 'Lena Lead' });
    const first = await d.create(author, { title: 'First in the queue' });
    const second = await d.create(author, { title: 'Second in the queue' });
    const elsewhere = await d.create(author, { title: 'Not mine' });
    await d
      .submit(author, first.draftRevisionId!, {
        reviewerIds: [rev.id],
        approverIds: [appr.id],
        effectiveFrom: '2999-01-01',
      })
      .expect(200);
    // Submitted a minute earlier: the order cannot hang on two submissions in one millisecond.
    await t.ds.query(
      `UPDATE revisions SET submitted_at = submitted_at - interval '1 minute' WHERE id = $1`,
      [first.draftRevisionId],
    );
    await d.submit(author, second.draftRevisionId!, { approverIds: [appr.id] }).expect(200);
    await d
      .submit(author, elsewhere.draftRevisionId!, { approverIds: [u.approver.id] })
      .expect(200);

    const mine = await queue(appr);
    expect(mine.nextCursor).toBeNull();
    expect(mine.items.map((i) => i.revisionId)).toEqual([
      first.draftRevisionId,
      second.draftRevisionId,
    ]);
    const submitted = (await d.getRev(u.auditor, first.draftRevisionId!).expect(200)).body;
    expect(mine.items[0]).toEqual({
      revisionId: first.draftRevisionId,
      documentId: first.id,
      documentNumber: first.number,
      title: 'First in the queue',
      changeLevel: 'major',
      changeSummary: 'First version',
      authorId: author.id,
      authorName: 'Lena Lead',
      submittedAt: submitted.submittedAt,
      effectiveFrom: '2999-01-01T00:00:00.000Z',
      meaning: 'approved',
    });
    expect((await queue(rev)).items).toEqual([
      expect.objectContaining({ revisionId: first.draftRevisionId, meaning: 'reviewed' }),
    ]);

    // Pages of one, in the same order, then nothing more.
    const page1 = await queue(appr, '?limit=1');
    expect(page1.items.map((i) => i.revisionId)).toEqual([first.draftRevisionId]);
    const page2 = await queue(appr, `?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.revisionId)).toEqual([second.draftRevisionId]);
    expect(page2.nextCursor).toBeNull();
    await get(appr, '/me/signing-queue?cursor=nonsense').expect(400);
    await get(appr, '/me/signing-queue?limit=0').expect(400);

    await d.sign(rev, first.draftRevisionId!, 'reviewed').expect(201);
    expect((await queue(rev)).items).toEqual([]);
    await d.sign(appr, second.draftRevisionId!, 'approved').expect(201);
    expect((await queue(appr)).items.map((i) => i.revisionId)).toEqual([first.draftRevisionId]);
    expect((await summary(appr)).signing).toBe(1);
  });

  it('asks a reviewer who is also an approver to review first, then to approve', async () => {
    const both = await createUser(t, { roles: ['approver'] });
    const doc = await d.create(u.quality_lead, { title: 'Both hats' });
    const revId = doc.draftRevisionId!;
    await d
      .submit(u.quality_lead, revId, { reviewerIds: [both.id], approverIds: [both.id] })
      .expect(200);
    expect((await queue(both)).items).toEqual([
      expect.objectContaining({ revisionId: revId, meaning: 'reviewed' }),
    ]);
    await d.sign(both, revId, 'reviewed').expect(201);
    expect((await queue(both)).items).toEqual([
      expect.objectContaining({ revisionId: revId, meaning: 'approved' }),
    ]);
    // Rejected and resubmitted: a new round asks again.
    await d.sign(both, revId, 'rejected', { comment: 'One more change' }).expect(201);
    expect((await queue(both)).items).toEqual([]);
    await d.submit(u.quality_lead, revId, { approverIds: [both.id] }).expect(200);
    expect((await queue(both)).items.map((i) => i.meaning)).toEqual(['approved']);
  });

  it('refuses the signing queue to staff and auditors, and every /me view without a token', async () => {
    for (const role of ['staff', 'auditor'] as const) {
      const res = await get(u[role], '/me/signing-queue');
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    for (const role of ['admin', 'quality_lead', 'approver'] as const)
      await get(u[role], '/me/signing-queue').expect(200);
    for (const path of ['/me/signing-queue', '/me/summary'])
      await request(t.http).get(api(path)).expect(401);
  });

  it('sums up the Home page: reading, signing, notifications, and triage and training for leads', async () => {
    const p = proposals(t);
    const reader = await createUser(t, { roles: ['staff'] });
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'To read' });
    const other = await d.publish(u.quality_lead, u.approver, { title: 'Also to read' });
    const leadBefore = await summary(u.quality_lead);

    expect(await summary(reader)).toEqual({
      reading: { pending: 0, overdue: 0 },
      signing: 0,
      notifications: { unread: 0 },
    });
    await tr.require(u.quality_lead, doc.id, { userIds: [reader.id] });
    await tr.require(u.quality_lead, other.id, { userIds: [reader.id] });
    await t.ds.query(
      `UPDATE training_assignments SET due_at = now() - interval '1 day'
        WHERE user_id = $1 AND revision_id = $2`,
      [reader.id, other.revId],
    );
    // Late but not yet marked by the job: the reader's list still says pending, the report says late.
    expect((await summary(reader)).reading).toEqual({ pending: 2, overdue: 0 });
    const late = await summary(u.quality_lead);
    expect(late.training).toEqual({
      overdueAssignments:
        (leadBefore.training as { overdueAssignments: number }).overdueAssignments + 1,
    });
    await tr.runOverdue();
    expect((await summary(reader)).reading).toEqual({ pending: 1, overdue: 1 });
    expect((await summary(u.quality_lead)).training).toEqual(late.training);

    const raised = await p.open(reader, {
      documentId: doc.id,
      kind: 'improvement',
      title: 'Shorter',
      description: 'It could be shorter.',
    });
    await p.open(reader, {
      documentId: doc.id,
      kind: 'improvement',
      title: 'Clearer',
      description: 'It could be clearer.',
    });
    await t.ds.query(
      `UPDATE proposals SET triage_due_at = now() - interval '1 day' WHERE id = $1`,
      [raised.id],
    );
    const before = leadBefore.triage as { proposalsToTriage: number; proposalsOverdue: number };
    const after = await summary(u.admin);
    expect(after.triage).toEqual({
      proposalsToTriage: before.proposalsToTriage + 2,
      proposalsOverdue: before.proposalsOverdue + 1,
    });
    const overdueList = await get(u.admin, '/proposals?overdue=true&limit=200').expect(200);
    expect(overdueList.body.items).toHaveLength(
      (after.triage as { proposalsOverdue: number }).proposalsOverdue,
    );

    // The dispatcher writes the two assignment notifications just after the fan-out commits.
    const unreadItems = async () =>
      (await get(reader, '/me/notifications?unread=true&limit=200').expect(200)).body.items as {
        type: string;
      }[];
    await until(
      'both assignment notifications',
      async () => (await unreadItems()).filter((n) => n.type === 'assignment.created').length === 2,
    );
    const unread = (await unreadItems()).length;
    const mine = await summary(reader);
    expect(mine).toEqual({
      reading: { pending: 1, overdue: 1 },
      signing: 0,
      notifications: { unread },
    });
    for (const role of ['approver', 'auditor', 'staff'] as const) {
      const s = await summary(u[role]);
      expect(Object.keys(s).sort()).toEqual(['notifications', 'reading', 'signing']);
    }
  });

  it('tells in GET /me/assignments whether acknowledging needs the password', async () => {
    const reader = await createUser(t, { roles: ['staff'] });
    const signed = await d.publish(u.quality_lead, u.approver, { title: 'Signed reading' });
    const plain = await d.publish(u.quality_lead, u.approver, { title: 'Plain reading' });
    await tr.require(u.quality_lead, signed.id, { userIds: [reader.id], requireSignature: true });
    await tr.require(u.quality_lead, plain.id, { userIds: [reader.id] });
    const items = (await tr.mine(reader).expect(200)).body.items as {
      documentId: string;
      requireSignature: boolean;
    }[];
    expect(Object.fromEntries(items.map((i) => [i.documentId, i.requireSignature]))).toEqual({
      [signed.id]: true,
      [plain.id]: false,
    });
  });

  it('filters GET /me/assignments to what is open and to one document', async () => {
    const reader = await createUser(t, { roles: ['staff'] });
    const read = await d.publish(u.quality_lead, u.approver, { title: 'Already read' });
    const open = await d.publish(u.quality_lead, u.approver, { title: 'Still to read' });
    await tr.require(u.quality_lead, read.id, { userIds: [reader.id] });
    await tr.require(u.quality_lead, open.id, { userIds: [reader.id] });
    await tr.ack(reader, read.revId).expect(201);
    const ids = async (query: string) =>
      ((await tr.mine(reader, query).expect(200)).body.items as { documentId: string }[]).map(
        (i) => i.documentId,
      );
    expect(await ids('?status=open')).toEqual([open.id]);
    expect(await ids(`?documentId=${read.id}`)).toEqual([read.id]);
    expect(await ids(`?documentId=${read.id.toUpperCase()}&status=open`)).toEqual([]);
    const bad = await tr.mine(reader, '?status=everything');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect((await tr.mine(reader, '?documentId=nope')).status).toBe(400);
  });
});
