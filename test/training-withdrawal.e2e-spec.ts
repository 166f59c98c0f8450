import request from 'supertest';
import { Role } from '../src/common/roles';
import { AssignmentWithdrawn1764700000000 } from '../src/database/migrations/1764700000000-assignment-withdrawn';
import { DomainHooks } from '../src/common/domain-hooks';
import { api, createTestApp, login, TestApp } from './helpers/app';
import { auth, docs, PROBLEM, sopBody } from './helpers/documents';
import {
  createDepartment,
  createUser,
  patchUser,
  TestUser,
  usersByRole,
} from './helpers/factories';
import { proposals } from './helpers/proposals';
import { training } from './helpers/training';

const DAY = 86_400_000;

interface Listed {
  id: string;
  documentId: string;
  revisionId: string;
  status: string;
}

describe('training: withdrawn assignments (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let tr: ReturnType<typeof training>;
  let p: ReturnType<typeof proposals>;
  /** Documents whose retirement fails after the withdrawal: it must be undone with it. */
  const failRetiring = new Set<string>();

  const team = async (n: number) => {
    const dept = await createDepartment(t);
    const members: TestUser[] = [];
    for (let i = 0; i < n; i++) members.push(await createUser(t, { departmentIds: [dept.id] }));
    return { dept, members };
  };
  /** Past due, then the overdue job: the assignment is overdue and its user told. */
  const makeOverdue = async (revId: string, userId: string) => {
    await t.ds.query(
      `UPDATE training_assignments SET due_at = now() - interval '1 hour'
        WHERE revision_id = $1 AND user_id = $2`,
      [revId, userId],
    );
    await tr.runOverdue();
  };
  const listed = async (user: TestUser, query = '') =>
    (await tr.mine(user, query).expect(200)).body.items as Listed[];
  const withdrawnEvents = (entityId: string) => d.audit(entityId, 'assignment.withdrawn');
  const statusOf = async (revId: string, userId: string) => (await tr.statuses(revId))[userId];

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    tr = training(t);
    p = proposals(t);
    t.app.get(DomainHooks).on('document.retired', 'test', async ({ documentId }) => {
      if (failRetiring.has(documentId)) throw new Error('a later step of retiring failed');
    });
  });
  afterAll(() => t.close());

  it('retiring a document withdraws its open assignments in the same transaction, one audit event with the count', async () => {
    const { dept, members } = await team(3);
    const [reader, late, slacker] = members;
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'To be retired' });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], dueInDays: 30 });
    await tr.ack(reader, doc.revId).expect(201);
    await makeOverdue(doc.revId, late.id);
    const open = { [reader.id]: 'done', [late.id]: 'overdue', [slacker.id]: 'pending' };
    expect(await tr.statuses(doc.revId)).toEqual(open);

    // A failure later in the same retirement undoes the withdrawal with it.
    failRetiring.add(doc.id);
    const retire = { reason: 'Replaced', password: u.quality_lead.password };
    expect((await d.retire(u.quality_lead, doc.id, retire)).status).toBe(500);
    failRetiring.delete(doc.id);
    expect((await d.getDoc(u.admin, doc.id).expect(200)).body.status).toBe('effective');
    expect(await tr.statuses(doc.revId)).toEqual(open);
    expect(await withdrawnEvents(doc.id)).toEqual([]);

    await d.retire(u.quality_lead, doc.id, retire).expect(200);
    const rows = await tr.assignments(doc.revId);
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.status]))).toEqual({
      [reader.id]: 'done',
      [late.id]: 'withdrawn',
      [slacker.id]: 'withdrawn',
    });
    for (const r of rows) expect(r.withdrawn_at === null).toBe(r.status !== 'withdrawn');
    const events = await withdrawnEvents(doc.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: u.quality_lead.id,
      data: { count: 2, reason: 'document_retired', revisionIds: [doc.revId] },
    });

    // Gone from the readers' lists whatever the filter; the reader still sees what they did.
    for (const who of [late, slacker])
      for (const q of ['', '?status=pending', '?status=overdue', '?status=superseded'])
        expect((await listed(who, q)).map((i) => i.documentId)).not.toContain(doc.id);
    expect((await listed(reader)).find((i) => i.documentId === doc.id)?.status).toBe('done');

    // The overdue job leaves withdrawn rows alone, however late.
    await t.ds.query(
      `UPDATE training_assignments SET due_at = now() - interval '2 days' WHERE revision_id = $1`,
      [doc.revId],
    );
    await tr.runOverdue();
    const after = await tr.assignments(doc.revId);
    expect(after.find((r) => r.user_id === slacker.id)).toMatchObject({
      status: 'withdrawn',
      overdue_notified_at: null,
    });
    expect(after.find((r) => r.user_id === late.id)?.status).toBe('withdrawn');

    // Leaving and rejoining the department brings nothing back: the document is retired.
    await patchUser(t, slacker.id, { departmentIds: [] });
    await patchUser(t, slacker.id, { departmentIds: [dept.id] });
    expect(await statusOf(doc.revId, slacker.id)).toBe('withdrawn');

    // Nothing open, nothing to record.
    const bare = await d.publish(u.quality_lead, u.approver, { title: 'Nobody reads this' });
    await d.retire(u.quality_lead, bare.id, retire).expect(200);
    expect(await withdrawnEvents(bare.id)).toEqual([]);
  });

  it('narrowing a requirement withdraws the open assignments of users it no longer covers; widening reopens them', async () => {
    const x = await team(2);
    const y = await team(1);
    const [a, b] = x.members;
    const [c] = y.members;
    const named = await createUser(t);
    const alsoNamed = await createUser(t, { departmentIds: [y.dept.id] });
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Narrowed' });
    const wide = {
      departmentIds: [x.dept.id, y.dept.id],
      userIds: [named.id, alsoNamed.id],
      roles: ['approver'],
      dueInDays: 10,
    };
    await tr.require(u.quality_lead, doc.id, wide);
    await p.notifications(c); // the fan-out's notifications go out (the dispatcher's next run)
    await tr.ack(a, doc.revId).expect(201);
    await makeOverdue(doc.revId, c.id);
    const first = await tr.assignments(doc.revId);
    expect(first.find((r) => r.user_id === c.id)?.overdue_notified_at).not.toBeNull();

    const narrow = { departmentIds: [x.dept.id], userIds: [alsoNamed.id], dueInDays: 10 };
    await tr.require(u.quality_lead, doc.id, narrow);
    const statuses = await tr.statuses(doc.revId);
    expect(statuses).toMatchObject({
      [a.id]: 'done',
      [b.id]: 'pending',
      [c.id]: 'withdrawn',
      [named.id]: 'withdrawn',
      [alsoNamed.id]: 'pending', // out of Y's cover, still named
      [u.approver.id]: 'withdrawn',
    });
    const withdrawn = Object.keys(statuses).filter((id) => statuses[id] === 'withdrawn');
    const events = await withdrawnEvents(doc.id);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      count: withdrawn.length,
      reason: 'requirement_narrowed',
      revisionIds: [doc.revId],
    });
    expect((await listed(c)).map((i) => i.documentId)).not.toContain(doc.id);
    expect((await listed(c, '?status=overdue')).map((i) => i.documentId)).not.toContain(doc.id);
    const asked = await tr.mine(c, '?status=withdrawn');
    expect(asked.status).toBe(400);
    expect(asked.headers['content-type']).toMatch(PROBLEM);

    // The same narrow requirement again closes nothing more and records nothing.
    await tr.require(u.quality_lead, doc.id, narrow);
    expect(await withdrawnEvents(doc.id)).toHaveLength(1);

    // Widened again: the same rows reopen as new ones would be made, counted and notified.
    const before = Date.now();
    await tr.require(u.quality_lead, doc.id, wide);
    const reopened = await tr.assignments(doc.revId);
    for (const id of withdrawn) {
      const row = reopened.find((r) => r.user_id === id)!;
      expect(row.id).toBe(first.find((r) => r.user_id === id)!.id);
      expect(row).toMatchObject({
        status: 'pending',
        withdrawn_at: null,
        overdue_notified_at: null,
      });
      expect(row.due_at.getTime()).toBeGreaterThanOrEqual(before + 10 * DAY - 1000);
    }
    expect(reopened).toHaveLength(first.length);
    const created = await d.audit(doc.revId, 'assignment.created');
    expect(created[0].data).toMatchObject({
      count: withdrawn.length,
      reason: 'requirement_updated',
    });
    const notes = (await p.notifications(c)).filter(
      (n) => n.type === 'assignment.created' && n.data.revisionId === doc.revId,
    );
    expect(notes).toHaveLength(2);
    expect(
      (await listed(c, '?status=pending')).filter((i) => i.documentId === doc.id),
    ).toHaveLength(1);
  });

  it('leaving a department, losing a role or deactivation withdraws what no longer applies; coming back reopens it', async () => {
    const x = await createDepartment(t);
    const y = await createDepartment(t);
    const publish = async (title: string, req: Parameters<typeof tr.require>[2]) => {
      const doc = await d.publish(u.quality_lead, u.approver, { title });
      await tr.require(u.quality_lead, doc.id, { dueInDays: 7, ...req });
      return doc;
    };
    const byX = await publish('By department X', { departmentIds: [x.id] });
    const byRole = await publish('By role', { roles: ['quality_lead'] });
    const byY = await publish('By department Y', { departmentIds: [y.id] });
    const read = await publish('Already read', { departmentIds: [y.id] });
    const m = await createUser(t, {
      roles: ['staff', 'quality_lead'],
      departmentIds: [x.id, y.id],
    });
    const byName = await publish('By name and X', { departmentIds: [x.id], userIds: [m.id] });
    await tr.ack(m, read.revId).expect(201);
    const all = { byX, byRole, byY, read, byName };
    const state = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(all).map(async ([k, doc]) => [k, await statusOf(doc.revId, m.id)]),
        ),
      );
    const ids = Object.fromEntries(
      await Promise.all(
        Object.entries(all).map(async ([k, doc]) => [
          k,
          (await tr.assignments(doc.revId)).find((r) => r.user_id === m.id)!.id,
        ]),
      ),
    );
    expect(await state()).toEqual({
      byX: 'pending',
      byRole: 'pending',
      byY: 'pending',
      read: 'done',
      byName: 'pending',
    });

    await patchUser(t, m.id, { departmentIds: [y.id] });
    expect(await state()).toMatchObject({ byX: 'withdrawn', byName: 'pending', byY: 'pending' });
    await patchUser(t, m.id, { roles: ['staff'] });
    expect(await state()).toMatchObject({ byRole: 'withdrawn', byY: 'pending' });
    // Changes that uncover nothing close nothing and record nothing.
    await patchUser(t, m.id, { name: 'Renamed' });
    await patchUser(t, m.id, { departmentIds: [y.id, (await createDepartment(t)).id] });
    await patchUser(t, m.id, { active: false });
    expect(await state()).toEqual({
      byX: 'withdrawn',
      byRole: 'withdrawn',
      byY: 'withdrawn',
      read: 'done',
      byName: 'withdrawn',
    });
    const events = (await withdrawnEvents(m.id)).reverse();
    expect(events.map((e) => e.data)).toEqual([
      { count: 1, reason: 'user_uncovered', documentIds: [byX.id] },
      { count: 1, reason: 'user_uncovered', documentIds: [byRole.id] },
      { count: 2, reason: 'user_deactivated', documentIds: [byY.id, byName.id].sort() },
    ]);
    expect(events.every((e) => e.actorType === 'user')).toBe(true);

    // Back: re-activation, then the department and the role, each through the fan-out.
    const before = Date.now();
    await patchUser(t, m.id, { active: true });
    expect(await state()).toMatchObject({ byY: 'pending', byName: 'pending', byX: 'withdrawn' });
    await patchUser(t, m.id, { departmentIds: [x.id, y.id], roles: ['staff', 'quality_lead'] });
    expect(await state()).toEqual({
      byX: 'pending',
      byRole: 'pending',
      byY: 'pending',
      read: 'done',
      byName: 'pending',
    });
    for (const [k, doc] of Object.entries(all)) {
      const row = (await tr.assignments(doc.revId)).find((r) => r.user_id === m.id)!;
      expect(row.id).toBe(ids[k]);
      if (k !== 'read')
        expect(row.due_at.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
    }
    const reopenedX = (await d.audit(byX.revId, 'assignment.created')).filter(
      (e) => e.data.reason === 'user_covered' && e.data.userId === m.id,
    );
    expect(reopenedX).toHaveLength(2); // created with the user, reopened on rejoining
    const again = { ...m, token: await login(t, m.email, m.password) };
    expect((await listed(again, '?status=pending')).map((i) => i.documentId).sort()).toEqual(
      [byX.id, byRole.id, byY.id, byName.id].sort(),
    );

    // Auditors do not acknowledge: an auditor only is covered by nothing.
    await patchUser(t, m.id, { roles: ['auditor'] });
    expect(Object.values(await state()).sort()).toEqual([
      'done',
      'withdrawn',
      'withdrawn',
      'withdrawn',
      'withdrawn',
    ]);
  });

  it('moving to another department withdraws the one and assigns the other in one change', async () => {
    const from = await team(1);
    const to = await createDepartment(t);
    const [mover] = from.members;
    const left = await d.publish(u.quality_lead, u.approver, { title: 'Left behind' });
    const joined = await d.publish(u.quality_lead, u.approver, { title: 'Joined' });
    await tr.require(u.quality_lead, left.id, { departmentIds: [from.dept.id] });
    await tr.require(u.quality_lead, joined.id, { departmentIds: [to.id] });
    await patchUser(t, mover.id, { departmentIds: [to.id] });
    expect(await statusOf(left.revId, mover.id)).toBe('withdrawn');
    expect(await statusOf(joined.revId, mover.id)).toBe('pending');
    expect((await listed(mover)).map((i) => i.documentId)).toEqual([joined.id]);
  });

  it('a withdrawn re-read does not end the carry-over: after rejoining, fan-out and report agree', async () => {
    const { dept, members } = await team(1);
    const [r] = members;
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Carry-over' });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], retrainOnMinor: true });
    await tr.ack(r, doc.revId).expect(201);
    const rev11 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('1.1'), 'minor');
    expect(await statusOf(rev11, r.id)).toBe('pending');
    await patchUser(t, r.id, { departmentIds: [] });
    expect(await statusOf(rev11, r.id)).toBe('withdrawn');

    // Minor revisions no longer need re-reading; r comes back still satisfied by 1.0.
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], retrainOnMinor: false });
    await patchUser(t, r.id, { departmentIds: [dept.id] });
    expect(await statusOf(rev11, r.id)).toBe('withdrawn');
    const report = async () =>
      (
        await request(t.http)
          .get(api(`/reports/training?documentId=${doc.id}`))
          .set(auth(u.auditor))
          .expect(200)
      ).body.items as { required: number; acknowledged: number; overdue: number }[];
    expect(await report()).toEqual([
      expect.objectContaining({ required: 1, acknowledged: 1, overdue: 0 }),
    ]);

    const rev12 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('1.2'), 'minor');
    expect(await tr.statuses(rev12)).toEqual({});
    expect(await report()).toEqual([
      expect.objectContaining({ required: 1, acknowledged: 1, overdue: 0 }),
    ]);
  });

  it('the matrix shows a withdrawn assignment as not held when coverage comes back behind the service', async () => {
    const { dept, members } = await team(1);
    const [w] = members;
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Matrix' });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id] });
    await patchUser(t, w.id, { departmentIds: [] });
    expect(await statusOf(doc.revId, w.id)).toBe('withdrawn');
    // Straight in the database: covered again, with no fan-out to reopen the row.
    await t.ds.query('INSERT INTO user_departments (user_id, department_id) VALUES ($1, $2)', [
      w.id,
      dept.id,
    ]);
    const res = await request(t.http)
      .get(api(`/reports/training/users?departmentId=${dept.id}`))
      .set(auth(u.auditor))
      .expect(200);
    const row = (
      res.body.items as {
        userId: string;
        pending: { documentId: string; dueAt: string | null }[];
        overdue: unknown[];
      }[]
    ).find((r) => r.userId === w.id);
    expect(row?.pending).toEqual([expect.objectContaining({ documentId: doc.id, dueAt: null })]);
    expect(row?.overdue).toEqual([]);
  });

  it("the migration's down() keeps withdrawn rows as superseded, and up() applies again", async () => {
    const migration = new AssignmentWithdrawn1764700000000();
    const qr = t.ds.createQueryRunner();
    const statusCheck = async () =>
      (
        await qr.manager.query<{ def: string }[]>(
          `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conname = 'training_assignments_status_check'`,
        )
      )[0].def;
    const hasColumn = async () =>
      (
        await qr.manager.query<unknown[]>(
          `SELECT 1 FROM information_schema.columns
            WHERE table_name = 'training_assignments' AND column_name = 'withdrawn_at'`,
        )
      ).length === 1;
    try {
      await qr.startTransaction();
      const withdrawn = await qr.manager.query<{ id: string; withdrawn_at: Date }[]>(
        `SELECT id, withdrawn_at FROM training_assignments WHERE status = 'withdrawn' ORDER BY id`,
      );
      expect(withdrawn.length).toBeGreaterThan(0);

      await migration.down(qr);
      expect(await hasColumn()).toBe(false);
      expect(await statusCheck()).not.toContain('withdrawn');
      const down = await qr.manager.query<{ id: string; status: string; superseded_at: Date }[]>(
        `SELECT id, status, superseded_at FROM training_assignments WHERE id = ANY($1::uuid[]) ORDER BY id`,
        [withdrawn.map((w) => w.id)],
      );
      expect(down).toEqual(
        withdrawn.map((w) => ({ id: w.id, status: 'superseded', superseded_at: w.withdrawn_at })),
      );

      await migration.up(qr);
      expect(await hasColumn()).toBe(true);
      expect(await statusCheck()).toContain('withdrawn');
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });
});
