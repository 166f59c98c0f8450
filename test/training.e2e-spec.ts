import { SYSTEM_ACTOR } from '../src/common/principal';
import { Role } from '../src/common/roles';
import { UsersService } from '../src/users/users.service';
import { createTestApp, TestApp } from './helpers/app';
import { docs, sopBody } from './helpers/documents';
import {
  createDepartment,
  createUser,
  patchUser,
  TestUser,
  usersByRole,
} from './helpers/factories';
import { proposals } from './helpers/proposals';
import { untilSomeoneWaitsForALock } from './helpers/receiver';
import { training } from './helpers/training';

const DAY = 86_400_000;

describe('training: requirements and assignments (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let tr: ReturnType<typeof training>;
  let p: ReturnType<typeof proposals>;

  const effectiveFrom = async (revId: string) =>
    new Date((await d.getRev(u.quality_lead, revId).expect(200)).body.effectiveFrom as string);
  /** A department with `n` staff members in it. */
  const team = async (n: number) => {
    const dept = await createDepartment(t);
    const members: TestUser[] = [];
    for (let i = 0; i < n; i++) members.push(await createUser(t, { departmentIds: [dept.id] }));
    return { dept, members };
  };

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    tr = training(t);
    p = proposals(t);
  });
  afterAll(() => t.close());

  it('validates the requirement, and only authors may set it', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Validation' });
    const dept = await createDepartment(t);
    for (const who of [u.staff, u.approver, u.auditor])
      await tr.put(who, doc.id, { departmentIds: [dept.id] }).expect(403);
    await tr.get(u.auditor, doc.id).expect(404);
    const missing = '00000000-0000-4000-8000-000000000000';
    const unknownDept = await tr.put(u.quality_lead, doc.id, { departmentIds: [missing] });
    expect(unknownDept.status).toBe(400);
    expect(unknownDept.body.errors).toEqual([expect.objectContaining({ field: 'departmentIds' })]);
    const unknownUser = await tr.put(u.quality_lead, doc.id, { userIds: [missing] });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.errors).toEqual([expect.objectContaining({ field: 'userIds' })]);
    await tr.put(u.quality_lead, doc.id, { roles: ['janitor'] }).expect(400);
    await tr.put(u.quality_lead, doc.id, { dueInDays: 366 }).expect(400);
    await tr.put(u.quality_lead, doc.id, { dueInDays: -1 }).expect(400);
    await tr.put(u.quality_lead, doc.id, { dueInDays: 1.5 }).expect(400);
    await tr.put(u.quality_lead, missing, { departmentIds: [dept.id] }).expect(404);
    await tr.get(u.auditor, doc.id).expect(404);

    await tr.put(u.admin, doc.id, { departmentIds: [dept.id], dueInDays: 0 }).expect(200);
    const got = await tr.get(u.auditor, doc.id).expect(200);
    expect(got.body).toMatchObject({
      documentId: doc.id,
      departmentIds: [dept.id],
      roles: [],
      userIds: [],
      dueInDays: 0,
      retrainOnMinor: false,
      requireSignature: false,
      updatedBy: u.admin.id,
    });
    await tr.get(u.staff, doc.id).expect(403);
  });

  it('PUT assigns the current effective revision to the active users it covers, once', async () => {
    const { dept, members } = await team(2);
    const [a, b] = members;
    const named = await createUser(t);
    const gone = await createUser(t, { departmentIds: [dept.id] });
    await patchUser(t, gone.id, { active: false });
    const auditorInDept = await createUser(t, { roles: ['auditor'], departmentIds: [dept.id] });
    const bystander = await createUser(t);
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Covered' });
    const before = Date.now();

    const body = await tr.require(u.quality_lead, doc.id, {
      departmentIds: [dept.id],
      userIds: [named.id],
      dueInDays: 7,
    });
    expect(body).toMatchObject({ departmentIds: [dept.id], userIds: [named.id], dueInDays: 7 });
    const rows = await tr.assignments(doc.revId);
    expect(rows.map((r) => r.user_id).sort()).toEqual([a.id, b.id, named.id].sort());
    expect(rows.map((r) => r.user_id)).not.toContain(gone.id);
    expect(rows.map((r) => r.user_id)).not.toContain(auditorInDept.id);
    expect(rows.map((r) => r.user_id)).not.toContain(bystander.id);
    for (const r of rows) {
      expect(r.status).toBe('pending');
      // Assigned later than the revision took effect: due 7 days from now.
      expect(r.due_at.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
      expect(r.due_at.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    }
    const notes = await p.notifications(a);
    expect(notes.filter((n) => n.type === 'assignment.created')).toEqual([
      expect.objectContaining({
        data: { revisionId: doc.revId, documentId: doc.id, dueAt: rows[0].due_at.toISOString() },
      }),
    ]);

    // The same requirement again changes nothing and creates nobody twice.
    await tr.require(u.quality_lead, doc.id, {
      departmentIds: [dept.id],
      userIds: [named.id],
      dueInDays: 7,
    });
    expect(await tr.assignments(doc.revId)).toHaveLength(3);
    expect(await d.audit(doc.id, 'training_requirement.updated')).toHaveLength(2);
    const created = await d.audit(doc.revId, 'assignment.created');
    expect(created).toHaveLength(1);
    expect(created[0].data).toMatchObject({
      documentId: doc.id,
      count: 3,
      reason: 'requirement_updated',
    });

    // Covered by role.
    await tr.require(u.quality_lead, doc.id, { roles: ['approver'], dueInDays: 7 });
    expect((await tr.statuses(doc.revId))[u.approver.id]).toBe('pending');
  });

  it('fans out a new major revision and supersedes the open assignments of the old one', async () => {
    const { dept, members } = await team(3);
    const [reader, slacker, late] = members;
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Major' });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], dueInDays: 10 });
    await tr.ack(reader, doc.revId).expect(201);
    await patchUser(t, late.id, { active: false });

    const rev2 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('v2'), 'major');
    const from = await effectiveFrom(rev2);
    const rows = await tr.assignments(rev2);
    expect(rows.map((r) => r.user_id).sort()).toEqual([reader.id, slacker.id].sort());
    for (const r of rows) {
      expect(r.status).toBe('pending');
      expect(r.due_at.toISOString()).toBe(new Date(from.getTime() + 10 * DAY).toISOString());
    }
    const old = await tr.assignments(doc.revId);
    expect(Object.fromEntries(old.map((r) => [r.user_id, r.status]))).toEqual({
      [reader.id]: 'done',
      [slacker.id]: 'superseded',
      [late.id]: 'withdrawn', // on deactivation, before the new revision
    });
    expect(old.find((r) => r.user_id === slacker.id)!.superseded_at).not.toBeNull();
    const created = await d.audit(rev2, 'assignment.created');
    expect(created).toHaveLength(1);
    expect(created[0].data).toMatchObject({
      count: 2,
      reason: 'revision_effective',
      supersededAssignments: 1,
    });
  });

  it('minor revisions: acknowledgements carry over unless the requirement retrains on minor', async () => {
    const { dept, members } = await team(2);
    const [reader, other] = members;
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Minor' });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], dueInDays: 10 });
    await tr.ack(reader, doc.revId).expect(201);

    const rev11 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('1.1'), 'minor');
    expect(await tr.statuses(rev11)).toEqual({ [other.id]: 'pending' });
    // Still satisfied by carry-over at 1.2; `other` never read 1.1, so re-reads 1.2.
    const rev12 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('1.2'), 'minor');
    expect(await tr.statuses(rev12)).toEqual({ [other.id]: 'pending' });
    expect(await tr.statuses(rev11)).toEqual({ [other.id]: 'superseded' });
    // A major revision needs everyone again.
    const rev20 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('2.0'), 'major');
    expect(await tr.statuses(rev20)).toEqual({ [reader.id]: 'pending', [other.id]: 'pending' });

    const strict = await d.publish(u.quality_lead, u.approver, { title: 'Strict' });
    await tr.require(u.quality_lead, strict.id, {
      departmentIds: [dept.id],
      dueInDays: 10,
      retrainOnMinor: true,
    });
    await tr.ack(reader, strict.revId).expect(201);
    const strict11 = await d.revise(u.quality_lead, u.approver, strict.id, sopBody('s'), 'minor');
    expect(await tr.statuses(strict11)).toEqual({ [reader.id]: 'pending', [other.id]: 'pending' });
  });

  it('late joiners: a new department, a new role, re-activation and creation', async () => {
    const dept = await createDepartment(t);
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Late joiners' });
    await tr.require(u.quality_lead, doc.id, {
      departmentIds: [dept.id],
      roles: ['approver'],
      dueInDays: 5,
    });
    const mover = await createUser(t);
    const promoted = await createUser(t);
    const returning = await createUser(t, { departmentIds: [dept.id] });
    expect(Object.keys(await tr.statuses(doc.revId))).toContain(returning.id);
    await patchUser(t, returning.id, { active: false });
    const rev2 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('v2'), 'major');
    const statuses = await tr.statuses(rev2);
    expect(statuses[returning.id]).toBeUndefined();
    expect(statuses[mover.id]).toBeUndefined();
    expect(statuses[promoted.id]).toBeUndefined();

    const before = Date.now();
    await patchUser(t, mover.id, { departmentIds: [dept.id] });
    await patchUser(t, promoted.id, { roles: ['staff', 'approver'] });
    await patchUser(t, returning.id, { active: true });
    const fresh = await createUser(t, { departmentIds: [dept.id] });
    const rows = await tr.assignments(rev2);
    for (const who of [mover, promoted, returning, fresh]) {
      const row = rows.find((r) => r.user_id === who.id);
      expect(row?.status).toBe('pending');
      // Due 5 days from joining, not from the effective date.
      expect(row!.due_at.getTime()).toBeGreaterThanOrEqual(before + 5 * DAY - 1000);
    }
    const events = (await d.audit(rev2, 'assignment.created')).filter(
      (e) => e.data.reason === 'user_covered',
    );
    expect(events.map((e) => e.data.userId).sort()).toEqual(
      [mover.id, promoted.id, returning.id, fresh.id].sort(),
    );
    expect(events.every((e) => e.data.count === 1)).toBe(true);

    // Changes that cover nobody new assign nothing twice.
    await patchUser(t, mover.id, { name: 'Renamed' });
    await patchUser(t, mover.id, { departmentIds: [dept.id, (await createDepartment(t)).id] });
    expect((await tr.assignments(rev2)).filter((r) => r.user_id === mover.id)).toHaveLength(1);
  });

  it('a user joining while a revision takes effect ends up assigned the new one, not the old', async () => {
    const { dept } = await team(1);
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Joined mid-way' });
    await tr.require(u.quality_lead, doc.id, { departmentIds: [dept.id], dueInDays: 14 });
    const next = await d.submitted(u.quality_lead, doc.id, [u.approver]);

    // The newcomer's transaction (as POST /users runs it) stays open while the approval comes in.
    const qr = t.ds.createQueryRunner();
    await qr.startTransaction();
    let newcomer: string;
    try {
      newcomer = (
        await t.app.get(UsersService).insert(qr.manager, SYSTEM_ACTOR, {
          email: `joiner-${Date.now()}@example.test`,
          name: 'Joiner',
          roles: ['staff'],
          departmentIds: [dept.id],
          passwordHash: 'not-a-real-hash',
        })
      ).id;
      const approving = d.sign(u.approver, next, 'approved').then((r) => r);
      await untilSomeoneWaitsForALock(t.ds, 'the approval to wait for the newcomer');
      await qr.commitTransaction();
      expect((await approving).status).toBe(201);
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
    expect((await tr.statuses(doc.revId))[newcomer]).toBe('superseded');
    expect((await tr.statuses(next))[newcomer]).toBe('pending');
  });

  it('the overdue job marks assignments past due and tells each user and owner once', async () => {
    const { dept, members } = await team(2);
    const [a, b] = members;
    const owner = await createUser(t, { roles: ['quality_lead'] });
    const due = await d.publish(owner, u.approver, { title: 'Due now' });
    const later = await d.publish(owner, u.approver, { title: 'Due later' });
    await tr.require(owner, due.id, { departmentIds: [dept.id], dueInDays: 0 });
    await tr.require(owner, later.id, { departmentIds: [dept.id], dueInDays: 30 });
    await tr.ack(b, due.revId).expect(201);

    const first = await tr.runOverdue();
    expect(first).toEqual({ marked: 1, notifiedUsers: 1, notifiedOwners: 1 });
    expect(await tr.statuses(due.revId)).toEqual({ [a.id]: 'overdue', [b.id]: 'done' });
    expect(Object.values(await tr.statuses(later.revId))).toEqual(['pending', 'pending']);
    const second = await tr.runOverdue();
    expect(second).toEqual({ marked: 0, notifiedUsers: 0, notifiedOwners: 0 });

    const [row] = (await tr.assignments(due.revId)).filter((r) => r.user_id === a.id);
    expect(row.overdue_notified_at).not.toBeNull();
    const digests = (await p.notifications(a)).filter(
      (n) => n.type === 'assignment.overdue_digest',
    );
    expect(digests).toHaveLength(1);
    expect(digests[0].data).toEqual({ assignmentIds: [row.id], count: 1 });
    expect((await p.notifications(b)).some((n) => n.type === 'assignment.overdue_digest')).toBe(
      false,
    );
    const ownerDigests = (await p.notifications(owner)).filter(
      (n) => n.type === 'assignment.overdue_owner_digest',
    );
    expect(ownerDigests).toHaveLength(1);
    expect(ownerDigests[0].data).toEqual({
      documents: [{ documentId: due.id, documentNumber: due.number, title: 'Due now', count: 1 }],
      count: 1,
    });
    const overdue = await tr.mine(a, '?status=overdue').expect(200);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([row.id]);

    // Acknowledging late still completes it.
    await tr.ack(a, due.revId).expect(201);
    expect((await tr.statuses(due.revId))[a.id]).toBe('done');
    const events = await d.audit(due.revId, 'assignment.overdue');
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ documentId: due.id, count: 1 });
  });

  it('the overdue job groups in the database: one digest per user and per owner, counts per revision', async () => {
    const { dept, members } = await team(3);
    const owner = await createUser(t, { roles: ['quality_lead'] });
    const first = await d.publish(owner, u.approver, { title: 'Due now, first' });
    const second = await d.publish(owner, u.approver, { title: 'Due now, second' });
    for (const doc of [first, second])
      await tr.require(owner, doc.id, { departmentIds: [dept.id], dueInDays: 0 });
    await tr.ack(members[2], second.revId).expect(201);

    expect(await tr.runOverdue()).toEqual({ marked: 5, notifiedUsers: 3, notifiedOwners: 1 });
    for (const m of members) {
      const mine = [
        ...(await tr.assignments(first.revId)),
        ...(await tr.assignments(second.revId)),
      ].filter((r) => r.user_id === m.id && r.status === 'overdue');
      const digests = (await p.notifications(m)).filter(
        (n) => n.type === 'assignment.overdue_digest',
      );
      expect(digests.map((n) => n.data)).toEqual([
        { assignmentIds: mine.map((r) => r.id).sort(), count: mine.length },
      ]);
    }
    const [byNumber1, byNumber2] = [first, second].sort((x, y) => (x.number < y.number ? -1 : 1));
    const ownerDigests = (await p.notifications(owner)).filter(
      (n) => n.type === 'assignment.overdue_owner_digest',
    );
    expect(ownerDigests.map((n) => n.data)).toEqual([
      {
        documents: [byNumber1, byNumber2].map((doc) => ({
          documentId: doc.id,
          documentNumber: doc.number,
          title: doc.title,
          count: doc === first ? 3 : 2,
        })),
        count: 5,
      },
    ]);
    expect((await d.audit(first.revId, 'assignment.overdue'))[0].data).toMatchObject({
      documentId: first.id,
      count: 3,
    });
    expect((await d.audit(second.revId, 'assignment.overdue'))[0].data).toMatchObject({
      documentId: second.id,
      count: 2,
    });
  });
});
