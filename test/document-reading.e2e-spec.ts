import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, sopBody } from './helpers/documents';
import { createUser, TestUser, usersByRole } from './helpers/factories';
import { training } from './helpers/training';

/** What the document and history pages read: names and current label inline, history by role. */
describe('document page and history for every role (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  const historyIds = async (user: TestUser, docId: string) =>
    ((await d.history(user, docId).expect(200)).body.items as { id: string }[]).map((r) => r.id);

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
  });
  afterAll(() => t.close());

  it('gives the owner’s name and the current label and effective date with every document', async () => {
    const owner = await createUser(t, { roles: ['quality_lead'], name: 'Olga Owner' });
    const doc = await d.create(u.quality_lead, { title: 'Named owner', ownerId: owner.id });
    expect(doc).toMatchObject({
      ownerId: owner.id,
      ownerName: 'Olga Owner',
      currentRevisionId: null,
      currentLabel: null,
      currentEffectiveFrom: null,
    });
    await d.approve(u.quality_lead, doc.draftRevisionId!, [u.approver]);
    const v1 = (await d.getRev(u.auditor, doc.draftRevisionId!).expect(200)).body;
    const expected = {
      ownerName: 'Olga Owner',
      currentRevisionId: v1.id,
      currentLabel: '1.0',
      currentEffectiveFrom: v1.effectiveFrom,
    };
    expect((await d.getDoc(u.staff, doc.id).expect(200)).body).toMatchObject(expected);
    const listed = await request(t.http)
      .get(api(`/documents?q=${encodeURIComponent(doc.number)}`))
      .set(auth(u.staff))
      .expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: doc.id, ...expected })]);

    const v2 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('Second.'), 'major');
    expect((await d.getDoc(u.auditor, doc.id).expect(200)).body).toMatchObject({
      currentRevisionId: v2,
      currentLabel: '2.0',
    });
  });

  it('shows staff and signers the history they may read; read-all roles get all of it', async () => {
    const signer = await createUser(t, { roles: ['approver'] });
    const reader = await createUser(t, { roles: ['staff'] });
    const doc = await d.publish(u.quality_lead, signer, { title: 'History for all' });
    const v1 = doc.revId;
    await training(t).require(u.quality_lead, doc.id, { userIds: [reader.id] });
    await training(t).ack(reader, v1).expect(201);
    const v2 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('Second.'));
    const v3 = await d.submitted(u.quality_lead, doc.id, [signer]);

    for (const role of ['admin', 'quality_lead', 'auditor'] as const)
      expect(await historyIds(u[role], doc.id)).toEqual([v3, v2, v1]);
    // Staff: the effective one, and the superseded one they acknowledged.
    expect(await historyIds(reader, doc.id)).toEqual([v2, v1]);
    expect(await historyIds(u.staff, doc.id)).toEqual([v2]);
    // The signer: the one in review that waits for them, and the effective one.
    expect(await historyIds(signer, doc.id)).toEqual([v3, v2]);

    // Just signed and now effective: the signer sees it with its signatures.
    await d.sign(signer, v3, 'approved').expect(201);
    const after = (await d.history(signer, doc.id).expect(200)).body.items as {
      id: string;
      status: string;
      signatures: { signerId: string; meaning: string }[];
    }[];
    expect(after.map((r) => [r.id, r.status])).toEqual([[v3, 'effective']]);
    expect(after[0].signatures).toEqual([
      expect.objectContaining({ signerId: signer.id, meaning: 'approved' }),
    ]);
  });

  it('answers 404 to a caller who may see nothing of the document, as GET /documents/:id does', async () => {
    const draft = await d.create(u.quality_lead, { title: 'Draft only' });
    for (const role of ['staff', 'approver'] as const) {
      await d.history(u[role], draft.id).expect(404);
      await d.getDoc(u[role], draft.id).expect(404);
    }
    await d.history(u.auditor, draft.id).expect(200);
  });

  it('pages a filtered history with the usual cursor', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { title: 'Paged history' });
    const reader = await createUser(t, { roles: ['staff'] });
    await training(t).require(u.quality_lead, doc.id, { userIds: [reader.id] });
    await training(t).ack(reader, doc.revId).expect(201);
    await d.revise(u.quality_lead, u.approver, doc.id, sopBody('Two.'));
    await d.revise(u.quality_lead, u.approver, doc.id, sopBody('Three.'));
    const v4 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('Four.'));
    const first = await request(t.http)
      .get(api(`/documents/${doc.id}/revisions?limit=1`))
      .set(auth(reader))
      .expect(200);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([v4]);
    const next = await request(t.http)
      .get(api(`/documents/${doc.id}/revisions?limit=1&cursor=${first.body.nextCursor}`))
      .set(auth(reader))
      .expect(200);
    // Only what the reader may see is counted: v2 and v3 (superseded, not read) are skipped.
    expect(next.body).toEqual({
      items: [expect.objectContaining({ id: doc.revId })],
      nextCursor: null,
    });
  });
});
