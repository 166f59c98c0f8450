import request from 'supertest';
import { CountRow, differences, recount } from '../bench/training-recount';
import { Role } from '../src/common/roles';
import { api, createTestApp, login, TestApp } from './helpers/app';
import { auth, docs, sopBody } from './helpers/documents';
import {
  createDepartment,
  createUser,
  patchUser,
  TestUser,
  usersByRole,
} from './helpers/factories';
import { random } from './helpers/random';
import { training } from './helpers/training';

interface Item {
  documentId: string;
  required: number;
  acknowledged: number;
  overdue: number;
}

/**
 * The training report reads counts kept by triggers (training_report_counts). After each
 * step of random sequences of what changes them — fan-outs (new revisions, requirements),
 * acknowledgements, joins, leaves, role changes, deactivations, time making assignments
 * late and overdue runs — every figure equals the full recount (bench/training-recount.ts):
 * for everyone, per department, per document and in the department summary.
 */
describe('training report: kept counts equal the full recount (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
  });
  afterAll(() => t.close());

  const get = async <T>(path: string): Promise<T> =>
    (await request(t.http).get(api(path)).set(auth(u.auditor)).expect(200)).body as T;
  const asRows = (items: Item[]): CountRow[] =>
    items.map((i) => ({
      document_id: i.documentId,
      required: i.required,
      acknowledged: i.acknowledged,
      overdue: i.overdue,
    }));

  /** Every scope the report offers, against the recount; the differences (none: equal). */
  const compare = async (departmentIds: string[], documentIds: string[]): Promise<string[]> => {
    const query = async <T>(sql: string, params: unknown[]) => t.ds.query<T[]>(sql, params);
    const found: string[] = [];
    const summary = await get<{ items: (Item & { departmentId: string })[] }>(
      '/reports/training/departments',
    );
    for (const dep of [null, ...departmentIds]) {
      const got = asRows(
        (await get<{ items: Item[] }>(`/reports/training${dep ? `?departmentId=${dep}` : ''}`))
          .items,
      );
      const want = await recount(query, dep, null);
      found.push(...differences(got, want).map((d) => `department ${dep}: ${d}`));
      if (!dep) continue;
      const s = summary.items.find((i) => i.departmentId === dep)!;
      const sum = (f: (r: CountRow) => number) => want.reduce((n, r) => n + f(r), 0);
      const expected = [sum((r) => r.required), sum((r) => r.acknowledged), sum((r) => r.overdue)];
      const have = [s.required, s.acknowledged, s.overdue].join('/');
      if (have !== expected.join('/'))
        found.push(`summary ${dep}: ${have} vs recount ${expected.join('/')}`);
    }
    for (const doc of documentIds) {
      const got = asRows(
        (await get<{ items: Item[] }>(`/reports/training?documentId=${doc}`)).items,
      );
      found.push(...differences(got, await recount(query, null, doc)).map((d) => `document: ${d}`));
    }
    return found;
  };

  it.each([1, 2, 3])('seed %i: 30 random steps', async (seed) => {
    const r = random(seed);
    const d = docs(t);
    const tr = training(t);
    const depts: string[] = [];
    for (let i = 0; i < 3; i++) depts.push((await createDepartment(t)).id);
    const people: TestUser[] = [];
    for (let i = 0; i < 9; i++)
      people.push(
        await createUser(t, {
          roles: [r.pick(['staff', 'staff', 'approver', 'auditor'] as Role[])],
          departmentIds: depts.filter(() => r.chance(0.4)),
        }),
      );
    const inactive = new Set<string>();
    const documents: { id: string; revId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const doc = await d.publish(u.quality_lead, u.approver, { title: `Counts ${seed}.${i}` });
      documents.push({ id: doc.id, revId: doc.revId });
    }
    const requirement = (doc: { id: string }) =>
      tr.require(u.quality_lead, doc.id, {
        departmentIds: depts.filter(() => r.chance(0.5)),
        roles: r.chance(0.3) ? ['approver'] : [],
        userIds: people.filter(() => r.chance(0.2)).map((p) => p.id),
        dueInDays: r.pick([0, 7]),
        retrainOnMinor: r.chance(0.3),
      });
    for (const doc of documents.slice(0, 2)) await requirement(doc);

    const steps: Record<string, () => Promise<unknown>> = {
      revision: async () => {
        const doc = r.pick(documents);
        const level = r.chance(0.6) ? 'minor' : 'major';
        doc.revId = await d.revise(
          u.quality_lead,
          u.approver,
          doc.id,
          sopBody(`${r.int(1e9)}`),
          level,
        );
      },
      requirement: () => requirement(r.pick(documents)),
      acknowledge: async () => {
        for (const p of people.filter((x) => !inactive.has(x.id) && r.chance(0.5)))
          await tr.ack(p, r.pick(documents).revId);
      },
      join: () => {
        const p = r.pick(people);
        return patchUser(t, p.id, {
          departmentIds: [...new Set([...p.departmentIds, r.pick(depts)])],
        }).then((res) => (p.departmentIds = res.body.departmentIds));
      },
      leave: () => {
        const p = r.pick(people);
        return patchUser(t, p.id, { departmentIds: p.departmentIds.slice(1) }).then(
          (res) => (p.departmentIds = res.body.departmentIds),
        );
      },
      roles: () =>
        patchUser(t, r.pick(people).id, { roles: [r.pick(['staff', 'approver', 'auditor'])] }),
      deactivate: async () => {
        const p = r.pick(people);
        const active = inactive.has(p.id);
        await patchUser(t, p.id, { active });
        if (active) {
          inactive.delete(p.id);
          p.token = await login(t, p.email, p.password); // deactivation ended its sessions
        } else inactive.add(p.id);
      },
      late: () =>
        t.ds.query(
          `UPDATE training_assignments SET due_at = now() - interval '1 minute'
            WHERE id IN (SELECT id FROM training_assignments
                          WHERE status = 'pending' AND revision_id = ANY($1::uuid[])
                          ORDER BY md5(id::text || $2) LIMIT 3)`,
          [documents.map((x) => x.revId), String(r.int(1e9))],
        ),
      overdue: () => tr.runOverdue(),
    };
    const names = Object.keys(steps);
    const done: string[] = [];
    for (let i = 0; i < 30; i++) {
      const step = r.pick(names);
      await steps[step]();
      done.push(step);
      const found = await compare(
        depts,
        documents.map((x) => x.id),
      );
      expect({ seed, steps: done, found }).toEqual({ seed, steps: done, found: [] });
    }
  });
});
