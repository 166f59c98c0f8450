import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, PROBLEM, sopBody } from './helpers/documents';
import {
  adminToken,
  createDepartment,
  createUser,
  TestUser,
  usersByRole,
} from './helpers/factories';
import { parseCsv } from './helpers/csv';

/** CSV rows as objects keyed by the header row. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

interface Item {
  documentId: string;
  documentNumber: string;
  title: string;
  revisionId: string;
  label: string;
  required: number;
  acknowledged: number;
  overdue: number;
  pending: number;
  percent: number;
}
interface Entry {
  documentId: string;
  documentNumber: string;
  revisionId: string;
  label: string;
  dueAt: string | null;
}
interface MatrixRow {
  userId: string;
  name: string;
  email: string;
  departmentIds: string[];
  pending: Entry[];
  overdue: Entry[];
  done: number;
}

/**
 * Fixtures are real users, departments and effective documents (through the API), with
 * requirements, assignments and acknowledgements inserted as rows, after every revision is
 * effective, so the figures depend on these rows and the report's definitions alone.
 */
describe('training reports (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let A: { id: string };
  let B: { id: string };
  let E: { id: string };
  const p: Record<string, TestUser> = {};
  const doc: Record<string, { id: string; revId: string; number: string; oldRevs: string[] }> = {};
  const due: Record<string, string> = {};

  const get = (path: string, user: TestUser | string = u.auditor) =>
    request(t.http).get(api(path)).set(auth(user));
  const report = async (query = '', user: TestUser = u.auditor) =>
    (await get(`/reports/training${query}`, user).expect(200)).body.items as Item[];
  const byDoc = (items: Item[]) =>
    Object.fromEntries(
      Object.entries(doc).flatMap(([k, v]) => {
        const it = items.find((i) => i.documentId === v.id);
        return it
          ? [
              [
                k,
                [it.required, it.acknowledged, it.overdue, it.pending, it.percent] as const,
              ] as const,
            ]
          : [];
      }),
    );
  const matrixAll = async (query = '', limit = 200): Promise<MatrixRow[]> => {
    const all: MatrixRow[] = [];
    let cursor: string | null = null;
    do {
      const c: string = cursor ? `&cursor=${cursor}` : '';
      const res = await get(`/reports/training/users?limit=${limit}${query}${c}`).expect(200);
      all.push(...(res.body.items as MatrixRow[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    return all;
  };
  const row = (rows: MatrixRow[], who: string) => rows.find((r) => r.userId === p[who].id)!;
  const brief = (entries: Entry[]) =>
    entries.map((e) => [Object.keys(doc).find((k) => doc[k].id === e.documentId), e.dueAt]);

  const requirement = (
    key: string,
    r: { departmentIds?: string[]; roles?: string[]; userIds?: string[]; retrain?: boolean },
  ) =>
    t.ds.query(
      `INSERT INTO training_requirements (document_id, department_ids, roles, user_ids, due_in_days,
                                          retrain_on_minor, updated_by)
       VALUES ($1, $2::uuid[], $3::text[], $4::uuid[], 14, $5, $6)`,
      [
        doc[key].id,
        r.departmentIds ?? [],
        r.roles ?? [],
        r.userIds ?? [],
        r.retrain ?? false,
        u.admin.id,
      ],
    );
  /** An assignment due `days` from now; returns its due time as the API writes it. */
  const assign = async (user: TestUser, revId: string, days: number, status = 'pending') => {
    const [r] = await t.ds.query<{ due_at: Date }[]>(
      `INSERT INTO training_assignments (user_id, document_id, revision_id, due_at, status, completed_at)
       SELECT $1, document_id, id, date_trunc('milliseconds', now()) + make_interval(days => $3::int), $4,
              CASE WHEN $4 = 'done' THEN now() END
         FROM revisions WHERE id = $2
       RETURNING due_at`,
      [user.id, revId, days, status],
    );
    return r.due_at.toISOString();
  };
  const ack = (user: TestUser, revId: string) =>
    t.ds.query(
      `INSERT INTO acknowledgements (user_id, revision_id, document_id, content_sha256)
       SELECT $1, id, document_id, content_sha256 FROM revisions WHERE id = $2`,
      [user.id, revId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    const d = docs(t);
    A = await createDepartment(t, 'TRA', 'Training A');
    B = await createDepartment(t, 'TRB', 'Training B');
    E = await createDepartment(t, 'TRE', 'Empty');
    const people: [string, Role[], string[]][] = [
      ['a1', ['staff'], [A.id]],
      ['a2', ['staff'], [A.id]],
      ['a3', ['staff'], [A.id]],
      ['ab', ['staff'], [A.id, B.id]],
      ['auditorA', ['auditor'], [A.id]],
      ['b1', ['staff'], [B.id]],
      ['b2', ['staff'], [B.id]],
      ['n1', ['staff'], []],
    ];
    for (const [key, roles, departmentIds] of people)
      p[key] = await createUser(t, { roles, departmentIds, email: `${key}@train.test` });
    p.approver = u.approver;

    // Every revision is effective before any requirement exists (no fan-out can interfere).
    const publish = async (key: string, title = `Procedure ${key}`) => {
      const x = await d.publish(u.quality_lead, u.approver, { title });
      doc[key] = { id: x.id, revId: x.revId, number: x.number, oldRevs: [] };
    };
    const revise = async (key: string, level: 'major' | 'minor') => {
      const body = sopBody(`${key} revision ${doc[key].oldRevs.length + 2}`);
      const revId = await d.revise(u.quality_lead, u.approver, doc[key].id, body, level);
      doc[key].oldRevs.push(doc[key].revId);
      doc[key].revId = revId;
    };
    await publish('D1');
    await publish('D2');
    await publish('D3', '=HYPERLINK("http://evil.test")');
    await publish('D4');
    await revise('D4', 'minor');
    await revise('D4', 'minor');
    await publish('D5');
    await revise('D5', 'major');

    // D1: department A. a1 done, a2 pending, a3 pending past due, ab marked overdue.
    await requirement('D1', { departmentIds: [A.id] });
    await assign(p.a1, doc.D1.revId, 10, 'done');
    await ack(p.a1, doc.D1.revId);
    due.D1a2 = await assign(p.a2, doc.D1.revId, 10);
    due.D1a3 = await assign(p.a3, doc.D1.revId, -1);
    due.D1ab = await assign(p.ab, doc.D1.revId, -2, 'overdue');

    // D2: department B (and the empty one), role approver, named n1 and b1 (already covered).
    await requirement('D2', {
      departmentIds: [B.id, E.id],
      roles: ['approver'],
      userIds: [p.n1.id, p.b1.id],
    });
    await assign(p.b1, doc.D2.revId, 5, 'done');
    await ack(p.b1, doc.D2.revId);
    await assign(p.n1, doc.D2.revId, 5, 'done');
    await ack(p.n1, doc.D2.revId);
    due.D2b2 = await assign(p.b2, doc.D2.revId, 5);
    due.D2ab = await assign(p.ab, doc.D2.revId, 5);
    due.D2approver = await assign(u.approver, doc.D2.revId, -3);

    // D3: no requirement.

    // D4: 1.0 → 1.1 → 1.2, both minor, no retraining on minor revisions.
    const [d4v10, d4v11] = doc.D4.oldRevs;
    await requirement('D4', { departmentIds: [A.id] });
    await ack(p.a1, d4v10); // carried over to 1.1 and 1.2: never asked to re-read
    await ack(p.a2, d4v10);
    await assign(p.a2, d4v11, 3, 'superseded'); // asked to re-read 1.1: the carry-over ends
    await ack(p.a3, d4v11);
    due.D4a3 = await assign(p.a3, doc.D4.revId, 10); // asked to read 1.2
    await ack(p.ab, doc.D4.revId);

    // D5: 1.0 → 2.0 (major): an acknowledgement of 1.0 does not carry over.
    await requirement('D5', { departmentIds: [A.id] });
    await ack(p.a1, doc.D5.oldRevs[0]);
    due.D5a1 = await assign(p.a1, doc.D5.revId, -1);
  });
  afterAll(() => t.close());

  it('counts required, acknowledged, overdue, pending and percent per effective document', async () => {
    const items = await report();
    expect(items.map((i) => i.documentId)).toEqual(
      ['D1', 'D2', 'D3', 'D4', 'D5'].map((k) => doc[k].id),
    );
    expect(byDoc(items)).toEqual({
      // [required, acknowledged, overdue, pending, percent]
      D1: [4, 1, 2, 1, 25], // A's four who acknowledge; the auditor member is not counted
      D2: [5, 2, 1, 2, 40], // b1 b2 ab, the approver, n1 (b1 named too: counted once)
      D3: [0, 0, 0, 0, 100], // no requirement: listed, nobody required
      D4: [4, 2, 0, 2, 50], // a1 by carry-over, ab on 1.2; a2 and a3 were asked to re-read
      D5: [4, 0, 1, 3, 0], // 1.0 acknowledged does not count for 2.0
    });
    const d4 = items.find((i) => i.documentId === doc.D4.id)!;
    expect(d4).toMatchObject({
      documentNumber: doc.D4.number,
      title: 'Procedure D4',
      revisionId: doc.D4.revId,
      label: '1.2',
    });
  });

  it('re-training on minor revisions ends the carry-over', async () => {
    await t.ds.query(
      `UPDATE training_requirements SET retrain_on_minor = true WHERE document_id = $1`,
      [doc.D4.id],
    );
    try {
      expect(byDoc(await report(`?documentId=${doc.D4.id}`)).D4).toEqual([4, 1, 0, 3, 25]);
    } finally {
      await t.ds.query(
        `UPDATE training_requirements SET retrain_on_minor = false WHERE document_id = $1`,
        [doc.D4.id],
      );
    }
  });

  it("filters by department: that department's members, documents that cover them", async () => {
    expect(byDoc(await report(`?departmentId=${A.id}`))).toEqual({
      D1: [4, 1, 2, 1, 25],
      D2: [1, 0, 0, 1, 0], // ab, a member of A, is required through B
      D4: [4, 2, 0, 2, 50],
      D5: [4, 0, 1, 3, 0],
    });
    expect(byDoc(await report(`?departmentId=${B.id}`))).toEqual({
      D1: [1, 0, 1, 0, 0],
      D2: [3, 1, 0, 2, 33.3],
      D4: [1, 1, 0, 0, 100],
      D5: [1, 0, 0, 1, 0],
    });
    // named by D2's requirement, but nobody in it
    expect(byDoc(await report(`?departmentId=${E.id}`))).toEqual({ D2: [0, 0, 0, 0, 100] });
    const other = await createDepartment(t, 'TRX', 'Not required anywhere');
    expect(await report(`?departmentId=${other.id}`)).toEqual([]);
    expect(await report(`?departmentId=${randomUUID()}`)).toEqual([]);
  });

  it('filters by document', async () => {
    const items = await report(`?documentId=${doc.D2.id}`);
    expect(items.map((i) => i.documentId)).toEqual([doc.D2.id]);
    expect(byDoc(await report(`?documentId=${doc.D2.id}&departmentId=${B.id}`))).toEqual({
      D2: [3, 1, 0, 2, 33.3],
    });
    expect(await report(`?documentId=${randomUUID()}`)).toEqual([]);
    expect(byDoc(await report(`?documentId=${doc.D3.id}`))).toEqual({ D3: [0, 0, 0, 0, 100] });
  });

  it('gives the same report as CSV with Accept: text/csv', async () => {
    const json = await report();
    const res = await get('/reports/training')
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse((r, cb) => {
        let s = '';
        r.on('data', (c: Buffer) => (s += c.toString('utf8')));
        r.on('end', () => cb(null, s));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers.vary).toMatch(/Accept/);
    const [header] = parseCsv(res.body as string);
    expect(header).toEqual([
      'documentId',
      'documentNumber',
      'title',
      'revisionId',
      'label',
      'required',
      'acknowledged',
      'overdue',
      'pending',
      'percent',
    ]);
    const rows = csvObjects(res.body as string);
    expect(rows).toEqual(
      json.map((i) => ({
        ...Object.fromEntries(Object.entries(i).map(([k, v]) => [k, String(v)])),
        // a spreadsheet must not run a title as a formula
        title: i.title.startsWith('=') ? `'${i.title}` : i.title,
      })),
    );
    expect(rows.find((r) => r.documentId === doc.D3.id)!.title).toBe(
      `'=HYPERLINK("http://evil.test")`,
    );
    // JSON stays the default, and wins when preferred
    await get('/reports/training').set('Accept', '*/*').expect('Content-Type', /json/);
    await get('/reports/training')
      .set('Accept', 'application/json, text/csv;q=0.5')
      .expect('Content-Type', /json/);
  });

  it('is for admins, quality leads and auditors only', async () => {
    for (const role of ['admin', 'quality_lead', 'auditor'] as Role[]) {
      await get('/reports/training', u[role]).expect(200);
      await get('/reports/training/users', u[role]).expect(200);
    }
    for (const role of ['staff', 'approver'] as Role[]) {
      await get('/reports/training', u[role]).expect(403).expect('Content-Type', PROBLEM);
      await get('/reports/training/users', u[role]).expect(403);
      await get('/reports/training', u[role]).set('Accept', 'text/csv').expect(403);
    }
    await request(t.http).get(api('/reports/training')).expect(401);
    await request(t.http).get(api('/reports/training/users')).expect(401);
  });

  it('refuses malformed ids and cursors with 400', async () => {
    for (const path of [
      '/reports/training?departmentId=nope',
      '/reports/training?documentId=123',
      "/reports/training?documentId=' OR 1=1 --",
      '/reports/training?unknown=1',
      '/reports/training/users?departmentId=nope',
      '/reports/training/users?cursor=not-a-cursor',
      '/reports/training/users?limit=0',
      '/reports/training/users?limit=201',
    ]) {
      const res = await get(path).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    await get('/reports/training?departmentId=nope').set('Accept', 'text/csv').expect(400);
    await get('/reports/training/users?departmentId=nope').set('Accept', 'text/csv').expect(400);
  });

  it("lists each active user's pending and overdue documents, and how many are done", async () => {
    const rows = await matrixAll();
    const emails = rows.map((r) => r.email);
    expect(emails).toEqual([...emails].sort());
    expect(row(rows, 'a1')).toMatchObject({
      name: 'Test User',
      email: 'a1@train.test',
      departmentIds: [A.id],
      done: 2,
      pending: [],
      overdue: [
        {
          documentId: doc.D5.id,
          documentNumber: doc.D5.number,
          revisionId: doc.D5.revId,
          label: '2.0',
          dueAt: due.D5a1,
        },
      ],
    });
    const summary = (who: string) => {
      const r = row(rows, who);
      return { done: r.done, pending: brief(r.pending), overdue: brief(r.overdue) };
    };
    expect(summary('a2')).toEqual({
      done: 0,
      // by due time (unassigned last), then number
      pending: [
        ['D1', due.D1a2],
        ['D4', null],
        ['D5', null],
      ],
      overdue: [],
    });
    expect(summary('a3')).toEqual({
      done: 0,
      pending: [
        ['D4', due.D4a3],
        ['D5', null],
      ],
      overdue: [['D1', due.D1a3]],
    });
    expect(summary('ab')).toEqual({
      done: 1,
      pending: [
        ['D2', due.D2ab],
        ['D5', null],
      ],
      overdue: [['D1', due.D1ab]],
    });
    expect(row(rows, 'ab').departmentIds).toEqual([A.id, B.id].sort());
    expect(summary('auditorA')).toEqual({ done: 0, pending: [], overdue: [] });
    expect(summary('b1')).toEqual({ done: 1, pending: [], overdue: [] });
    expect(summary('b2')).toEqual({ done: 0, pending: [['D2', due.D2b2]], overdue: [] });
    expect(summary('n1')).toEqual({ done: 1, pending: [], overdue: [] });
    expect(summary('approver')).toEqual({
      done: 0,
      pending: [],
      overdue: [['D2', due.D2approver]],
    });

    // the same definitions as the per-document report
    const items = await report();
    const sum = (f: (i: Item) => number) => items.reduce((s, i) => s + f(i), 0);
    expect(rows.reduce((s, r) => s + r.done, 0)).toBe(sum((i) => i.acknowledged));
    expect(rows.reduce((s, r) => s + r.pending.length, 0)).toBe(sum((i) => i.pending));
    expect(rows.reduce((s, r) => s + r.overdue.length, 0)).toBe(sum((i) => i.overdue));
  });

  it('pages the matrix by e-mail and filters it by department', async () => {
    const all = await matrixAll();
    const paged = await matrixAll('', 2);
    expect(paged).toEqual(all);
    const first = await get('/reports/training/users?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');

    const inB = await matrixAll(`&departmentId=${B.id}`);
    expect(inB.map((r) => r.email)).toEqual(['ab@train.test', 'b1@train.test', 'b2@train.test']);
    // a member's whole training, not only what their department requires
    expect(inB[0]).toEqual(row(all, 'ab'));
    expect(await matrixAll(`&departmentId=${randomUUID()}`)).toEqual([]);
  });

  it('gives the whole matrix as CSV, one row per user and open item', async () => {
    const all = await matrixAll();
    const res = await get('/reports/training/users?limit=1')
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse((r, cb) => {
        let s = '';
        r.on('data', (c: Buffer) => (s += c.toString('utf8')));
        r.on('end', () => cb(null, s));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = csvObjects(res.body as string);
    const expected = all.flatMap((r) => {
      const base = {
        userId: r.userId,
        name: r.name,
        email: r.email,
        departmentIds: r.departmentIds.join(';'),
        done: String(r.done),
      };
      const item = (state: string) => (e: Entry) => ({
        ...base,
        state,
        documentId: e.documentId,
        documentNumber: e.documentNumber,
        revisionId: e.revisionId,
        label: e.label,
        dueAt: e.dueAt ?? '',
      });
      const open = [...r.pending.map(item('pending')), ...r.overdue.map(item('overdue'))];
      const none = {
        ...base,
        state: '',
        documentId: '',
        documentNumber: '',
        revisionId: '',
        label: '',
        dueAt: '',
      };
      return open.length ? open : [none];
    });
    expect(rows).toEqual(expected);
    expect(rows.filter((r) => r.email === 'a2@train.test')).toHaveLength(3);
  });

  it('sums the per-document report per department', async () => {
    const res = await get('/reports/training/departments').expect(200);
    const items = res.body.items as (Omit<Item, 'documentId'> & {
      departmentId: string;
      code: string;
      name: string;
    })[];
    const dept = (id: string) => {
      const i = items.find((x) => x.departmentId === id)!;
      return [i.required, i.acknowledged, i.overdue, i.pending, i.percent];
    };
    // A: D1 [4,1,2,1] + D2 [1,0,0,1] + D4 [4,2,0,2] + D5 [4,0,1,3]
    expect(dept(A.id)).toEqual([13, 3, 3, 7, 23.1]);
    // B: D1 [1,0,1,0] + D2 [3,1,0,2] + D4 [1,1,0,0] + D5 [1,0,0,1]
    expect(dept(B.id)).toEqual([6, 2, 1, 3, 33.3]);
    expect(dept(E.id)).toEqual([0, 0, 0, 0, 100]);
    expect(items.find((x) => x.departmentId === A.id)).toMatchObject({
      code: 'TRA',
      name: 'Training A',
    });
    const codes = items.map((i) => i.code);
    expect(codes).toEqual([...codes].sort());
    await get('/reports/training/departments', u.staff).expect(403);
    await get('/reports/training/departments', u.approver).expect(403);
  });

  it("drills down to the people behind a document's figures", async () => {
    const summary = (rows: MatrixRow[]) =>
      Object.fromEntries(
        rows.map((r) => [
          Object.keys(p).find((k) => p[k].id === r.userId),
          [r.done, brief(r.pending), brief(r.overdue)],
        ]),
      );
    // D1: A's four who acknowledge (not the auditor), only D1 in their items
    expect(summary(await matrixAll(`&documentId=${doc.D1.id}`))).toEqual({
      a1: [1, [], []],
      a2: [0, [['D1', due.D1a2]], []],
      a3: [0, [], [['D1', due.D1a3]]],
      ab: [0, [], [['D1', due.D1ab]]],
    });
    // D4: a1 by carry-over, ab on 1.2
    expect(summary(await matrixAll(`&documentId=${doc.D4.id}`))).toEqual({
      a1: [1, [], []],
      a2: [0, [['D4', null]], []],
      a3: [0, [['D4', due.D4a3]], []],
      ab: [1, [], []],
    });
    const d1Overdue = await matrixAll(`&documentId=${doc.D1.id}&overdue=true`);
    expect(d1Overdue.map((r) => r.email)).toEqual(['a3@train.test', 'ab@train.test']);
    const d1 = (await report(`?documentId=${doc.D1.id}`))[0];
    expect(d1Overdue).toHaveLength(d1.overdue);
    // anyone with something overdue, with their whole training
    const overdue = await matrixAll('&overdue=true');
    expect(overdue.map((r) => r.userId)).toEqual(
      (await matrixAll()).filter((r) => r.overdue.length > 0).map((r) => r.userId),
    );
    expect(overdue.map((r) => r.email)).toEqual([
      'a1@train.test',
      'a3@train.test',
      'ab@train.test',
      u.approver.email,
    ]);
    expect(await matrixAll(`&overdue=true&departmentId=${B.id}`)).toEqual([row(overdue, 'ab')]);
    expect(await matrixAll(`&documentId=${doc.D3.id}`)).toEqual([]);
    expect(await matrixAll(`&documentId=${randomUUID()}`)).toEqual([]);
    // paging keeps the filters
    expect(await matrixAll(`&documentId=${doc.D1.id}`, 1)).toEqual(
      await matrixAll(`&documentId=${doc.D1.id}`),
    );
    // CSV too
    const csv = await get(`/reports/training/users?documentId=${doc.D1.id}&overdue=true`)
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse((r, cb) => {
        let s = '';
        r.on('data', (c: Buffer) => (s += c.toString('utf8')));
        r.on('end', () => cb(null, s));
      })
      .expect(200);
    expect(csvObjects(csv.body as string).map((r) => [r.email, r.state])).toEqual([
      ['a3@train.test', 'overdue'],
      ['ab@train.test', 'overdue'],
    ]);
    for (const bad of ['documentId=nope', 'overdue=yes'])
      await get(`/reports/training/users?${bad}`).expect(400).expect('Content-Type', PROBLEM);
  });

  it('counts a change of departments at once, also one made straight in the database', async () => {
    await t.ds.query(`INSERT INTO user_departments (user_id, department_id) VALUES ($1, $2)`, [
      p.n1.id,
      A.id,
    ]);
    try {
      const joined = byDoc(await report());
      expect(joined.D1).toEqual([5, 1, 2, 2, 20]);
      expect(joined.D2).toEqual([5, 2, 1, 2, 40]); // named already
      expect(byDoc(await report(`?departmentId=${A.id}`)).D1).toEqual([5, 1, 2, 2, 20]);
    } finally {
      await t.ds.query(`DELETE FROM user_departments WHERE user_id = $1 AND department_id = $2`, [
        p.n1.id,
        A.id,
      ]);
    }
    expect(byDoc(await report()).D1).toEqual([4, 1, 2, 1, 25]);
  });

  it('answers callers at the same time with one JSON answer, and a later caller afresh', async () => {
    const before = await report();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => get('/reports/training').expect(200)),
    );
    for (const res of answers) {
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.text).toBe(answers[0].text);
      expect(res.body).toEqual({ items: before });
    }
    await t.ds.query(`INSERT INTO user_departments (user_id, department_id) VALUES ($1, $2)`, [
      p.n1.id,
      A.id,
    ]);
    try {
      expect(byDoc(await report()).D1).toEqual([5, 1, 2, 2, 20]);
    } finally {
      await t.ds.query(`DELETE FROM user_departments WHERE user_id = $1 AND department_id = $2`, [
        p.n1.id,
        A.id,
      ]);
    }
  });

  it('counts active users only: a deactivated user drops out', async () => {
    await request(t.http)
      .patch(api(`/users/${p.a2.id}`))
      .set(auth(await adminToken(t)))
      .send({ active: false })
      .expect(200);
    const after = byDoc(await report());
    expect(after.D1).toEqual([3, 1, 2, 0, 33.3]);
    expect(after.D4).toEqual([3, 2, 0, 1, 66.7]);
    expect(after.D5).toEqual([3, 0, 1, 2, 0]);
    expect(after.D2).toEqual([5, 2, 1, 2, 40]);
    expect((await matrixAll()).some((r) => r.userId === p.a2.id)).toBe(false);
    expect(byDoc(await report(`?departmentId=${A.id}`)).D1).toEqual([3, 1, 2, 0, 33.3]);
  });
});
