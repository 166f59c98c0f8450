import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, PROBLEM, sha256, sopBody } from './helpers/documents';
import { adminToken, createUser, TestUser, usersByRole } from './helpers/factories';

describe('revisions: drafts, editing and submission (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  const ETAG = /^"v\d+"$/;

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
  });
  afterAll(() => t.close());

  /** A new draft revision (of a new document) and its current ETag. */
  async function draft(body = sopBody()) {
    const doc = await d.create(u.quality_lead, { title: 'Draft doc', body });
    const revId = doc.draftRevisionId!;
    const etag = (await d.getRev(u.quality_lead, revId).expect(200)).headers.etag;
    return { doc, revId, etag };
  }

  it('reads a draft with its body and ETag; PATCH with that ETag saves and hands out a new one', async () => {
    const { revId, etag } = await draft();
    expect(etag).toMatch(ETAG);
    const [created] = await d.audit(revId, 'revision.created');
    expect(created).toMatchObject({ actorId: u.quality_lead.id, data: { changeLevel: 'major' } });

    const body = sopBody('1. Check the **label**.\n2. Grüße, café — 🚀 done.');
    const res = await d
      .patchRev(u.quality_lead, revId, etag, {
        body,
        changeSummary: 'Steps written',
        reason: 'New process',
        changeLevel: 'minor',
      })
      .expect(200);
    expect(res.headers.etag).toMatch(ETAG);
    expect(res.headers.etag).not.toBe(etag);
    expect(res.body).toMatchObject({
      id: revId,
      body,
      changeSummary: 'Steps written',
      reason: 'New process',
      changeLevel: 'minor',
      contentSha256: sha256(body),
    });
    const got = await d.getRev(u.admin, revId).expect(200);
    expect(got.headers.etag).toBe(res.headers.etag);
    expect(got.body).toMatchObject({ body, contentSha256: sha256(body) });
    // A conditional GET with the current ETag is answered 304, without a body; a stale one is not.
    const fresh = await d.getRev(u.admin, revId).set('If-None-Match', got.headers.etag).expect(304);
    expect(fresh.text ?? '').toBe('');
    expect(fresh.headers.etag).toBe(got.headers.etag);
    await d.getRev(u.admin, revId).set('If-None-Match', etag).expect(200);
    const [updated] = await d.audit(revId, 'revision.updated');
    expect(updated).toMatchObject({
      actorId: u.quality_lead.id,
      data: { contentSha256: sha256(body) },
    });
  });

  it('refuses a PATCH without If-Match (428), with a stale or malformed one (412), or of a non-draft (409)', async () => {
    const { revId, etag } = await draft();
    const missing = await d.patchRev(u.quality_lead, revId, undefined, { body: 'lost' });
    expect(missing.status).toBe(428);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    const fresh = (
      await d.patchRev(u.quality_lead, revId, etag, { body: sopBody('A') }).expect(200)
    ).headers.etag;
    for (const stale of [etag, '"v999"', 'garbage', 'W/"x"']) {
      const res = await d.patchRev(u.quality_lead, revId, stale, { body: 'lost' });
      expect({ stale, status: res.status }).toEqual({ stale, status: 412 });
    }
    await d.patchRev(u.quality_lead, revId, fresh, {}).expect(400);
    await d.patchRev(u.quality_lead, revId, fresh, { changeLevel: 'huge' }).expect(400);
    await d.patchRev(u.quality_lead, randomUUID(), fresh, { body: 'x' }).expect(404);
    expect((await d.getRev(u.quality_lead, revId).expect(200)).body.body).toBe(sopBody('A'));

    await d.submit(u.quality_lead, revId, { approverIds: [u.approver.id] }).expect(200);
    const current = (await d.getRev(u.quality_lead, revId).expect(200)).headers.etag;
    const notDraft = await d.patchRev(u.quality_lead, revId, current, { body: 'too late' });
    expect(notDraft.status).toBe(409);
    expect(notDraft.headers['content-type']).toMatch(PROBLEM);
    expect((await d.getRev(u.quality_lead, revId).expect(200)).body.body).toBe(sopBody('A'));
  });

  it('lets exactly one of 30 concurrent PATCHes with the same ETag win; the others get 412', async () => {
    const { revId, etag } = await draft();
    const bodies = Array.from({ length: 30 }, (_, i) => sopBody(`Edit number ${i}.`));
    const results = await Promise.all(
      bodies.map((body) => d.patchRev(u.quality_lead, revId, etag, { body })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(29);
    const winner = results.find((r) => r.status === 200)!;
    const got = await d.getRev(u.quality_lead, revId).expect(200);
    expect(bodies).toContain(got.body.body);
    expect(got.body.body).toBe(winner.body.body);
    expect(got.headers.etag).toBe(winner.headers.etag);
    expect(got.body.contentSha256).toBe(sha256(got.body.body));
    expect(await d.audit(revId, 'revision.updated')).toHaveLength(1);
  });

  it('has the database refuse changing a non-draft body, and changing or deleting signatures', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Locked' });
    const inReview = await draft();
    await d.submit(u.quality_lead, inReview.revId, { approverIds: [u.approver.id] }).expect(200);
    for (const id of [doc.revId, inReview.revId]) {
      await expect(
        t.ds.query(`UPDATE revisions SET body = 'tampered' WHERE id = $1`, [id]),
      ).rejects.toThrow(/body of a (effective|in_review) revision cannot change/);
      await expect(t.ds.query('DELETE FROM revisions WHERE id = $1', [id])).rejects.toThrow(
        /revisions are kept/,
      );
    }
    // The hash is the database's: a forged one is recomputed from the body.
    await t.ds.query(`UPDATE revisions SET content_sha256 = repeat('0', 64) WHERE id = $1`, [
      doc.revId,
    ]);
    const [row] = await t.ds.query<{ content_sha256: string }[]>(
      'SELECT content_sha256 FROM revisions WHERE id = $1',
      [doc.revId],
    );
    expect(row.content_sha256).toBe(sha256(sopBody()));
    await expect(
      t.ds.query(`UPDATE signatures SET comment = 'forged' WHERE revision_id = $1`, [doc.revId]),
    ).rejects.toThrow(/signatures cannot be changed or removed/);
    await expect(
      t.ds.query('DELETE FROM signatures WHERE revision_id = $1', [doc.revId]),
    ).rejects.toThrow(/signatures cannot be changed or removed/);
    const sigs = (await d.history(u.auditor, doc.id).expect(200)).body.items[0].signatures;
    expect(sigs).toEqual([expect.objectContaining({ meaning: 'approved', comment: null })]);
  });

  it('has the database allow one open and one effective revision per document', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'One of each' });
    const open = await d
      .newRevision(u.quality_lead, doc.id, { changeLevel: 'minor', changeSummary: 'x' })
      .expect(201);
    await expect(
      t.ds.query(
        `INSERT INTO revisions (document_id, change_level, author_id, body) VALUES ($1, 'minor', $2, 'x')`,
        [doc.id, u.quality_lead.id],
      ),
    ).rejects.toThrow(/revisions_one_open/);
    await expect(
      t.ds.query(`UPDATE revisions SET status = 'effective' WHERE id = $1`, [open.body.id]),
    ).rejects.toThrow(/revisions_one_effective/);
  });

  it('starts a new draft as a copy of the effective body', async () => {
    const body = sopBody('The effective words.');
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'To revise', body });
    const res = await d
      .newRevision(u.admin, doc.id, {
        changeLevel: 'major',
        changeSummary: 'Restructure',
        reason: 'Proposal from the floor',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      documentId: doc.id,
      status: 'draft',
      label: null,
      changeLevel: 'major',
      changeSummary: 'Restructure',
      reason: 'Proposal from the floor',
      authorId: u.admin.id,
      contentSha256: sha256(body),
      proposalIds: [],
      signatures: [],
    });
    expect((await d.getRev(u.admin, res.body.id).expect(200)).body.body).toBe(body);
    expect((await d.getDoc(u.admin, doc.id).expect(200)).body).toMatchObject({
      status: 'effective',
      currentRevisionId: doc.revId,
      draftRevisionId: res.body.id,
    });
    const [event] = await d.audit(res.body.id, 'revision.created');
    expect(event).toMatchObject({
      actorId: u.admin.id,
      data: { documentId: doc.id, changeLevel: 'major' },
    });
  });

  it('refuses a new draft while one is open, before anything is effective, and for bad input', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Busy' });
    const ok = { changeLevel: 'minor', changeSummary: 'First' };
    await d.newRevision(u.quality_lead, doc.id, ok).expect(201);
    const open = await d.newRevision(u.quality_lead, doc.id, ok);
    expect(open.status).toBe(409);
    expect(open.headers['content-type']).toMatch(PROBLEM);
    const fresh = await d.create(u.quality_lead, { title: 'Not yet effective' });
    await d.newRevision(u.quality_lead, fresh.id, ok).expect(409);
    await d.newRevision(u.quality_lead, randomUUID(), ok).expect(404);
    const other = await d.publish(u.quality_lead, u.approver, { title: 'Valid doc' });
    for (const bad of [{ changeLevel: 'huge', changeSummary: 'x' }, { changeLevel: 'minor' }]) {
      await d.newRevision(u.quality_lead, other.id, bad).expect(400);
    }
    // A document with neither an open nor an effective revision (only reachable by hand).
    const orphan = await d.create(u.quality_lead, { title: 'Orphan' });
    await t.ds.query(`UPDATE revisions SET status = 'obsolete' WHERE id = $1`, [
      orphan.draftRevisionId,
    ]);
    const none = await d.newRevision(u.quality_lead, orphan.id, ok);
    expect(none.status).toBe(409);
    expect(none.body.type).toBe('urn:praxis:problem:no-effective-revision');
  });

  it('submits a draft for review, once', async () => {
    const reviewer = await createUser(t, { roles: ['quality_lead'] });
    const { revId } = await draft();
    const res = await d
      .submit(u.quality_lead, revId, {
        reviewerIds: [reviewer.id],
        approverIds: [u.approver.id, u.admin.id],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      id: revId,
      status: 'in_review',
      reviewerIds: [reviewer.id],
      approverIds: [u.approver.id, u.admin.id],
      submittedAt: expect.any(String),
      label: null,
    });
    const [event] = await d.audit(revId, 'revision.submitted');
    expect(event).toMatchObject({
      actorId: u.quality_lead.id,
      data: { approverIds: [u.approver.id, u.admin.id], contentSha256: sha256(sopBody()) },
    });
    const again = await d.submit(u.quality_lead, revId, { approverIds: [u.approver.id] });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers 422 naming each missing required section, and for an empty body', async () => {
    const one = await draft(sopBody('', ['Purpose']));
    const res = await d.submit(u.quality_lead, one.revId, { approverIds: [u.approver.id] });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual([
      { field: 'body', message: 'missing required section: Purpose' },
    ]);
    const two = await draft(sopBody('', ['Records', 'Scope']) + '```\n## Scope\n```\n');
    const res2 = await d.submit(u.quality_lead, two.revId, { approverIds: [u.approver.id] });
    expect(res2.status).toBe(422);
    const messages = res2.body.errors.map((e: { message: string }) => e.message);
    expect(messages.sort()).toEqual([
      'missing required section: Records',
      'missing required section: Scope',
    ]);
    for (const body of ['', '  \n\t\n']) {
      const empty = await draft(body);
      const r = await d.submit(u.quality_lead, empty.revId, { approverIds: [u.approver.id] });
      expect({ body, status: r.status }).toEqual({ body, status: 422 });
      expect(r.body.errors).toEqual([{ field: 'body', message: 'is empty' }]);
    }
    expect((await d.getRev(u.admin, one.revId).expect(200)).body.status).toBe('draft');
  });

  it('answers 400 when a signer lacks a signing role, is inactive, unknown or the author', async () => {
    const gone = await createUser(t, { roles: ['approver'] });
    await request(t.http)
      .patch(api(`/users/${gone.id}`))
      .set(auth(await adminToken(t)))
      .send({ active: false })
      .expect(200);
    const { revId } = await draft();
    const cases: [object, string][] = [
      [{ approverIds: [u.staff.id] }, 'approverIds'],
      [{ approverIds: [u.auditor.id] }, 'approverIds'],
      [{ approverIds: [gone.id] }, 'approverIds'],
      [{ approverIds: [randomUUID()] }, 'approverIds'],
      [{ approverIds: [u.quality_lead.id] }, 'approverIds'], // the author
      [{ approverIds: [u.approver.id], reviewerIds: [u.staff.id] }, 'reviewerIds'],
      [{ approverIds: [u.approver.id], reviewerIds: [u.quality_lead.id] }, 'reviewerIds'],
      [{ approverIds: [] }, 'approverIds'],
      [{}, 'approverIds'],
      [{ approverIds: [u.approver.id], effectiveFrom: 'soon' }, 'effectiveFrom'],
    ];
    for (const [body, field] of cases) {
      const res = await d.submit(u.quality_lead, revId, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await d.getRev(u.admin, revId).expect(200)).body.status).toBe('draft');
    await d.submit(u.quality_lead, revId, { approverIds: [u.approver.id] }).expect(200);
  });

  it('lists the history with each revision as GET /revisions/:id gives it, page by page', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'History as JSON' });
    // 1.1: an approval with a comment of quotes, a backslash, a line break and non-ASCII.
    const minor = await d
      .newRevision(u.quality_lead, doc.id, { changeLevel: 'minor', changeSummary: 'Wording "2"' })
      .expect(201);
    const got = await d.getRev(u.quality_lead, minor.body.id).expect(200);
    await d
      .patchRev(u.quality_lead, minor.body.id, got.headers.etag, {
        body: sopBody('Grüße — 🚀'),
        reason: 'Audit finding \\ 12',
      })
      .expect(200);
    await d.submit(u.quality_lead, minor.body.id, { approverIds: [u.approver.id] }).expect(200);
    await d
      .sign(u.approver, minor.body.id, 'approved', { comment: 'Fine "as is"\nsee §4 — ok' })
      .expect(201);
    // 2.0: in review, assigned to the approver.
    const inReview = await d.submitted(u.quality_lead, doc.id, [u.approver]);

    const whole = await d.history(u.quality_lead, doc.id).expect(200);
    expect(whole.headers['content-type']).toMatch(/^application\/json/);
    expect(whole.body.nextCursor).toBeNull();
    const items = whole.body.items as { id: string; status: string }[];
    expect(items.map((r) => [r.id, r.status])).toEqual([
      [inReview, 'in_review'],
      [minor.body.id, 'effective'],
      [doc.revId, 'superseded'],
    ]);
    for (const item of items) {
      const single = { ...(await d.getRev(u.quality_lead, item.id).expect(200)).body };
      delete single.body;
      expect(item).toEqual(single);
    }
    expect(items[1]).toMatchObject({ reason: 'Audit finding \\ 12', changeSummary: 'Wording "2"' });

    // One at a time, by the cursor: the same items.
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.http)
        .get(api(`/documents/${doc.id}/revisions`))
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .set(auth(u.quality_lead))
        .expect(200);
      expect(res.body.items).toHaveLength(1);
      paged.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(items);
    // A cursor of the right shape but not a time and an id: 400, not a failed statement.
    for (const key of [
      ['not a time', doc.revId],
      [new Date().toISOString(), 'not-a-uuid'],
    ]) {
      const res = await request(t.http)
        .get(api(`/documents/${doc.id}/revisions`))
        .query({ cursor: Buffer.from(JSON.stringify(key)).toString('base64url') })
        .set(auth(u.quality_lead));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }

    // Staff see the effective revision only; the approver also the one they are to sign.
    const staff = (await d.history(u.staff, doc.id).expect(200)).body.items;
    expect(staff).toEqual([items[1]]);
    const approver = (await d.history(u.approver, doc.id).expect(200)).body.items;
    expect(approver.map((r: { id: string }) => r.id)).toEqual([inReview, minor.body.id]);
  });
});
