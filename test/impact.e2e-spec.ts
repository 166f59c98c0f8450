import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, sopBody } from './helpers/documents';
import {
  createDepartment,
  createUser,
  patchUser,
  TestUser,
  usersByRole,
} from './helpers/factories';
import { training } from './helpers/training';

interface Impact {
  total: number;
  excusedMinor: number;
  departments: { departmentId: string | null; name: string | null; count: number }[];
}

describe('GET /revisions/:id/impact equals what the fan-out then assigns (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let tr: ReturnType<typeof training>;

  const impact = async (revId: string, who: TestUser = u.quality_lead): Promise<Impact> =>
    (
      await request(t.http)
        .get(api(`/revisions/${revId}/impact`))
        .set(auth(who))
        .expect(200)
    ).body as Impact;

  /** A new draft of an effective document with a complete body. */
  const draft = async (docId: string, changeLevel: 'major' | 'minor') => {
    const res = await d
      .newRevision(u.quality_lead, docId, { changeLevel, changeSummary: 'Change' })
      .expect(201);
    const revId = res.body.id as string;
    await d.edit(u.quality_lead, revId, sopBody(`${changeLevel} ${revId}`));
    return revId;
  };

  /** Approves the draft (it takes effect at once) and returns the users it assigned. */
  const publish = async (revId: string) => {
    await d.approve(u.quality_lead, revId, [u.approver]);
    return (await tr.assignments(revId)).map((a) => a.user_id).sort();
  };

  /**
   * A published document whose requirement covers a department of three staff, one named
   * person outside it, an auditor-only member (who reads nothing) and a deactivated member.
   */
  const setUp = async (retrainOnMinor: boolean) => {
    const dept = await createDepartment(t, undefined, `Dept ${Math.random()}`);
    const staff = [];
    for (let i = 0; i < 3; i++) staff.push(await createUser(t, { departmentIds: [dept.id] }));
    const named = await createUser(t);
    await createUser(t, { roles: ['auditor'], departmentIds: [dept.id] });
    const gone = await createUser(t, { departmentIds: [dept.id] });
    await patchUser(t, gone.id, { active: false });
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Impact' });
    await tr.require(u.quality_lead, doc.id, {
      departmentIds: [dept.id],
      userIds: [named.id],
      retrainOnMinor,
    });
    return { dept, staff, named, doc };
  };

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    tr = training(t);
  });
  afterAll(() => t.close());

  it('only leads, admins and auditors may ask; an unknown revision is 404', async () => {
    const doc = await d.create(u.quality_lead);
    for (const who of [u.staff, u.approver])
      await request(t.http)
        .get(api(`/revisions/${doc.draftRevisionId}/impact`))
        .set(auth(who))
        .expect(403);
    // No training requirement yet: nobody.
    expect(await impact(doc.draftRevisionId!, u.auditor)).toEqual({
      total: 0,
      excusedMinor: 0,
      departments: [],
    });
    await request(t.http)
      .get(api('/revisions/00000000-0000-4000-8000-000000000000/impact'))
      .set(auth(u.admin))
      .expect(404);
    await request(t.http).get(api('/revisions/nope/impact')).set(auth(u.admin)).expect(400);
  });

  it('major: everyone covered and active, readers of the previous revision too, per department', async () => {
    const { dept, staff, named, doc } = await setUp(false);
    await tr.ack(staff[0], doc.revId).expect(201);
    const revId = await draft(doc.id, 'major');
    const before = await impact(revId);
    expect(before.total).toBe(4);
    expect(before.excusedMinor).toBe(0);
    expect(before.departments).toEqual([
      { departmentId: dept.id, name: dept.name, count: 3 },
      { departmentId: null, name: null, count: 1 },
    ]);
    const assigned = await publish(revId);
    expect(assigned).toEqual([...staff.map((s) => s.id), named.id].sort());
    expect(assigned).toHaveLength(before.total);
  });

  it('minor without retrain on minor: readers of the previous revision are excused', async () => {
    const { staff, named, doc } = await setUp(false);
    await tr.ack(staff[0], doc.revId).expect(201);
    await tr.ack(named, doc.revId).expect(201);
    const revId = await draft(doc.id, 'minor');
    const before = await impact(revId);
    expect(before).toMatchObject({ total: 2, excusedMinor: 2 });
    const assigned = await publish(revId);
    expect(assigned).toEqual([staff[1].id, staff[2].id].sort());
    expect(assigned).toHaveLength(before.total);
  });

  it('minor with retrain on minor: nobody is excused', async () => {
    const { staff, named, doc } = await setUp(true);
    await tr.ack(staff[0], doc.revId).expect(201);
    const revId = await draft(doc.id, 'minor');
    const before = await impact(revId);
    expect(before).toMatchObject({ total: 4, excusedMinor: 0 });
    const assigned = await publish(revId);
    expect(assigned).toEqual([...staff.map((s) => s.id), named.id].sort());
  });

  it('a late joiner counts (not excused: they never read it); a deactivated user does not', async () => {
    const { dept, staff, doc } = await setUp(false);
    for (const s of staff) await tr.ack(s, doc.revId).expect(201);
    const revId = await draft(doc.id, 'minor');
    // Joins after the previous revision took effect: assigned it, never read it.
    const late = await createUser(t, { departmentIds: [dept.id] });
    await patchUser(t, staff[1].id, { active: false });
    const before = await impact(revId);
    expect(before).toMatchObject({ total: 2, excusedMinor: 2 });
    const assigned = await publish(revId);
    expect(assigned).toHaveLength(before.total);
    expect(assigned).toContain(late.id);
    expect(assigned).not.toContain(staff[1].id);
    // A second minor revision: the late joiner, asked to read 1.1, is not excused from 1.2.
    const next = await draft(doc.id, 'minor');
    const again = await impact(next);
    expect(again.total).toBe((await publish(next)).length);
  });
});
