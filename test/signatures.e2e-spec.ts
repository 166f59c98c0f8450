import { Role } from '../src/common/roles';
import { createTestApp, TestApp } from './helpers/app';
import { addMonths, docs, PROBLEM, sha256, sopBody } from './helpers/documents';
import { createUser, TestUser, usersByRole } from './helpers/factories';

describe('signatures and approval (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let a1: TestUser;
  let a2: TestUser;
  const rev = async (id: string) => (await d.getRev(u.auditor, id).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
    a1 = await createUser(t, { roles: ['approver'], name: 'Anna First' });
    a2 = await createUser(t, { roles: ['approver'], name: 'Ben Second' });
  });
  afterAll(() => t.close());

  /** A new document's first revision, submitted with these signers. */
  async function inReview(approvers: TestUser[], reviewers: TestUser[] = [], extra = {}) {
    const doc = await d.create(u.quality_lead, { title: 'Signed doc', ...extra });
    const revId = doc.draftRevisionId!;
    await d
      .submit(u.quality_lead, revId, {
        approverIds: approvers.map((x) => x.id),
        reviewerIds: reviewers.map((x) => x.id),
      })
      .expect(200);
    return { doc, revId };
  }

  it('signs after re-authentication; the last approval makes the revision 1.0 and effective', async () => {
    const { doc, revId } = await inReview([a1], [], { reviewIntervalMonths: 7 });
    const res = await d.sign(a1, revId, 'approved').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      signerId: a1.id,
      signerName: 'Anna First',
      meaning: 'approved',
      comment: null,
      signedAt: expect.any(String),
      contentSha256: sha256(sopBody()),
      reviewRound: 1,
    });
    const r = await rev(revId);
    expect(r).toMatchObject({ status: 'effective', label: '1.0' });
    expect(Date.parse(r.approvedAt)).toBeLessThanOrEqual(Date.parse(r.effectiveFrom));
    const got = (await d.getDoc(u.staff, doc.id).expect(200)).body;
    expect(got).toMatchObject({
      status: 'effective',
      currentRevisionId: revId,
      draftRevisionId: null,
    });
    expect(got.nextReviewDue).toBe(addMonths(r.effectiveFrom.slice(0, 10), 7));

    const [applied] = await d.audit(revId, 'signature.applied');
    expect(applied).toMatchObject({
      actorId: a1.id,
      data: { signatureId: res.body.id, meaning: 'approved', contentSha256: sha256(sopBody()) },
    });
    expect(await d.audit(revId, 'revision.approved')).toEqual([
      expect.objectContaining({ actorId: a1.id, data: expect.objectContaining({ label: '1.0' }) }),
    ]);
    expect(await d.audit(revId, 'revision.effective')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ label: '1.0', supersedes: null }),
      }),
    ]);
  });

  it('refuses a wrong password with 401 and records nothing', async () => {
    const { revId } = await inReview([a2]);
    const res = await d.sign(a2, revId, 'approved', { password: 'not my password' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(await rev(revId)).toMatchObject({ status: 'in_review', signatures: [], label: null });
    expect(await d.audit(revId, 'signature.applied')).toEqual([]);
  });

  it('refuses signers who are not assigned (403) or cannot see the revision (404)', async () => {
    const { revId } = await inReview([a1], [a2]);
    await d.sign(u.quality_lead, revId, 'approved').expect(403); // sees it, not assigned
    await d.sign(u.admin, revId, 'reviewed').expect(403);
    await d.sign(a2, revId, 'approved').expect(403); // a reviewer, not an approver
    await d.sign(a1, revId, 'reviewed').expect(403); // an approver, not a reviewer
    await d.sign(u.approver, revId, 'approved').expect(404); // may not see it at all
    await d.sign(u.staff, revId, 'approved').expect(403); // no signing role
    expect((await rev(revId)).signatures).toEqual([]);
    await d.sign(a1, revId, 'approved', { meaning: 'agreed' }).expect(400);
  });

  it('answers 409 unless in review, and to a second signature with the same meaning', async () => {
    const draftDoc = await d.create(u.quality_lead, { title: 'Still a draft' });
    await d.sign(u.admin, draftDoc.draftRevisionId!, 'approved').expect(409);
    const { revId } = await inReview([a1, a2]);
    await d.sign(a1, revId, 'approved').expect(201);
    const twice = await d.sign(a1, revId, 'approved');
    expect(twice.status).toBe(409);
    expect(twice.headers['content-type']).toMatch(PROBLEM);
    expect(await rev(revId)).toMatchObject({ status: 'in_review', label: null });
    await d.sign(a2, revId, 'approved').expect(201);
    expect((await rev(revId)).status).toBe('effective');
    await d.sign(a1, revId, 'rejected', { comment: 'Too late' }).expect(409);
    expect((await rev(revId)).signatures).toHaveLength(2);
  });

  it('needs a comment to reject; a rejection returns the draft for editing and a new review round', async () => {
    const { revId } = await inReview([a1], [a2]);
    for (const comment of [undefined, '', '   ']) {
      await d.sign(a1, revId, 'rejected', comment === undefined ? {} : { comment }).expect(400);
    }
    expect((await rev(revId)).status).toBe('in_review');
    await d.sign(a2, revId, 'reviewed').expect(201);
    await d.sign(a1, revId, 'rejected', { comment: 'Step 3 is wrong' }).expect(201);
    expect(await rev(revId)).toMatchObject({ status: 'draft', label: null });

    const fixed = sopBody('Step 3, corrected.');
    await d.edit(u.quality_lead, revId, fixed);
    await d
      .submit(u.quality_lead, revId, { approverIds: [a1.id], reviewerIds: [a2.id] })
      .expect(200);
    // Round 2 starts afresh: the round-1 review does not count.
    await d.sign(a1, revId, 'approved').expect(201);
    expect(await rev(revId)).toMatchObject({ status: 'in_review', label: null });
    await d.sign(a2, revId, 'reviewed').expect(201);
    const done = await rev(revId);
    expect(done).toMatchObject({ status: 'effective', label: '1.0' });
    expect(
      done.signatures.map((s: Record<string, unknown>) => [s.reviewRound, s.meaning, s.comment]),
    ).toEqual([
      [1, 'reviewed', null],
      [1, 'rejected', 'Step 3 is wrong'],
      [2, 'approved', null],
      [2, 'reviewed', null],
    ]);
    expect(done.signatures[2].contentSha256).toBe(sha256(fixed));
    expect(done.signatures[0].contentSha256).toBe(sha256(sopBody()));
  });

  it('approves only when every assigned reviewer and approver has signed', async () => {
    const { revId } = await inReview([a1, u.admin], [a2, u.approver]);
    await d.sign(a1, revId, 'approved').expect(201);
    await d.sign(u.admin, revId, 'approved').expect(201);
    await d.sign(a2, revId, 'reviewed').expect(201);
    expect(await rev(revId)).toMatchObject({ status: 'in_review', label: null, approvedAt: null });
    await d.sign(u.approver, revId, 'reviewed').expect(201);
    expect(await rev(revId)).toMatchObject({ status: 'effective', label: '1.0' });
  });

  it('labels 1.0, minor 1.1, major 2.0, minor 2.1, superseding the previous effective revision', async () => {
    const doc = await d.publish(u.quality_lead, a1, { title: 'Labelled' });
    const revs = [doc.revId];
    for (const [level, i] of [
      ['minor', 1],
      ['major', 2],
      ['minor', 3],
    ] as const) {
      revs.push(await d.revise(u.quality_lead, a1, doc.id, sopBody(`Version ${i}`), level));
      const prev = await rev(revs[revs.length - 2]);
      expect(prev).toMatchObject({ status: 'superseded', supersededAt: expect.any(String) });
      const [event] = await d.audit(prev.id, 'revision.superseded');
      expect(event.data).toMatchObject({ supersededBy: revs[revs.length - 1] });
    }
    const history = (await d.history(u.auditor, doc.id).expect(200)).body.items;
    expect(history.map((r: Record<string, unknown>) => [r.label, r.status])).toEqual([
      ['2.1', 'effective'],
      ['2.0', 'superseded'],
      ['1.1', 'superseded'],
      ['1.0', 'superseded'],
    ]);
    expect((await d.getDoc(u.staff, doc.id).expect(200)).body.currentRevisionId).toBe(revs[3]);
    await d.getRev(u.staff, revs[2]).expect(404); // superseded: not for staff
  });

  it('lets two approvers sign at the same moment: both recorded, one approval, one effective revision', async () => {
    const docsInReview = await Promise.all(
      Array.from({ length: 5 }, (_, i) => inReview([a1, a2], [], { title: `Race ${i}` })),
    );
    const signed = await Promise.all(
      docsInReview.flatMap(({ revId }) => [
        d.sign(a1, revId, 'approved'),
        d.sign(a2, revId, 'approved'),
      ]),
    );
    expect(signed.map((r) => r.status)).toEqual(Array(10).fill(201));
    for (const { doc, revId } of docsInReview) {
      expect(await rev(revId)).toMatchObject({ status: 'effective', label: '1.0' });
      expect((await rev(revId)).signatures).toHaveLength(2);
      expect(await d.audit(revId, 'revision.approved')).toHaveLength(1);
      expect(await d.audit(revId, 'revision.effective')).toHaveLength(1);
      const rows = await t.ds.query<{ n: number; labels: number }[]>(
        `SELECT count(*) FILTER (WHERE status = 'effective')::int AS n,
                count(label)::int AS labels FROM revisions WHERE document_id = $1`,
        [doc.id],
      );
      expect(rows[0]).toEqual({ n: 1, labels: 1 });
    }
  });

  it('records one of two identical signatures sent at once; the other is a 409', async () => {
    const { revId } = await inReview([a1, a2]);
    const both = await Promise.all([d.sign(a1, revId, 'approved'), d.sign(a1, revId, 'approved')]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await rev(revId)).toMatchObject({
      status: 'in_review',
      signatures: [expect.anything()],
    });
  });
});
