import request from 'supertest';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, sopBody } from './helpers/documents';
import { createUser, TestUser, usersByRole } from './helpers/factories';
import { pdfText } from './helpers/pdf-text';
import { binary } from './helpers/binary';
import { Role } from '../src/common/roles';

describe('controlled copies (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  let docId: string;
  let docNumber: string;
  let first: string;
  let second: string;

  const pdf = (user: TestUser, revId: string) =>
    request(t.http)
      .get(api(`/revisions/${revId}/pdf`))
      .set(auth(user))
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    u.approver = await createUser(t, { roles: ['approver'], name: 'Zoë Approver' });
    d = docs(t);
    const doc = await d.publish(u.quality_lead, u.approver, {
      title: 'Returns handling',
      body: sopBody('1. Receive the parcel\n2. Inspect it'),
    });
    docId = doc.id;
    docNumber = doc.number;
    first = doc.revId;
    second = await d.revise(
      u.quality_lead,
      u.approver,
      docId,
      sopBody('1. Receive\n2. Inspect\n3. Refund'),
    );
  });
  afterAll(() => t.close());

  it('gives a staff member a numbered copy of the effective revision, audited, with the text extractable', async () => {
    const a = await pdf(u.staff, second).expect(200);
    expect(a.headers['content-type']).toBe('application/pdf');
    expect(a.headers['content-disposition']).toMatch(/^attachment; filename=".*\.pdf"$/);
    const b = await pdf(u.staff, second).expect(200);
    const [na, nb] = [
      Number(a.headers['x-praxis-copy-number']),
      Number(b.headers['x-praxis-copy-number']),
    ];
    expect(nb).toBe(na + 1);

    const pages = await pdfText(b.body as Buffer);
    const all = pages.join('\n');
    pages.forEach((text, i) => {
      const page = text.replace(/\n/g, ' ');
      expect(page).toContain(docNumber);
      expect(page).toContain(`Rev 1.1 · Page ${i + 1} of ${pages.length}`);
      expect(page).toContain(`Copy ${nb}, printed for ${u.staff.name} at`);
      expect(page).toContain(
        `uncontrolled when printed — the current revision is at http://praxis.test/documents/${docId}`,
      );
      expect(page).not.toMatch(/SUPERSEDED|DRAFT/);
    });
    expect(all).toContain('Refund');
    const signatures = pages[pages.length - 1];
    expect(signatures).toContain('Zoë Approver');
    expect(signatures).toMatch(/approved · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);

    const events = await request(t.http)
      .get(api(`/audit-events?action=copy.issued&entityId=${b.headers['x-praxis-copy-id']}`))
      .set(auth(u.auditor))
      .expect(200);
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({
      actorId: u.staff.id,
      entityType: 'controlled_copy',
      data: { revisionId: second, documentId: docId, copyNumber: nb, issuedTo: u.staff.id },
    });
  });

  it('marks a superseded revision on every page, and hides it from staff who never read it', async () => {
    const res = await pdf(u.auditor, first).expect(200);
    const pages = await pdfText(res.body as Buffer);
    for (const page of pages) expect(page).toContain('SUPERSEDED');
    await pdf(u.staff, first).expect(404);
  });

  it('marks a draft DRAFT — NOT FOR USE and gives it only to those who may read it', async () => {
    const draft = await d
      .newRevision(u.quality_lead, docId, { changeLevel: 'minor', changeSummary: 'Next' })
      .expect(201);
    const res = await pdf(u.quality_lead, draft.body.id).expect(200);
    for (const page of await pdfText(res.body as Buffer))
      expect(page).toContain('DRAFT — NOT FOR USE');
    await pdf(u.staff, draft.body.id).expect(404);
    await pdf(u.approver, draft.body.id).expect(404);
  });

  it('numbers concurrent copies without gaps or repeats, and lists them for auditors and leads', async () => {
    const rev = (await d.publish(u.quality_lead, u.approver)).revId;
    const got = await Promise.all(Array.from({ length: 6 }, () => pdf(u.staff, rev).expect(200)));
    const numbers = got.map((r) => Number(r.headers['x-praxis-copy-number'])).sort((x, y) => x - y);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);

    const list = await request(t.http)
      .get(api(`/revisions/${rev}/copies?limit=4`))
      .set(auth(u.auditor))
      .expect(200);
    expect(list.body.items.map((c: { copyNumber: number }) => c.copyNumber)).toEqual([1, 2, 3, 4]);
    expect(list.body.items[0]).toMatchObject({
      revisionId: rev,
      issuedToId: u.staff.id,
      issuedToName: u.staff.name,
    });
    const next = await request(t.http)
      .get(api(`/revisions/${rev}/copies?cursor=${list.body.nextCursor}`))
      .set(auth(u.quality_lead))
      .expect(200);
    expect(next.body.items.map((c: { copyNumber: number }) => c.copyNumber)).toEqual([5, 6]);
    expect(next.body.nextCursor).toBeNull();
  });

  it('refuses the copy register to staff and approvers, and answers 404/400 for unknown or bad ids', async () => {
    for (const who of [u.staff, u.approver]) {
      await request(t.http)
        .get(api(`/revisions/${second}/copies`))
        .set(auth(who))
        .expect(403);
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    await request(t.http)
      .get(api(`/revisions/${unknown}/copies`))
      .set(auth(u.admin))
      .expect(404);
    await pdf(u.admin, unknown).expect(404);
    await request(t.http).get(api('/revisions/nope/pdf')).set(auth(u.admin)).expect(400);
    await request(t.http)
      .get(api(`/revisions/${second}/pdf`))
      .expect(401);
  });

  it('names the content type of each download, so a generated client can call them', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { get: { responses: Record<string, { content?: object }> } }>;
    };
    const ok = (path: string) => Object.keys(doc.paths[path].get.responses['200'].content ?? {});
    expect(ok('/api/v1/revisions/{id}/pdf')).toEqual(['application/pdf']);
    expect(ok('/api/v1/documents/{id}/evidence-pack')).toEqual(['application/zip']);
    expect(ok('/api/v1/revisions/{id}/copies')).toEqual(['application/json']);
    expect(ok('/api/v1/signing-keys')).toEqual(['application/json']);
  });
});
