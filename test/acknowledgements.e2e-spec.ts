import { Role } from '../src/common/roles';
import { AcknowledgementsService } from '../src/training/acknowledgements.service';
import { createTestApp, TestApp } from './helpers/app';
import { Doc, docs, sha256, sopBody } from './helpers/documents';
import { createDepartment, createUser, TestUser, usersByRole } from './helpers/factories';
import { proposals } from './helpers/proposals';
import { until, untilSomeoneWaitsForALock } from './helpers/receiver';
import { training } from './helpers/training';

describe('acknowledgements: read and understood (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let tr: ReturnType<typeof training>;
  let p: ReturnType<typeof proposals>;
  let dept: { id: string };
  let reader: TestUser;
  let doc: Doc & { revId: string };
  const body1 = sopBody('Version one.');

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    tr = training(t);
    p = proposals(t);
    dept = await createDepartment(t);
    reader = await createUser(t, { departmentIds: [dept.id] });
    doc = await d.publish(u.quality_lead, u.approver, { title: 'Acknowledged', body: body1 });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], dueInDays: 14 });
  });
  afterAll(() => t.close());

  it('records the acknowledgement once: 201, then 200 with the same record', async () => {
    const first = await tr.ack(reader, doc.revId, { comment: 'Clear.' }).expect(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      userId: reader.id,
      revisionId: doc.revId,
      documentId: doc.id,
      contentSha256: sha256(body1),
      meaning: 'read_and_understood',
      acknowledgedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      signed: false,
      practiceMatches: true,
      comment: 'Clear.',
      proposalId: null,
    });
    const again = await tr.ack(reader, doc.revId).expect(200);
    expect(again.body).toEqual(first.body);

    const [assignment] = (await tr.mine(reader, '?status=done').expect(200)).body.items;
    expect(assignment).toMatchObject({
      documentId: doc.id,
      documentNumber: doc.number,
      title: 'Acknowledged',
      revisionId: doc.revId,
      label: '1.0',
      status: 'done',
      acknowledgedAt: first.body.acknowledgedAt,
      changedSinceAcknowledged: null,
    });
    expect((await tr.mine(reader, '?status=pending').expect(200)).body.items).toEqual([]);

    const events = await d.audit(first.body.id, 'acknowledgement.recorded');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: reader.id, entityId: first.body.id });
    expect(events[0].data).toMatchObject({
      revisionId: doc.revId,
      contentSha256: sha256(body1),
      assignmentId: assignment.id,
      signed: false,
    });

    const list = await tr.acks(u.auditor, doc.revId).expect(200);
    expect(list.body).toEqual({
      items: [{ ...first.body, userName: reader.name }],
      nextCursor: null,
    });
    await tr.acks(u.staff, doc.revId).expect(403);
  });

  it('a voluntary read (no assignment) is recorded too; auditors may not acknowledge', async () => {
    const res = await tr.ack(u.approver, doc.revId).expect(201);
    expect(res.body.userId).toBe(u.approver.id);
    expect((await tr.statuses(doc.revId))[u.approver.id]).toBeUndefined();
    await tr.ack(u.auditor, doc.revId).expect(403);
    await tr.ack(u.staff, 'not-a-uuid').expect(400);
    const page = await tr.acks(u.quality_lead, doc.revId, '?limit=1').expect(200);
    expect(page.body.items).toHaveLength(1);
    const next = await tr.acks(u.quality_lead, doc.revId, `?cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((i: { userId: string }) => i.userId)).toEqual([u.approver.id]);
  });

  it('only the effective revision: 409 for superseded and drafts, 404 when not visible', async () => {
    const other = await d.publish(u.quality_lead, u.approver, { title: 'Moving on' });
    const rev2 = await d.revise(u.quality_lead, u.approver, other.id, sopBody('v2'), 'major');
    await tr.ack(u.quality_lead, other.revId).expect(409);
    const draft = (
      await d.newRevision(u.quality_lead, other.id, { changeLevel: 'minor', changeSummary: 'x' })
    ).body.id as string;
    const conflict = await tr.ack(u.quality_lead, draft).expect(409);
    expect(conflict.body.detail).toContain('draft');
    await tr.ack(u.staff, draft).expect(404);
    await tr.ack(u.staff, other.revId).expect(404);
    await tr.ack(u.staff, '00000000-0000-4000-8000-000000000000').expect(404);
    await tr.ack(u.staff, rev2).expect(201);
  });

  it('asks for the password when the requirement requires a signature', async () => {
    const signed = await d.publish(u.quality_lead, u.approver, { title: 'Signed' });
    await tr.require(u.quality_lead, signed.id, {
      departmentIds: [dept.id],
      dueInDays: 14,
      requireSignature: true,
    });
    const missing = await tr.ack(reader, signed.revId).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    await tr.ack(reader, signed.revId, { password: 'not the password' }).expect(401);
    expect((await tr.statuses(signed.revId))[reader.id]).toBe('pending');
    const ok = await tr.ack(reader, signed.revId, { password: reader.password }).expect(201);
    expect(ok.body.signed).toBe(true);
    expect((await tr.statuses(signed.revId))[reader.id]).toBe('done');
  });

  it('80 concurrent acknowledgements from 40 users: exactly 40 records, no 5xx', async () => {
    const crowdDept = await createDepartment(t);
    const crowd = await Promise.all(
      Array.from({ length: 40 }, () => createUser(t, { departmentIds: [crowdDept.id] })),
    );
    const busy = await d.publish(u.quality_lead, u.approver, { title: 'Busy' });
    await tr.require(u.quality_lead, busy.id, { departmentIds: [crowdDept.id], dueInDays: 14 });
    expect(await tr.assignments(busy.revId)).toHaveLength(40);

    const results = await Promise.all(
      crowd.flatMap((user) => [user, user]).map((user) => tr.ack(user, busy.revId)),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(40);
    expect(results.filter((r) => r.status === 200)).toHaveLength(40);
    for (let i = 0; i < 80; i += 2) expect(results[i + 1].body.id).toBe(results[i].body.id);
    const [{ count }] = await t.ds.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM acknowledgements WHERE revision_id = $1',
      [busy.revId],
    );
    expect(count).toBe(40);
    expect(Object.values(await tr.statuses(busy.revId))).toEqual(Array(40).fill('done'));
    const [{ events }] = await t.ds.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM audit_events
        WHERE action = 'acknowledgement.recorded' AND data->>'revisionId' = $1`,
      [busy.revId],
    );
    expect(events).toBe(40);
  });

  it('acknowledgements arriving together are written together, each with its own answer and audit event', async () => {
    const batchDept = await createDepartment(t);
    const people = await Promise.all(
      Array.from({ length: 10 }, () => createUser(t, { departmentIds: [batchDept.id] })),
    );
    const [first, repeat] = await Promise.all(
      [0, 1].map(() => createUser(t, { departmentIds: [batchDept.id] })),
    );
    const together = await d.publish(u.quality_lead, u.approver, { title: 'Together' });
    await tr.require(u.quality_lead, together.id, {
      departmentIds: [batchDept.id],
      dueInDays: 14,
    });
    const signedDoc = await d.publish(u.quality_lead, u.approver, { title: 'Signed together' });
    await tr.require(u.quality_lead, signedDoc.id, {
      departmentIds: [batchDept.id],
      dueInDays: 14,
      requireSignature: true,
    });
    await tr.ack(repeat, together.revId).expect(201);
    const batcher = t.app.get(AcknowledgementsService).batch;

    // Hold the revision so that the first batch waits, and every other call queues behind it.
    const hold = t.ds.createQueryRunner();
    await hold.startTransaction();
    let answers: Awaited<ReturnType<typeof tr.ack>>[];
    try {
      await hold.query('SELECT 1 FROM revisions WHERE id = $1 FOR UPDATE', [together.revId]);
      const firstCall = tr.ack(first, together.revId).then((r) => r);
      await untilSomeoneWaitsForALock(t.ds, 'the first batch to wait for the revision');
      const calls = [
        ...people.map((person) => tr.ack(person, together.revId).then((r) => r)),
        tr.ack(repeat, together.revId).then((r) => r),
        tr.ack(people[0], signedDoc.revId).then((r) => r),
        tr.ack(people[1], '00000000-0000-4000-8000-000000000000').then((r) => r),
      ];
      await until('every call to queue for the next batch', () => batcher.queued === calls.length);
      await hold.commitTransaction();
      answers = [await firstCall, ...(await Promise.all(calls))];
    } finally {
      if (hold.isTransactionActive) await hold.rollbackTransaction();
      await hold.release();
    }
    const [firstAnswer, ...rest] = answers;
    const news = rest.slice(0, people.length);
    const [again, unsigned, missing] = rest.slice(people.length);
    expect(firstAnswer.status).toBe(201);
    expect(news.map((r) => r.status)).toEqual(people.map(() => 201));
    expect(news.map((r) => r.body.userId)).toEqual(people.map((person) => person.id));
    expect(again.status).toBe(200);
    expect(again.body.userId).toBe(repeat.id);
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    expect(missing.status).toBe(404);

    // The ten went in as one transaction.
    const [{ transactions }] = await t.ds.query<{ transactions: number }[]>(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM acknowledgements
        WHERE id = ANY($1::uuid[])`,
      [news.map((r) => r.body.id)],
    );
    expect(transactions).toBe(1);
    // Each with its own event: its actor, its acknowledgement and the assignment it completed.
    const statuses = await tr.statuses(together.revId);
    const assignments = await tr.assignments(together.revId);
    const events = await t.ds.query<
      { actor_id: string; entity_id: string; data: Record<string, unknown> }[]
    >(
      `SELECT actor_id, entity_id, data FROM audit_events
        WHERE action = 'acknowledgement.recorded' AND entity_id = ANY($1::uuid[])`,
      [news.map((r) => r.body.id)],
    );
    expect(events).toHaveLength(people.length);
    for (const [i, person] of people.entries()) {
      const event = events.find((e) => e.entity_id === news[i].body.id)!;
      expect(event.actor_id).toBe(person.id);
      expect(event.data).toMatchObject({
        userId: person.id,
        revisionId: together.revId,
        signed: false,
        assignmentId: assignments.find((a) => a.user_id === person.id)!.id,
      });
      expect(statuses[person.id]).toBe('done');
    }
    expect((await tr.statuses(signedDoc.revId))[people[0].id]).toBe('pending');
    expect(batcher.queued).toBe(0);
  });

  it('a batch that fails (a deadlock, say) is written call by call instead', async () => {
    const service = t.app.get(AcknowledgementsService);
    const spareDept = await createDepartment(t);
    const pair = await Promise.all(
      [0, 1].map(() => createUser(t, { departmentIds: [spareDept.id] })),
    );
    const fallback = await d.publish(u.quality_lead, u.approver, { title: 'Fallback' });
    await tr.require(u.quality_lead, fallback.id, { departmentIds: [spareDept.id], dueInDays: 14 });
    const failing = jest
      .spyOn(service as unknown as { writeAll: () => Promise<unknown> }, 'writeAll')
      .mockRejectedValueOnce(new Error('deadlock detected'));
    try {
      const answers = await Promise.all(pair.map((person) => tr.ack(person, fallback.revId)));
      expect(answers.map((r) => r.status)).toEqual([201, 201]);
      expect(failing).toHaveBeenCalled();
    } finally {
      failing.mockRestore();
    }
    expect(Object.values(await tr.statuses(fallback.revId))).toEqual(['done', 'done']);
  });

  it('acknowledgements racing the next revision land before it supersedes theirs, or get 409', async () => {
    const raceDept = await createDepartment(t);
    const racers = await Promise.all(
      Array.from({ length: 24 }, () => createUser(t, { departmentIds: [raceDept.id] })),
    );
    const bystander = await createUser(t, { departmentIds: [raceDept.id] });
    const raced = await d.publish(u.quality_lead, u.approver, { title: 'Raced' });
    await tr.require(u.quality_lead, raced.id, { departmentIds: [raceDept.id], dueInDays: 14 });
    const next = await d.submitted(u.quality_lead, raced.id, [u.approver]);

    const [signed, ...acks] = await Promise.all([
      d.sign(u.approver, next, 'approved'),
      ...racers.map((r) => tr.ack(r, raced.revId)),
    ]);
    expect(signed.status).toBe(201);
    expect(acks.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    const [old] = await t.ds.query<{ superseded_at: Date; effective_from: Date }[]>(
      `SELECT o.superseded_at, n.effective_from FROM revisions o, revisions n
        WHERE o.id = $1 AND n.id = $2`,
      [raced.revId, next],
    );
    expect(old.effective_from.getTime()).toBe(old.superseded_at.getTime());
    const recorded = await t.ds.query<{ user_id: string; acknowledged_at: Date }[]>(
      'SELECT user_id, acknowledged_at FROM acknowledgements WHERE revision_id = $1',
      [raced.revId],
    );
    expect(recorded).toHaveLength(acks.filter((r) => r.status === 201).length);
    // Never acknowledged after it stopped being in force.
    for (const a of recorded) {
      expect(a.acknowledged_at.getTime()).toBeLessThanOrEqual(old.superseded_at.getTime());
    }
    // Whoever got in first finished their assignment; the others' was superseded.
    const statuses = await tr.statuses(raced.revId);
    const done = new Set(recorded.map((a) => a.user_id));
    for (const r of racers) expect(statuses[r.id]).toBe(done.has(r.id) ? 'done' : 'superseded');
    // Asked to read it, they are told it is no longer in force (409), however late they ask;
    // to anyone else a superseded revision they never acknowledged stays unknown (404).
    const answer = await tr.ack(bystander, raced.revId).expect(409);
    expect(answer.body.detail).toContain('superseded');
    await tr.ack(u.staff, raced.revId).expect(404);
  });

  it('a revision is not superseded while an acknowledgement of it is being written', async () => {
    const held = await d.publish(u.quality_lead, u.approver, { title: 'Held' });
    const next = await d.submitted(u.quality_lead, held.id, [u.approver]);
    const statusOf = async (id: string) =>
      (
        await t.ds.query<{ status: string }[]>('SELECT status FROM revisions WHERE id = $1', [id])
      )[0].status;

    // An acknowledgement in flight holds the effective revision as its statement does.
    const ack = t.ds.createQueryRunner();
    await ack.startTransaction();
    try {
      await ack.query('SELECT 1 FROM revisions WHERE id = $1 FOR KEY SHARE', [held.revId]);
      const signing = d.sign(u.approver, next, 'approved').then((r) => r);
      await untilSomeoneWaitsForALock(t.ds, 'the approval to wait for the acknowledgement');
      expect(await statusOf(held.revId)).toBe('effective');
      await ack.commitTransaction();
      expect((await signing).status).toBe(201);
    } finally {
      if (ack.isTransactionActive) await ack.rollbackTransaction();
      await ack.release();
    }
    expect(await statusOf(held.revId)).toBe('superseded');
    expect(await statusOf(next)).toBe('effective');
  });

  it('"this is not how we work" records the acknowledgement and opens a proposal with it', async () => {
    const gap = await d.publish(u.quality_lead, u.approver, { title: 'Practice gap' });
    const noComment = await tr.ack(u.staff, gap.revId, { practiceMatches: false }).expect(400);
    expect(noComment.body.errors).toEqual([expect.objectContaining({ field: 'comment' })]);
    const comment = 'We scan the labels; nobody types them in.';
    // Five at once from the same user: one record, and the four that lost rolled their proposals back.
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        tr.ack(u.staff, gap.revId, { practiceMatches: false, comment }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const proposalId = results[0].body.proposalId as string;
    expect(proposalId).toEqual(expect.any(String));
    expect(results.every((r) => r.body.proposalId === proposalId)).toBe(true);
    expect(results[0].body).toMatchObject({ practiceMatches: false, comment });

    const proposal = (await p.get(u.staff, proposalId).expect(200)).body;
    expect(proposal).toMatchObject({
      kind: 'practice_deviation',
      status: 'submitted',
      documentId: gap.id,
      revisionId: gap.revId,
      submitterId: u.staff.id,
      description: comment,
    });
    const [{ count }] = await t.ds.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM proposals WHERE document_id = $1',
      [gap.id],
    );
    expect(count).toBe(1);
  });

  it('shows what changed since the last acknowledgement, and lets the reader diff it', async () => {
    const bystander = await createUser(t, { departmentIds: [dept.id] });
    const rev2 = await d.revise(
      u.quality_lead,
      u.approver,
      doc.id,
      sopBody('Version two.'),
      'major',
    );
    const items = (await tr.mine(reader, '?status=pending').expect(200)).body.items;
    expect(items).toEqual([
      expect.objectContaining({
        revisionId: rev2,
        label: '2.0',
        status: 'pending',
        acknowledgedAt: null,
        changedSinceAcknowledged: doc.revId,
      }),
    ]);
    const bystanders = (await tr.mine(bystander).expect(200)).body.items as {
      documentId: string;
    }[];
    expect(bystanders.filter((i) => i.documentId === doc.id)).toEqual([
      expect.objectContaining({ revisionId: rev2, changedSinceAcknowledged: null }),
    ]);

    const diff = await d
      .getRev(reader, `${rev2}/diff?against=${doc.revId}&format=json`)
      .expect(200);
    expect(diff.body).toMatchObject({ from: doc.revId, to: rev2 });
    expect(JSON.stringify(diff.body.hunks)).toContain('Version two.');
    await d.getRev(reader, doc.revId).expect(200);
    await d.getRev(bystander, `${rev2}/diff?against=${doc.revId}`).expect(404);
    await d.getRev(bystander, doc.revId).expect(404);

    await tr.ack(reader, rev2).expect(201);
    const done = (await tr.mine(reader, '?status=done').expect(200)).body.items;
    expect(done.find((i: { revisionId: string }) => i.revisionId === rev2)).toMatchObject({
      status: 'done',
      changedSinceAcknowledged: null,
    });
  });
});
