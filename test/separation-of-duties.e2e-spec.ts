import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, PROBLEM, sopBody } from './helpers/documents';
import { createUser, patchUser, TestUser, usersByRole } from './helpers/factories';

/** Who may sign what: authors never sign off their own words, signers need the role. */
describe('separation of duties and signer integrity (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  const rev = async (id: string) => (await d.getRev(u.auditor, id).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
  });
  afterAll(() => t.close());

  it('makes everyone who changed the body an author, and refuses an author as approver or reviewer', async () => {
    const doc = await d.create(u.quality_lead, { title: 'Written by two' });
    const revId = doc.draftRevisionId!;
    expect(await rev(revId)).toMatchObject({
      authorId: u.quality_lead.id,
      authorIds: [u.quality_lead.id],
    });
    // A change of summary only is not a change of the body.
    const got = await d.getRev(u.admin, revId).expect(200);
    await d.patchRev(u.admin, revId, got.headers.etag, { changeSummary: 'Retitled' }).expect(200);
    expect((await rev(revId)).authorIds).toEqual([u.quality_lead.id]);
    await d.edit(u.admin, revId, sopBody('The admin added a step.'));
    await d.edit(u.admin, revId, sopBody('The admin added a step, twice.'));
    expect(await rev(revId)).toMatchObject({
      authorId: u.quality_lead.id,
      authorIds: [u.quality_lead.id, u.admin.id],
    });

    for (const field of ['approverIds', 'reviewerIds']) {
      const body =
        field === 'approverIds'
          ? { approverIds: [u.admin.id] }
          : { approverIds: [u.approver.id], reviewerIds: [u.admin.id] };
      for (const submitter of [u.admin, u.quality_lead]) {
        const res = await d.submit(submitter, revId, body);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.errors).toEqual([
          { field, message: expect.stringContaining('is an author of this revision') },
        ]);
      }
    }
    expect((await rev(revId)).status).toBe('draft');
    expect(await d.audit(revId, 'revision.submitted')).toEqual([]);
  });

  it('turns a signer who edits a rejected draft into an author who can no longer sign it', async () => {
    const lead2 = await createUser(t, { roles: ['quality_lead'] });
    const doc = await d.create(u.quality_lead, { title: 'Rejected, then edited' });
    const revId = doc.draftRevisionId!;
    await d.submit(u.quality_lead, revId, { approverIds: [lead2.id] }).expect(200);
    await d.sign(lead2, revId, 'rejected', { comment: 'I will fix it myself' }).expect(201);
    await d.edit(lead2, revId, sopBody('Fixed by the approver.'));
    const res = await d.submit(u.quality_lead, revId, { approverIds: [lead2.id] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('is an author');
    await d.submit(u.quality_lead, revId, { approverIds: [u.approver.id] }).expect(200);
    await d.sign(lead2, revId, 'approved').expect(403); // not assigned any more
    await d.sign(u.approver, revId, 'approved').expect(201);
    expect(await rev(revId)).toMatchObject({
      status: 'effective',
      authorIds: [u.quality_lead.id, lead2.id],
    });
  });

  it('keeps the rule in the database: no author assigned to sign, no author signature', async () => {
    const doc = await d.create(u.quality_lead, { title: 'Straight to the database' });
    const revId = doc.draftRevisionId!;
    await expect(
      t.ds.query(
        `UPDATE revisions SET status = 'in_review', review_round = 1, approver_ids = ARRAY[$2::uuid]
          WHERE id = $1`,
        [revId, u.quality_lead.id],
      ),
    ).rejects.toThrow('an author of a revision cannot review or approve it');
    await d.edit(u.admin, revId, sopBody('Edited by the admin.'));
    await expect(
      t.ds.query(`UPDATE revisions SET author_ids = ARRAY[author_id] WHERE id = $1`, [revId]),
    ).rejects.toThrow('cannot be forgotten');

    await d.submit(u.quality_lead, revId, { approverIds: [u.approver.id] }).expect(200);
    const insert = (signer: string, meaning: string) =>
      t.ds.query(
        `INSERT INTO signatures (revision_id, review_round, signer_id, signer_name, meaning, content_sha256)
         SELECT id, review_round, $2, 'x', $3, content_sha256 FROM revisions WHERE id = $1`,
        [revId, signer, meaning],
      );
    for (const meaning of ['approved', 'reviewed'])
      await expect(insert(u.quality_lead.id, meaning)).rejects.toThrow(
        'an author of a revision cannot review or approve it',
      );
    await expect(insert(u.staff.id, 'approved')).rejects.toThrow('does not hold a signing role');
    expect((await rev(revId)).signatures).toEqual([]);
  });

  it('refuses the same signer twice in two letter cases; one signature per signer completes it', async () => {
    const a = await createUser(t, { roles: ['approver'] });
    const doc = await d.create(u.quality_lead, { title: 'Case of the ids' });
    const revId = doc.draftRevisionId!;
    for (const body of [
      { approverIds: [a.id, a.id.toUpperCase()] },
      { approverIds: [u.approver.id], reviewerIds: [a.id.toUpperCase(), a.id] },
    ]) {
      const res = await d.submit(u.quality_lead, revId, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    expect((await rev(revId)).status).toBe('draft');
    await expect(
      t.ds.query(
        `UPDATE revisions SET status = 'in_review', review_round = 1, approver_ids = $2::uuid[] WHERE id = $1`,
        [revId, [a.id, a.id.toUpperCase()]],
      ),
    ).rejects.toThrow('a signer is named twice');

    await d
      .submit(u.quality_lead, revId, {
        approverIds: [a.id.toUpperCase()],
        reviewerIds: [u.approver.id.toUpperCase()],
      })
      .expect(200);
    expect(await rev(revId)).toMatchObject({ approverIds: [a.id], reviewerIds: [u.approver.id] });
    await d.sign(u.approver, revId, 'reviewed').expect(201);
    await d.sign(a, revId, 'approved').expect(201);
    expect((await rev(revId)).status).toBe('effective');
  });

  it('takes an in-review revision out of sight, and out of reach, of a signer demoted to staff', async () => {
    const demoted = await createUser(t, { roles: ['approver'] });
    const doc = await d.create(u.quality_lead, { title: 'Assigned, then demoted' });
    const revId = doc.draftRevisionId!;
    await d.submit(u.quality_lead, revId, { approverIds: [demoted.id] }).expect(200);
    await d.getRev(demoted, revId).expect(200);
    expect((await d.getDoc(demoted, doc.id).expect(200)).body.draftRevisionId).toBe(revId);

    await patchUser(t, demoted.id, { roles: ['staff'] });
    await d.getRev(demoted, revId).expect(404);
    await d.getDoc(demoted, doc.id).expect(404);
    await d.history(demoted, doc.id).expect(404);
    await request(t.http)
      .get(api(`/revisions/${revId}/html`))
      .set(auth(demoted))
      .expect(404);
    const listed = await request(t.http)
      .get(api('/documents?limit=200'))
      .set(auth(demoted))
      .expect(200);
    expect((listed.body.items as { id: string }[]).map((i) => i.id)).not.toContain(doc.id);
    await d.sign(demoted, revId, 'approved').expect(403);
    await d.sign(demoted, revId, 'rejected', { comment: 'Still here' }).expect(403);
    expect(await rev(revId)).toMatchObject({ status: 'in_review', signatures: [] });

    // Given the role back, they see it and sign it again.
    await patchUser(t, demoted.id, { roles: ['approver'] });
    await d.getRev(demoted, revId).expect(200);
    await d.sign(demoted, revId, 'approved').expect(201);
  });
});
