import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, PROBLEM, sha256, sopBody } from './helpers/documents';
import { createUser, TestUser, usersByRole } from './helpers/factories';

describe('document history, retirement and reviews due (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
  });
  afterAll(() => t.close());

  it('gives the whole history newest first with every field to admins, quality leads and auditors', async () => {
    const ada = await createUser(t, { roles: ['approver'], name: 'Ada Approver' });
    const rita = await createUser(t, { roles: ['approver'], name: 'Rita Reviewer' });
    const doc = await d.create(u.quality_lead, { title: 'With history' });
    const v1 = doc.draftRevisionId!;
    await d
      .submit(u.quality_lead, v1, { reviewerIds: [rita.id], approverIds: [ada.id] })
      .expect(200);
    await d.sign(rita, v1, 'reviewed', { comment: 'Looks right' }).expect(201);
    await d.sign(ada, v1, 'approved').expect(201);
    const v2Body = sopBody('Second version.');
    const v2 = await d.revise(u.quality_lead, ada, doc.id, v2Body);
    const v3 = (
      await d
        .newRevision(u.quality_lead, doc.id, {
          changeLevel: 'major',
          changeSummary: 'Rework',
          reason: 'Audit finding 12',
        })
        .expect(201)
    ).body.id as string;

    await d.history(u.auditor, randomUUID()).expect(404);
    for (const role of ['admin', 'quality_lead'] as const)
      await d.history(u[role], doc.id).expect(200);
    const res = await d.history(u.auditor, doc.id).expect(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(res.body.nextCursor).toBeNull();
    expect(items.map((r) => [r.id, r.status, r.label])).toEqual([
      [v3, 'draft', null],
      [v2, 'effective', '1.1'],
      [v1, 'superseded', '1.0'],
    ]);
    const fields =
      'id documentId label status changeLevel changeSummary reason authorId contentSha256 createdAt submittedAt approvedAt effectiveFrom supersededAt proposalIds signatures';
    for (const r of items)
      expect(Object.keys(r)).toEqual(expect.arrayContaining(fields.split(' ')));
    expect(items[0]).toMatchObject({
      documentId: doc.id,
      changeLevel: 'major',
      changeSummary: 'Rework',
      reason: 'Audit finding 12',
      authorId: u.quality_lead.id,
      contentSha256: sha256(v2Body),
      submittedAt: null,
      approvedAt: null,
      effectiveFrom: null,
      proposalIds: [],
      signatures: [],
    });
    const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(items[1]).toMatchObject({
      changeLevel: 'minor',
      approvedAt: iso,
      effectiveFrom: iso,
      supersededAt: null,
    });
    expect(items[2]).toMatchObject({
      contentSha256: sha256(sopBody()),
      createdAt: iso,
      submittedAt: iso,
      approvedAt: iso,
      effectiveFrom: iso,
      supersededAt: iso,
    });
    const sigs = items[2].signatures as Record<string, unknown>[];
    expect(sigs).toEqual([
      {
        id: expect.any(String),
        signerId: rita.id,
        signerName: 'Rita Reviewer',
        meaning: 'reviewed',
        comment: 'Looks right',
        signedAt: iso,
        contentSha256: sha256(sopBody()),
        reviewRound: 1,
      },
      expect.objectContaining({
        signerId: ada.id,
        signerName: 'Ada Approver',
        meaning: 'approved',
        comment: null,
      }),
    ]);
  });

  it('retires a document after re-authentication: it and its live revisions become obsolete', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'To retire' });
    const draft = (
      await d
        .newRevision(u.quality_lead, doc.id, { changeLevel: 'minor', changeSummary: 'Pending' })
        .expect(201)
    ).body.id as string;
    const wrong = await d.retire(u.quality_lead, doc.id, {
      reason: 'Replaced',
      password: 'wrong password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(PROBLEM);
    expect((await d.getDoc(u.admin, doc.id).expect(200)).body.status).toBe('effective');

    const retired = await d
      .retire(u.quality_lead, doc.id, {
        reason: 'Replaced by SOP-GEN-9',
        password: u.quality_lead.password,
      })
      .expect(200);
    expect(retired.body).toMatchObject({
      status: 'obsolete',
      currentRevisionId: null,
      draftRevisionId: null,
    });
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    for (const id of [doc.revId, draft]) {
      const rev = (await d.getRev(u.auditor, id).expect(200)).body;
      expect(rev).toMatchObject({ status: 'obsolete', obsoletedAt: expect.any(String) });
    }
    await d.getDoc(u.staff, doc.id).expect(404);
    await d.getRev(u.staff, doc.revId).expect(404);
    const again = await d.retire(u.quality_lead, doc.id, {
      reason: 'Again',
      password: u.quality_lead.password,
    });
    expect(again.status).toBe(409);
    await d
      .newRevision(u.quality_lead, doc.id, { changeLevel: 'major', changeSummary: 'Revive' })
      .expect(409);
    await d
      .retire(u.quality_lead, randomUUID(), { reason: 'x', password: u.quality_lead.password })
      .expect(404);
    const events = await d.audit(doc.id, 'document.retired');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: u.quality_lead.id,
      data: { reason: 'Replaced by SOP-GEN-9' },
    });
  });

  it('reports effective documents whose periodic review is due before a date', async () => {
    const due = await d.publish(u.quality_lead, u.approver, { title: 'Due long ago' });
    const later = await d.publish(u.quality_lead, u.approver, { title: 'Due the day after' });
    const retired = await d.publish(u.quality_lead, u.approver, { title: 'Retired, was due' });
    const draft = await d.create(u.quality_lead, { title: 'Never effective' });
    const setDue = (id: string, date: string) =>
      t.ds.query('UPDATE documents SET next_review_due = $2 WHERE id = $1', [id, date]);
    await setDue(due.id, '2020-01-10');
    await setDue(later.id, '2020-02-02');
    await setDue(retired.id, '2020-01-05');
    await setDue(draft.id, '2020-01-05');
    await d
      .retire(u.quality_lead, retired.id, { reason: 'Gone', password: u.quality_lead.password })
      .expect(200);
    const report = (q: string, user: TestUser) =>
      request(t.http)
        .get(api(`/reports/reviews-due${q}`))
        .set(auth(user));

    const res = await report('?before=2020-02-01', u.quality_lead).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        documentId: due.id,
        documentNumber: due.number,
        revisionId: due.revId,
        label: '1.0',
        nextReviewDue: '2020-01-10',
        overdue: true,
      }),
    ]);
    const wider = (await report('?before=2020-03-01', u.auditor).expect(200)).body.items;
    expect(wider.map((i: { documentId: string }) => i.documentId)).toEqual([due.id, later.id]);
    for (const bad of [
      '?before=not-a-date',
      '?before=2020-13-01',
      '?before=2020-02-30',
      '?before=20200201',
    ]) {
      const r = await report(bad, u.admin);
      expect({ bad, status: r.status }).toEqual({ bad, status: 400 });
    }
    await report('?before=2020-02-01', u.staff).expect(403);
    await report('?before=2020-02-01', u.approver).expect(403);
  });
});
