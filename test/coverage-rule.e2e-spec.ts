import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, login, TestApp } from './helpers/app';
import { auth, docs } from './helpers/documents';
import {
  createDepartment,
  createUser,
  patchUser,
  TestUser,
  usersByRole,
} from './helpers/factories';
import { random } from './helpers/random';
import { training } from './helpers/training';

/**
 * "Who must read this document" is one rule (src/training/coverage.sql.ts) with five uses:
 * the fan-out assigns it, the withdrawal releases whom it no longer covers, the impact
 * counts it ahead, the report counts it as required and the matrix lists it per person.
 * Here one document goes through random requirements and random changes of people
 * (joins, leaves, roles, deactivation), nobody acknowledging; after each step all five
 * must name the same people: the open assignments = the report's required = the impact of
 * a major draft = the matrix's people with the document open, per department too.
 */
describe('the coverage rule agrees across fan-out, withdrawal, impact, report and matrix (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
  });
  afterAll(() => t.close());

  const get = async <T>(path: string): Promise<T> =>
    (await request(t.http).get(api(path)).set(auth(u.quality_lead)).expect(200)).body as T;

  it.each([7, 8])('seed %i: a scripted opening, then 20 random steps', async (seed) => {
    const { int, pick, chance } = random(seed);
    const d = docs(t);
    const tr = training(t);
    const depts: string[] = [];
    for (let i = 0; i < 3; i++) depts.push((await createDepartment(t)).id);
    // First two set for the scripted opening: an approver in a department, a staff member.
    const people: TestUser[] = [
      await createUser(t, { roles: ['approver'], departmentIds: [depts[0]] }),
      await createUser(t, { roles: ['staff'], departmentIds: [depts[0]] }),
    ];
    for (let i = 0; i < 6; i++)
      people.push(
        await createUser(t, {
          roles: [pick(['staff', 'approver', 'auditor'] as Role[])],
          departmentIds: depts.filter(() => chance(0.4)),
        }),
      );
    const inactive = new Set<string>();
    const doc = await d.publish(u.quality_lead, u.approver, { title: `Rule ${seed}` });
    const draft = (
      await d
        .newRevision(u.quality_lead, doc.id, { changeLevel: 'major', changeSummary: 'Next' })
        .expect(201)
    ).body.id as string;

    const leave = async (p: TestUser) => {
      p.departmentIds = (
        await patchUser(t, p.id, { departmentIds: p.departmentIds.slice(1) })
      ).body.departmentIds;
    };
    const join = async (p: TestUser, dep: string) => {
      p.departmentIds = (
        await patchUser(t, p.id, { departmentIds: [...new Set([...p.departmentIds, dep])] })
      ).body.departmentIds;
    };
    // Each use covered through each way first: by role, by name and by department, and
    // the person leaving a department while still covered otherwise.
    const opening: (() => Promise<unknown>)[] = [
      () =>
        tr.require(u.quality_lead, doc.id, {
          departmentIds: [depts[1]],
          roles: ['approver'],
          userIds: [people[1].id],
        }),
      () => leave(people[0]),
      () => join(people[1], depts[1]),
      () => leave(people[1]),
      () => patchUser(t, people[1].id, { roles: ['approver'] }),
      () => tr.require(u.quality_lead, doc.id, { departmentIds: [depts[0]] }),
    ];
    const steps: (() => Promise<unknown>)[] = [
      () =>
        tr.require(u.quality_lead, doc.id, {
          departmentIds: depts.filter(() => chance(0.5)),
          roles: chance(0.4) ? ['approver'] : [],
          userIds: people.filter(() => chance(0.25)).map((p) => p.id),
        }),
      async () => {
        const p = pick(people);
        p.departmentIds = (
          await patchUser(t, p.id, {
            departmentIds: [...new Set([...p.departmentIds, pick(depts)])],
          })
        ).body.departmentIds;
      },
      async () => {
        const p = pick(people);
        p.departmentIds = (
          await patchUser(t, p.id, { departmentIds: p.departmentIds.slice(1) })
        ).body.departmentIds;
      },
      () => patchUser(t, pick(people).id, { roles: [pick(['staff', 'approver', 'auditor'])] }),
      async () => {
        const p = pick(people);
        const active = inactive.delete(p.id);
        await patchUser(t, p.id, { active });
        if (active) p.token = await login(t, p.email, p.password);
        else inactive.add(p.id);
      },
    ];
    const done: string[] = [];
    let since = new Map<string, string>();
    for (let i = 0; i < opening.length + 20; i++) {
      const k = int(steps.length);
      await (i < opening.length ? opening[i] : steps[k])();
      done.push(i < opening.length ? `opening ${i}` : `step ${k}`);

      const assigned = await t.ds.query<
        { user_id: string; assigned_at: string; departments: string[] }[]
      >(
        `SELECT a.user_id::text, a.assigned_at::text,
                ARRAY(SELECT ud.department_id::text FROM user_departments ud
                       WHERE ud.user_id = a.user_id) AS departments
           FROM training_assignments a
          WHERE a.revision_id = $1 AND a.status IN ('pending', 'overdue')`,
        [doc.revId],
      );
      const fanout = assigned.map((a) => a.user_id).sort();
      // Still covered: the same assignment, not withdrawn and reopened (a new due date).
      const kept = assigned.filter((a) => since.has(a.user_id));
      expect({ steps: done, kept: kept.map((a) => since.get(a.user_id)) }).toEqual({
        steps: done,
        kept: kept.map((a) => a.assigned_at),
      });
      since = new Map(assigned.map((a) => [a.user_id, a.assigned_at]));
      const perDepartment = new Map<string | null, number>();
      for (const a of assigned)
        for (const dep of a.departments.length ? a.departments : [null])
          perDepartment.set(dep, (perDepartment.get(dep) ?? 0) + 1);

      const impact = await get<{
        total: number;
        departments: { departmentId: string | null; count: number }[];
      }>(`/revisions/${draft}/impact`);
      const report = await get<{ items: { documentId: string; required: number }[] }>(
        `/reports/training?documentId=${doc.id}`,
      );
      const matrix = await get<{ items: { userId: string }[] }>(
        `/reports/training/users?documentId=${doc.id}&limit=200`,
      );
      const required = report.items.find((r) => r.documentId === doc.id)?.required ?? 0;
      expect({ seed, steps: done, fanout }).toEqual({
        seed,
        steps: done,
        fanout: matrix.items.map((r) => r.userId).sort(),
      });
      expect({ steps: done, required, impact: impact.total }).toEqual({
        steps: done,
        required: fanout.length,
        impact: fanout.length,
      });
      expect(
        Object.fromEntries(impact.departments.map((x) => [String(x.departmentId), x.count])),
      ).toEqual(Object.fromEntries([...perDepartment].map(([k, n]) => [String(k), n])));
    }
  });
});
