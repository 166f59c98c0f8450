import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs } from './helpers/documents';
import { TestUser, usersByRole } from './helpers/factories';

describe('POST /markdown/preview (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  const preview = (who: TestUser, body: object | string) =>
    request(t.http).post(api('/markdown/preview')).set(auth(who)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
  });
  afterAll(() => t.close());

  it('renders a body exactly as a saved revision is rendered, sanitised', async () => {
    const body =
      '# Purpose\n\nHello <script>alert(1)</script> [x](javascript:alert(1)) **bold**\n\n## Scope\n';
    const doc = await docs(t).create(u.quality_lead, { body });
    const saved = await request(t.http)
      .get(api(`/revisions/${doc.draftRevisionId}/html`))
      .set(auth(u.quality_lead))
      .expect(200);
    const res = await preview(u.admin, { body }).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toBe(saved.text);
    expect(res.text).not.toContain('<script');
    expect(res.text).toContain('<h2 id="scope">');
  });

  it('is for those who may edit; bad input is a 400 and nothing else', async () => {
    for (const who of [u.staff, u.approver, u.auditor])
      await preview(who, { body: '# x' }).expect(403);
    await preview(u.quality_lead, {}).expect(400);
    await preview(u.quality_lead, { body: 42 }).expect(400);
    await preview(u.quality_lead, { body: 'x'.repeat(1_000_001) }).expect(400);
  });
});
