import { SOP_SECTIONS } from './helpers/documents';
import request from 'supertest';
import { BootstrapService } from '../src/seed/bootstrap.service';
import { DEMO_PASSWORD } from '../src/seed/demo-organisation';
import { api, createTestApp, login, TestApp } from './helpers/app';

interface Doc {
  id: string;
  number: string;
  title: string;
  status: string;
  currentRevisionId: string | null;
  draftRevisionId: string | null;
}
interface Rev {
  id: string;
  label: string | null;
  status: string;
  changeLevel: string;
  changeSummary: string;
  reason: string | null;
  authorId: string;
  contentSha256: string;
  approverIds: string[];
  signatures: { signerId: string; meaning: string; contentSha256: string }[];
}

describe('demo organisation documents (SEED_DEMO)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let documents: Doc[];
  let histories: Map<string, Rev[]>;

  const get = (who: string, path: string) =>
    request(t.http).get(api(path)).set('Authorization', `Bearer ${tokens[who]}`);

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    for (const who of ['admin', 'lead', 'approver', 'staff']) {
      tokens[who] = await login(t, `${who}@demo.local`, DEMO_PASSWORD);
      ids[who] = ((await get(who, '/auth/me')).body as { id: string }).id;
    }
    documents = (await get('lead', '/documents?limit=200')).body.items as Doc[];
    histories = new Map();
    for (const d of documents) {
      const res = await get('lead', `/documents/${d.id}/revisions`);
      expect(res.status).toBe(200);
      histories.set(d.id, res.body.items as Rev[]);
    }
  });
  afterAll(() => t.close());

  it('seeds at least five effective SOPs, numbered, each with every required section', async () => {
    const effective = documents.filter((d) => d.status === 'effective');
    expect(effective.length).toBeGreaterThanOrEqual(5);
    for (const d of effective) {
      expect(d.number).toMatch(/^SOP-(CS|OPS|HR)-\d{4}$/);
      const rev = await get('lead', `/revisions/${d.currentRevisionId}`);
      expect(rev.status).toBe(200);
      const body = rev.body.body as string;
      for (const section of SOP_SECTIONS) expect(body).toMatch(new RegExp(`^## ${section}$`, 'm'));
      expect(body).toContain(d.number);
      expect(body).not.toMatch(/\{\{|Guidance:/);
      expect(body.length).toBeGreaterThan(3000);
    }
  });

  it('has one document with 2.0 effective over 1.1 and 1.0 superseded, each signed by the approver', async () => {
    const threes = [...histories.values()].filter((h) => h.length === 3);
    expect(threes).toHaveLength(1);
    const [history] = threes;
    expect(history.map((r) => [r.label, r.status, r.changeLevel])).toEqual([
      ['2.0', 'effective', 'major'],
      ['1.1', 'superseded', 'minor'],
      ['1.0', 'superseded', 'major'],
    ]);
    for (const r of history) {
      expect(r.authorId).toBe(ids.lead);
      expect(r.changeSummary.length).toBeGreaterThan(5);
      expect(r.reason?.length).toBeGreaterThan(20);
      expect(r.signatures).toEqual([
        expect.objectContaining({
          signerId: ids.approver,
          meaning: 'approved',
          contentSha256: r.contentSha256,
        }),
      ]);
    }
    expect(new Set(history.map((r) => r.contentSha256)).size).toBe(3);

    const [v2, v11, v10] = history;
    for (const [to, from] of [
      [v11, v10],
      [v2, v11],
    ]) {
      const diff = await get('lead', `/revisions/${to.id}/diff?against=${from.id}&format=json`);
      expect(diff.status).toBe(200);
      expect(diff.body.stats.added).toBeGreaterThan(0);
      expect(diff.body.stats.removed).toBeGreaterThan(0);
    }
  });

  it('leaves one revision in review: submitted by the lead, the approver assigned, not signed', async () => {
    const open = [...histories.values()].flat().filter((r) => r.status === 'in_review');
    expect(open).toHaveLength(1);
    const [rev] = open;
    expect(rev).toMatchObject({ authorId: ids.lead, approverIds: [ids.approver], signatures: [] });
    const doc = documents.find((d) => d.draftRevisionId === rev.id)!;
    expect(doc.status).toBe('effective');

    const submitted = await get(
      'admin',
      `/audit-events?entityId=${rev.id}&action=revision.submitted`,
    );
    expect(submitted.body.items).toEqual([
      expect.objectContaining({ actorType: 'user', actorId: ids.lead }),
    ]);
    // The approver can read what they are asked to sign, and its redline against the effective one.
    expect((await get('approver', `/revisions/${rev.id}`)).status).toBe(200);
    const diff = await get(
      'approver',
      `/revisions/${rev.id}/diff?against=${doc.currentRevisionId}&format=html`,
    );
    expect(diff.status).toBe(200);
    expect(diff.text).toContain('<ins>');
    // Staff do not see it until it is effective.
    expect((await get('staff', `/revisions/${rev.id}`)).status).toBe(404);
  });

  it('records it all in an audit chain that verifies', async () => {
    const verify = await get('admin', '/audit-events/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ valid: true });
    const effective = await get('admin', '/audit-events?action=revision.effective&limit=200');
    expect(effective.body.items.length).toBe(
      [...histories.values()].flat().filter((r) => r.label !== null).length,
    );
  });

  it('shows staff the effective documents, rendered', async () => {
    const res = await get('staff', '/documents?limit=200');
    expect(res.status).toBe(200);
    const seen = res.body.items as Doc[];
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.every((d) => d.status === 'effective')).toBe(true);
    expect(seen.map((d) => d.id).sort()).toEqual(
      documents
        .filter((d) => d.status === 'effective')
        .map((d) => d.id)
        .sort(),
    );
    const html = await get('staff', `/revisions/${seen[0].currentRevisionId}/html`);
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/<h2 id="procedure">Procedure<\/h2>/);
    expect(html.text).toContain('<table>');
  });

  it('gives demo staff assignments to read on the first start, set through training requirements', async () => {
    const mine = async (who: string) =>
      (await get(who, '/me/assignments?limit=200')).body.items as {
        documentId: string;
        title: string;
        revisionId: string;
        status: string;
      }[];
    const byTitle = new Map(documents.map((d) => [d.title, d]));
    const returns = byTitle.get('Returns handling')!;
    const complaints = byTitle.get('Complaint handling')!;
    const onboarding = byTitle.get('Onboarding new customer service desk staff')!;

    const staff = await mine('staff');
    expect(staff.map((a) => a.documentId).sort()).toEqual(
      [returns.id, complaints.id, onboarding.id].sort(),
    );
    for (const a of staff) {
      expect(a.status).toBe('pending');
      expect(a.revisionId).toBe(documents.find((d) => d.id === a.documentId)!.currentRevisionId);
    }
    // The approver works in customer service too; onboarding is for the staff role.
    expect((await mine('approver')).map((a) => a.documentId).sort()).toEqual(
      [returns.id, complaints.id].sort(),
    );
    expect(await mine('lead')).toEqual([]);

    const requirement = await get('lead', `/documents/${complaints.id}/training-requirement`);
    expect(requirement.status).toBe(200);
    expect(requirement.body).toMatchObject({
      roles: [],
      retrainOnMinor: true,
      updatedBy: ids.lead,
    });
    expect(
      (await get('lead', `/documents/${onboarding.id}/training-requirement`)).body,
    ).toMatchObject({ roles: ['staff'] });
    const others = documents.filter((d) => ![returns, complaints, onboarding].includes(d));
    for (const d of others)
      expect((await get('lead', `/documents/${d.id}/training-requirement`)).status).toBe(404);
  });

  it('seeds nothing twice: a second start leaves documents, requirements and assignments as they are', async () => {
    const counts = () =>
      t.ds.query<Record<string, number>[]>(
        `SELECT (SELECT count(*) FROM documents)::int AS documents,
                (SELECT count(*) FROM revisions)::int AS revisions,
                (SELECT count(*) FROM training_requirements)::int AS requirements,
                (SELECT count(*) FROM training_assignments)::int AS assignments,
                (SELECT count(*) FROM audit_events)::int AS events`,
      );
    const before = await counts();
    expect(before[0].requirements).toBe(3);
    expect(await t.app.get(BootstrapService).run()).toEqual({
      seededDemo: false,
      createdAdmin: false,
    });
    expect(await counts()).toEqual(before);
  });
});
