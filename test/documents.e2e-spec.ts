import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, Doc, docs, PROBLEM, sha256, sopBody } from './helpers/documents';
import {
  adminToken,
  createDepartment,
  createUser,
  TestUser,
  usersByRole,
} from './helpers/factories';

describe('documents (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let qa: { id: string; code: string; name: string };
  const list = async (user: TestUser, query = '') =>
    (
      await request(t.http)
        .get(api(`/documents?limit=200&${query}`))
        .set(auth(user))
        .expect(200)
    ).body.items as Doc[];
  const ids = (items: { id: string }[]) => items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    qa = await createDepartment(t, 'QA', 'Quality Assurance');
  });
  afterAll(() => t.close());

  it('numbers documents TYPE-DEPT-NNNN, counting per type prefix and department (GEN without one)', async () => {
    const ops = await createDepartment(t, 'OPS', 'Operations');
    const number = async (type: string, departmentId?: string) =>
      (await d.create(u.quality_lead, { type, departmentId, body: 'x' })).number;
    expect(await number('sop', qa.id)).toBe('SOP-QA-0001');
    expect(await number('sop', qa.id)).toBe('SOP-QA-0002');
    expect(await number('work_instruction', qa.id)).toBe('WI-QA-0001');
    expect(await number('policy', qa.id)).toBe('POL-QA-0001');
    expect(await number('form', qa.id)).toBe('FRM-QA-0001');
    expect(await number('sop')).toBe('SOP-GEN-0001');
    expect(await number('sop', ops.id)).toBe('SOP-OPS-0001');
    expect(await number('sop', qa.id)).toBe('SOP-QA-0003');
  });

  it('gives 20 concurrent creations in one prefix 20 distinct consecutive numbers', async () => {
    const dept = await createDepartment(t, 'CONC', 'Concurrency');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        d.createDoc(u.quality_lead, { title: `Parallel ${i}`, departmentId: dept.id, body: 'x' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `SOP-CONC-${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('creates a draft document whose first revision is filled from the template', async () => {
    const res = await d
      .createDoc(u.quality_lead, {
        title: 'Calibrating the scales',
        type: 'work_instruction',
        departmentId: qa.id,
      })
      .expect(201);
    const doc = res.body as Doc;
    expect(doc).toMatchObject({
      number: expect.stringMatching(/^WI-QA-\d{4}$/),
      title: 'Calibrating the scales',
      type: 'work_instruction',
      status: 'draft',
      departmentId: qa.id,
      ownerId: u.quality_lead.id,
      currentRevisionId: null,
      draftRevisionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nextReviewDue: null,
    });
    const rev = (await d.getRev(u.quality_lead, doc.draftRevisionId!).expect(200)).body;
    expect(rev).toMatchObject({ status: 'draft', changeLevel: 'major', label: null });
    expect(rev.body).toContain('# Calibrating the scales');
    expect(rev.body).toContain(`| ${doc.number}`);
    expect(rev.body).toContain('| Quality Assurance');
    expect(rev.body).toContain('## Safety and precautions');
    expect(rev.body).not.toContain('{{');

    const general = await d
      .createDoc(u.admin, { title: 'Data protection', type: 'policy', templateKey: 'policy' })
      .expect(201);
    const body = (await d.getRev(u.admin, general.body.draftRevisionId).expect(200)).body.body;
    expect(body).toContain(general.body.number);
    expect(body).toContain('## Policy statement');
    expect(body).not.toContain('{{');
  });

  it('takes the first body from `body` when given, and records document.created', async () => {
    const text = '## Purpose\n\nOwn words, not the template.\n';
    const doc = await d.create(u.quality_lead, { title: 'Own body', body: text });
    const rev = (await d.getRev(u.quality_lead, doc.draftRevisionId!).expect(200)).body;
    expect(rev.body).toBe(text);
    expect(rev.contentSha256).toBe(sha256(text));
    const [event] = await d.audit(doc.id, 'document.created');
    expect(event).toMatchObject({
      actorId: u.quality_lead.id,
      data: { number: doc.number, title: 'Own body', type: 'sop' },
    });
  });

  it('refuses another type’s template, an unknown template, department or owner (400, nothing created)', async () => {
    const inactive = await createUser(t, { roles: ['quality_lead'] });
    await request(t.http)
      .patch(api(`/users/${inactive.id}`))
      .set(auth(await adminToken(t)))
      .send({ active: false })
      .expect(200);
    const count = async () =>
      (await t.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM documents'))[0].n;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'sop', templateKey: 'policy' }, 'templateKey'],
      [{ type: 'form', templateKey: 'work-instruction' }, 'templateKey'],
      [{ type: 'sop', templateKey: 'no-such-template' }, 'templateKey'],
      [{ type: 'sop', departmentId: randomUUID() }, 'departmentId'],
      [{ type: 'sop', ownerId: randomUUID() }, 'ownerId'],
      [{ type: 'sop', ownerId: inactive.id }, 'ownerId'],
      [{ type: 'memo' }, 'type'],
      [{ type: 'sop', title: '   ' }, 'title'],
    ];
    for (const [body, field] of cases) {
      const res = await d.createDoc(u.quality_lead, { title: 'Refused', ...body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('lets admins and quality leads create documents; approvers, staff and auditors get 403', async () => {
    for (const role of ['admin', 'quality_lead'] as const) {
      await d.createDoc(u[role], { title: `By ${role}`, body: 'x' }).expect(201);
    }
    for (const role of ['approver', 'staff', 'auditor'] as const) {
      const res = await d.createDoc(u[role], { title: `By ${role}`, body: 'x' });
      expect({ role, status: res.status }).toEqual({ role, status: 403 });
    }
    const titles = (await list(u.admin)).map((x) => x.title);
    expect(titles).toEqual(expect.arrayContaining(['By admin', 'By quality_lead']));
    expect(titles).not.toContain('By staff');
  });

  it('answers 403 to auditors (and staff) on every write, and changes nothing', async () => {
    const eff = await d.publish(u.quality_lead, u.approver, { title: 'Read only' });
    const draft = await d.create(u.quality_lead, { title: 'Draft for writes' });
    const inReview = await d.create(u.quality_lead, { title: 'In review for writes' });
    await d.submit(u.quality_lead, inReview.draftRevisionId!, { approverIds: [u.approver.id] });
    const etag = (await d.getRev(u.admin, draft.draftRevisionId!).expect(200)).headers.etag;
    for (const role of ['auditor', 'staff'] as const) {
      const who = u[role];
      const statuses = [
        (await d.createDoc(who, { title: 'No', body: 'x' })).status,
        (await d.newRevision(who, eff.id, { changeLevel: 'minor', changeSummary: 'No' })).status,
        (await d.patchRev(who, draft.draftRevisionId!, etag, { body: 'changed' })).status,
        (await d.submit(who, draft.draftRevisionId!, { approverIds: [u.approver.id] })).status,
        (await d.sign(who, inReview.draftRevisionId!, 'approved')).status,
        (await d.retire(who, eff.id, { reason: 'No', password: who.password })).status,
      ];
      expect({ role, statuses }).toEqual({ role, statuses: Array(6).fill(403) });
    }
    expect((await d.getDoc(u.admin, eff.id).expect(200)).body.status).toBe('effective');
    const rev = await d.getRev(u.admin, draft.draftRevisionId!).expect(200);
    expect(rev.body).toMatchObject({ status: 'draft', body: sopBody() });
    expect(rev.headers.etag).toBe(etag);
    const sigs = (await d.getRev(u.admin, inReview.draftRevisionId!).expect(200)).body.signatures;
    expect(sigs).toEqual([]);
  });

  it('shows staff and approvers effective documents only; readers-of-all see drafts too', async () => {
    const draft = await d.create(u.quality_lead, { title: 'Hidden draft' });
    const eff = await d.publish(u.quality_lead, u.admin, { title: 'Published one' });
    for (const role of ['staff', 'approver'] as const) {
      await d.getDoc(u[role], draft.id).expect(404);
      await d.getRev(u[role], draft.draftRevisionId!).expect(404);
      const listed = ids(await list(u[role]));
      expect(listed).not.toContain(draft.id);
      expect(listed).toContain(eff.id);
      const doc = (await d.getDoc(u[role], eff.id).expect(200)).body;
      expect(doc).toMatchObject({ status: 'effective', currentRevisionId: eff.revId });
      const rev = (await d.getRev(u[role], eff.revId).expect(200)).body;
      expect(rev).toMatchObject({ status: 'effective', label: '1.0' });
    }
    for (const role of ['admin', 'quality_lead', 'auditor'] as const) {
      await d.getDoc(u[role], draft.id).expect(200);
      await d.getRev(u[role], draft.draftRevisionId!).expect(200);
      expect(ids(await list(u[role]))).toContain(draft.id);
    }
    await d.getDoc(u.admin, randomUUID()).expect(404);
    await d.getDoc(u.admin, 'not-a-uuid').expect(400);
  });

  it('lets an approver see a revision assigned to them only while it is in review', async () => {
    const assigned = await createUser(t, { roles: ['approver'] });
    const doc = await d.create(u.quality_lead, { title: 'For assigned eyes' });
    const revId = doc.draftRevisionId!;
    await d.submit(u.quality_lead, revId, { approverIds: [assigned.id] }).expect(200);
    expect((await d.getDoc(assigned, doc.id).expect(200)).body.draftRevisionId).toBe(revId);
    expect((await d.getRev(assigned, revId).expect(200)).body.body).toBe(sopBody());
    expect(ids(await list(assigned))).toContain(doc.id);
    await d.getRev(u.approver, revId).expect(404); // another approver, not assigned
    await d.getDoc(u.staff, doc.id).expect(404);
    await d.sign(assigned, revId, 'rejected', { comment: 'Not yet' }).expect(201);
    await d.getRev(assigned, revId).expect(404); // a draft again
    await d.getDoc(assigned, doc.id).expect(404);
  });

  it('does not tell staff about an open revision of an effective document unless they must sign it', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Open revision hidden' });
    const draft = await d
      .newRevision(u.quality_lead, doc.id, { changeLevel: 'minor', changeSummary: 'Wording' })
      .expect(201);
    expect((await d.getDoc(u.staff, doc.id).expect(200)).body.draftRevisionId).toBeNull();
    const listed = (await list(u.staff)).find((i) => i.id === doc.id);
    expect(listed).toMatchObject({ currentRevisionId: doc.revId, draftRevisionId: null });
    expect((await d.getDoc(u.auditor, doc.id).expect(200)).body.draftRevisionId).toBe(
      draft.body.id,
    );
  });

  it('filters the list by status, type, department and words in the number or title', async () => {
    const pol = await d.publish(u.quality_lead, u.approver, {
      title: 'Zanzibar policy',
      type: 'policy',
      departmentId: qa.id,
      body: undefined,
    });
    const byStatus = await list(u.admin, 'status=effective');
    expect(byStatus.every((x) => x.status === 'effective')).toBe(true);
    expect(ids(byStatus)).toContain(pol.id);
    const byType = await list(u.admin, 'type=policy');
    expect(byType.length).toBeGreaterThan(0);
    expect(byType.every((x) => x.type === 'policy')).toBe(true);
    const byDept = await list(u.admin, `departmentId=${qa.id}`);
    expect(byDept.every((x) => x.departmentId === qa.id)).toBe(true);
    expect(ids(await list(u.admin, 'q=zanzibar'))).toEqual([pol.id]);
    expect(ids(await list(u.admin, `q=${pol.number}`))).toEqual([pol.id]);
    await request(t.http).get(api('/documents?status=bogus')).set(auth(u.admin)).expect(400);
  });
});
