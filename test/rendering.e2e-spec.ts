import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, sopBody } from './helpers/documents';
import { createUser, TestUser, usersByRole } from './helpers/factories';

/** Every start tag in an HTML string (escaped text, &lt;…, is not a tag). */
const startTags = (html: string) => html.match(/<[a-z][^>]*>/gi) ?? [];

describe('rendering, diffs and search (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let d: ReturnType<typeof docs>;
  const get = (user: TestUser, path: string) => request(t.http).get(api(path)).set(auth(user));
  const search = async (q: string, user = u.staff) =>
    (await get(user, `/search?q=${encodeURIComponent(q)}`).expect(200)).body.items as {
      documentId: string;
      documentNumber: string;
      title: string;
      revisionId: string;
      label: string;
      snippet: string;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    d = docs(t);
  });
  afterAll(() => t.close());

  it('renders a revision as sanitised HTML with heading anchors and locked-down headers', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '[x](javascript:alert(1)) and [y](JaVaScRiPt&#58;alert(2)) and ![i](javascript:alert(3))',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(4)" onclick="alert(5)">raw</a>',
      '[safe](https://example.com/a) and [anchor](#scope)',
      '### Step 1\n\n### Step 1',
    ].join('\n\n');
    const doc = await d.publish(u.quality_lead, u.approver, { body: sopBody(hostile) });
    const res = await get(u.staff, `/revisions/${doc.revId}/html`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy'];
    expect(csp.split(';').map((s) => s.trim())).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);

    const html = res.text;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    for (const tag of startTags(html)) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/javascript/i);
    }
    const anchors = startTags(html).filter((tag) => tag.startsWith('<a '));
    expect(anchors).toEqual([
      '<a href="https://example.com/a" rel="noopener noreferrer nofollow">',
      '<a href="#scope" rel="noopener noreferrer nofollow">',
    ]);
    expect(html).toContain('<h2 id="purpose">Purpose</h2>');
    expect(html).toContain('<h2 id="revision-history">Revision history</h2>');
    expect(html).toContain('<h3 id="step-1">Step 1</h3>');
    expect(html).toContain('<h3 id="step-1-1">Step 1</h3>');

    const draft = await d.create(u.quality_lead, { title: 'Unpublished' });
    await get(u.staff, `/revisions/${draft.draftRevisionId}/html`).expect(404);
    await get(u.auditor, `/revisions/${draft.draftRevisionId}/html`).expect(200);
    await get(u.staff, `/revisions/${randomUUID()}/html`).expect(404);
  });

  it('answers a conditional GET for the HTML with 304 only when the content is the same, and only to those who may see it', async () => {
    const doc = await d.publish(u.quality_lead, u.approver, { body: sopBody('Conditional one.') });
    const first = await get(u.staff, `/revisions/${doc.revId}/html`).expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await get(u.staff, `/revisions/${doc.revId}/html`)
        .set('If-None-Match', header)
        .expect(304);
      expect(again.text ?? '').toBe('');
      expect(again.headers.etag).toBe(etag);
    }
    const other = await get(u.staff, `/revisions/${doc.revId}/html`)
      .set('If-None-Match', '"0000"')
      .expect(200);
    expect(other.text).toBe(first.text);

    // A draft's body changes, and its HTML and ETag with it; staff never learn it exists.
    const draft = await d.create(u.quality_lead, {
      title: 'Conditional draft',
      body: sopBody('Before.'),
    });
    const id = draft.draftRevisionId!;
    const before = await get(u.auditor, `/revisions/${id}/html`).expect(200);
    expect(before.text).toContain('Before.');
    await get(u.staff, `/revisions/${id}/html`)
      .set('If-None-Match', before.headers.etag)
      .expect(404);
    await d.edit(u.quality_lead, id, sopBody('After.'));
    const after = await get(u.auditor, `/revisions/${id}/html`)
      .set('If-None-Match', before.headers.etag)
      .expect(200);
    expect(after.text).toContain('After.');
    expect(after.text).not.toContain('Before.');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('renders a revision once and serves the stored HTML to every instance, but never stores a draft', async () => {
    const etagHash = (res: request.Response) => String(res.headers.etag).slice(1, -1);
    const stored = (hash: string) =>
      t.ds.query<{ html: Buffer }[]>('SELECT html FROM rendered_html WHERE content_sha256 = $1', [
        hash,
      ]);
    const storedSoon = async (hash: string) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const rows = await stored(hash);
        if (rows.length) return rows[0].html.toString('utf8');
        if (Date.now() > deadline) throw new Error('the rendered HTML was not stored');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const doc = await d.publish(u.quality_lead, u.approver, { body: sopBody('Stored once.') });
    const first = await get(u.staff, `/revisions/${doc.revId}/html`).expect(200);
    const hash = etagHash(first);
    expect(await storedSoon(hash)).toBe(first.text);
    // What is served is the stored row (as another instance would serve it).
    await t.ds.query(
      `UPDATE rendered_html SET html = convert_to('<p>from the store</p>', 'UTF8') WHERE content_sha256 = $1`,
      [hash],
    );
    expect((await get(u.staff, `/revisions/${doc.revId}/html`).expect(200)).text).toBe(
      '<p>from the store</p>',
    );

    // A draft read before another effective revision: once that one is stored, the
    // draft's row would be there too, had it been stored.
    const draft = await d.create(u.quality_lead, { title: 'Not stored', body: sopBody('Draft.') });
    const later = await d.publish(u.quality_lead, u.approver, { body: sopBody('Stored later.') });
    const draftRes = await get(u.auditor, `/revisions/${draft.draftRevisionId}/html`).expect(200);
    const laterRes = await get(u.staff, `/revisions/${later.revId}/html`).expect(200);
    await storedSoon(etagHash(laterRes));
    expect(await stored(etagHash(draftRes))).toEqual([]);
  });

  it('renders a heading bomb off the event loop: unique ids, and /health/live answers meanwhile', async () => {
    const n = 10_000; // 40 KB of "# a": 5.8 s of blocked event loop before ids were linear
    const doc = await d.publish(u.quality_lead, u.approver, { body: sopBody('# a\n'.repeat(n)) });
    let done = false;
    const started = performance.now();
    const rendering = get(u.staff, `/revisions/${doc.revId}/html`).then((res) => {
      done = true;
      return { res, ms: performance.now() - started };
    });
    const health: number[] = [];
    while (!done) {
      const asked = performance.now();
      await request(t.http).get('/health/live').expect(200);
      health.push(performance.now() - asked);
    }
    const { res, ms } = await rendering;
    expect(res.status).toBe(200);
    const ids = [...res.text.matchAll(/<h1 id="([^"]+)">a<\/h1>/g)].map((m) => m[1]);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect(ids.slice(0, 3)).toEqual(['a', 'a-1', 'a-2']);
    // On the event loop, a health check waits for the whole render (a ratio near 1).
    expect(Math.max(...health) / ms).toBeLessThan(0.5);
  });

  describe('diffs', () => {
    let doc: { id: string; revId: string };
    let v2: string;
    let v3: string;
    const v1Body = sopBody('1. Pack the goods.\n2. Ship within 5 days.');
    const v2Body = sopBody('1. Pack the goods.\n2. Ship within 3 days.\n3. Send <b>tracking</b>.');
    const v3Body = v2Body.replace('Text of Scope.', 'Text of the new scope.');

    beforeAll(async () => {
      doc = await d.publish(u.quality_lead, u.approver, { title: 'Shipping', body: v1Body });
      v2 = await d.revise(u.quality_lead, u.approver, doc.id, v2Body);
      v3 = (
        await d
          .newRevision(u.quality_lead, doc.id, { changeLevel: 'minor', changeSummary: 'Scope' })
          .expect(201)
      ).body.id;
      await d.edit(u.quality_lead, v3, v3Body);
    });
    const diff = (user: TestUser, id: string, query: string) =>
      get(user, `/revisions/${id}/diff?${query}`);

    it('gives a unified diff that applies to the older body', async () => {
      const res = await diff(u.quality_lead, v2, `against=${doc.revId}`).expect(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      const patch = res.text;
      expect(patch).toMatch(
        /^--- a\/\S+\.md\t1\.0\n\+\+\+ b\/\S+\.md\t1\.1\n@@ -\d+,\d+ \+\d+,\d+ @@/,
      );
      expect(patch).toContain('\n-2. Ship within 5 days.\n');
      expect(patch).toContain('\n+2. Ship within 3 days.\n+3. Send <b>tracking</b>.\n');
      const dir = mkdtempSync(join(tmpdir(), 'praxis-diff-'));
      try {
        const file = /^--- a\/(\S+)/.exec(patch)![1];
        writeFileSync(join(dir, file), v1Body);
        execFileSync('git', ['apply', '-p1', '-'], { cwd: dir, input: patch });
        expect(readFileSync(join(dir, file), 'utf8')).toBe(v2Body);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const byDefault = await diff(u.quality_lead, v2, `against=${doc.revId}&format=unified`);
      expect(byDefault.text).toBe(patch);
    });

    it('gives JSON hunks with line counts', async () => {
      const res = await diff(u.auditor, v2, `against=${doc.revId}&format=json`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        from: doc.revId,
        to: v2,
        stats: { added: 2, removed: 1 },
        hunks: [
          {
            oldStart: expect.any(Number),
            oldLines: expect.any(Number),
            newStart: expect.any(Number),
            newLines: expect.any(Number),
            lines: expect.arrayContaining([
              '-2. Ship within 5 days.',
              '+2. Ship within 3 days.',
              '+3. Send <b>tracking</b>.',
              ' 1. Pack the goods.',
            ]),
          },
        ],
      });
      const [h] = res.body.hunks;
      expect(h.newLines - h.oldLines).toBe(1);
    });

    it('gives an escaped word-level HTML redline', async () => {
      const res = await diff(u.admin, v2, `against=${doc.revId}&format=html`).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.text).toContain('<del>5</del><ins>3</ins>');
      expect(res.text).toMatch(/<ins>[^<]*&#60;b&#62;tracking&#60;\/b&#62;[^<]*<\/ins>/);
      expect(res.text).not.toContain('<b>');
    });

    it('refuses revisions of different documents, a bad format or a malformed id (400)', async () => {
      const other = await d.publish(u.quality_lead, u.approver, { title: 'Other' });
      const cases = [
        `against=${other.revId}`,
        `against=${doc.revId}&format=pdf`,
        'against=not-a-uuid',
        '',
      ];
      for (const q of cases) {
        const res = await diff(u.admin, v2, q);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
      }
      await diff(u.admin, 'nope', `against=${doc.revId}`).expect(400);
      await diff(u.admin, v2, `against=${randomUUID()}`).expect(404);
    });

    it('lets staff and approvers diff only revisions they can see', async () => {
      await diff(u.staff, v2, `against=${doc.revId}`).expect(404); // 1.0 is superseded
      await diff(u.staff, v3, `against=${v2}`).expect(404); // a draft
      await diff(u.staff, v2, `against=${v3}`).expect(404);
      const same = await diff(u.staff, v2, `against=${v2}&format=json`).expect(200);
      expect(same.body.stats).toEqual({ added: 0, removed: 0 });
      const signer = await createUser(t, { roles: ['approver'] });
      await d.submit(u.quality_lead, v3, { approverIds: [signer.id] }).expect(200);
      const res = await diff(signer, v3, `against=${v2}&format=json`).expect(200);
      expect(res.body.stats).toEqual({ added: 1, removed: 1 });
      await diff(u.approver, v3, `against=${v2}`).expect(404); // not assigned
    });
  });

  describe('search', () => {
    it('finds effective revisions by stemmed words, with escaped snippets and <mark>', async () => {
      const doc = await d.publish(u.quality_lead, u.approver, {
        title: 'Customer returns',
        // \u0001 and \u0002 are what the service marks matches with internally
        body: sopBody('We <b>refund</b> the \u0001customer\u0002 & keep "the receipt".'),
      });
      const items = await search('refunds');
      expect(items).toEqual([
        expect.objectContaining({
          documentId: doc.id,
          documentNumber: doc.number,
          title: 'Customer returns',
          revisionId: doc.revId,
          label: '1.0',
        }),
      ]);
      const { snippet } = items[0];
      expect(snippet).toContain('&lt;b&gt;<mark>refund</mark>&lt;/b&gt;');
      expect(snippet).toContain('&amp;');
      expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      expect(snippet.match(/<mark>/g)).toHaveLength(1);
      expect(snippet).toContain('the customer &amp; keep &quot;the receipt&quot;');
      expect(await search('refunding', u.auditor)).toHaveLength(1);
    });

    it('ranks title matches above body-only matches', async () => {
      const bodyOnly = await d.publish(u.quality_lead, u.approver, {
        title: 'Weighing station',
        body: sopBody('Check the calibration sticker.'),
      });
      const inTitle = await d.publish(u.quality_lead, u.approver, {
        title: 'Calibration of balances',
        body: sopBody('Use the reference weights.'),
      });
      const items = await search('calibration');
      expect(items.map((i) => i.documentId)).toEqual([inTitle.id, bodyOnly.id]);
    });

    it('finds neither drafts, revisions in review or waiting, superseded nor retired ones', async () => {
      const draft = await d.create(u.quality_lead, { body: sopBody('The quokka rule.') });
      const review = await d.create(u.quality_lead, { body: sopBody('The quokka review.') });
      await d.submit(u.quality_lead, review.draftRevisionId!, { approverIds: [u.approver.id] });
      const waiting = await d.create(u.quality_lead, { body: sopBody('The quokka wait.') });
      await d.approve(u.quality_lead, waiting.draftRevisionId!, [u.approver], '2099-01-01');
      expect(draft.status).toBe('draft');
      expect(await search('quokka', u.admin)).toEqual([]);

      const doc = await d.publish(u.quality_lead, u.approver, {
        body: sopBody('An aardvark at the gate.'),
      });
      expect((await search('aardvark')).map((i) => i.revisionId)).toEqual([doc.revId]);
      const v2 = await d.revise(u.quality_lead, u.approver, doc.id, sopBody('A pangolin.'));
      expect(await search('aardvark')).toEqual([]);
      expect((await search('pangolins')).map((i) => [i.revisionId, i.label])).toEqual([
        [v2, '1.1'],
      ]);
      await d
        .retire(u.quality_lead, doc.id, { reason: 'Gone', password: u.quality_lead.password })
        .expect(200);
      expect(await search('pangolin')).toEqual([]);
    });

    it('refuses an empty query (400) and an anonymous caller (401)', async () => {
      for (const q of ['/search?q=', '/search?q=%20%20', '/search']) {
        const res = await get(u.staff, q);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
      }
      await request(t.http).get(api('/search?q=refund')).expect(401);
    });
  });
});
