import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Role } from '../src/common/roles';
import { runCli } from '../src/evidence/verify/cli';
import { parseTrustedKeys, TrustedKey } from '../src/evidence/verify/trusted-keys';
import { verifyPack } from '../src/evidence/verify/verify-pack';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, docs, sopBody } from './helpers/documents';
import { TestUser, usersByRole } from './helpers/factories';
import { training } from './helpers/training';
import { binary } from './helpers/binary';
import { flipByte, tamper, unzip, zip } from './helpers/zip';

describe('evidence packs (e2e)', () => {
  let t: TestApp;
  let u: Record<Role, TestUser>;
  let docId: string;
  let revs: string[];
  let pack: Buffer;
  let keys: TrustedKey[];
  let keysJson: string;
  const dir = mkdtempSync(join(tmpdir(), 'praxis-pack-'));

  const get = (user: TestUser, id: string, query = '') =>
    request(t.http)
      .get(api(`/documents/${id}/evidence-pack${query}`))
      .set(auth(user))
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    t = await createTestApp();
    u = await usersByRole(t);
    const d = docs(t);
    const doc = await d.publish(u.quality_lead, u.approver, { body: sopBody('Receive it.') });
    docId = doc.id;
    await training(t)
      .put(u.quality_lead, docId, { roles: ['staff'] })
      .expect(200);
    await training(t).ack(u.staff, doc.revId).expect(201);
    const second = await d.revise(
      u.quality_lead,
      u.approver,
      docId,
      sopBody('Receive, then inspect it.'),
    );
    await training(t)
      .ack(u.staff, second, { practiceMatches: false, comment: 'We scan first' })
      .expect(201);
    revs = [doc.revId, second];
    await request(t.http)
      .get(api(`/revisions/${second}/pdf`))
      .set(auth(u.staff))
      .expect(200);
    keysJson = (await request(t.http).get(api('/signing-keys')).set(auth(u.auditor)).expect(200))
      .text;
    keys = parseTrustedKeys(keysJson);
    const res = await get(u.auditor, docId).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    pack = res.body as Buffer;
  });
  afterAll(() => t.close());

  it('holds every revision, signatures, acknowledgements, proposals, diffs, events and the chain head', async () => {
    const files = await unzip(pack);
    const names = [...files.keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'VERIFY.md',
        'document.json',
        'revisions/001-1.0.md',
        'revisions/001-1.0.pdf',
        'revisions/002-1.1.md',
        'revisions/002-1.1.pdf',
        'signatures.json',
        'acknowledgements.csv',
        'proposals.json',
        'diffs/001-1.0..002-1.1.patch',
        'audit-events.jsonl',
        'chain-head.json',
        'manifest.json',
        'manifest.sig',
        'SHA256SUMS',
      ]),
    );
    expect(files.get('revisions/002-1.1.md')!.toString()).toContain('Receive, then inspect it.');
    expect(files.get('diffs/001-1.0..002-1.1.patch')!.toString()).toMatch(/^-Receive it\.$/m);
    const csv = files.get('acknowledgements.csv')!.toString().trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[2]).toContain('We scan first');
    const proposals = JSON.parse(files.get('proposals.json')!.toString()) as {
      kind: string;
      timeline: unknown[];
    }[];
    expect(proposals).toEqual([
      expect.objectContaining({ kind: 'practice_deviation', timeline: expect.any(Array) }),
    ]);
    const signatures = JSON.parse(files.get('signatures.json')!.toString()) as {
      signatures: unknown[];
    }[];
    expect(signatures.map((s) => s.signatures.length)).toEqual([1, 1]);

    // Events byte-identical to the export's lines; this export's own event among them.
    const exported = (
      await request(t.http)
        .get(api('/audit-events/export?format=jsonl'))
        .set(auth(u.auditor))
        .expect(200)
    ).text.split('\n');
    const lines = files.get('audit-events.jsonl')!.toString().trim().split('\n');
    for (const line of lines) expect(exported).toContain(line);
    const actions = lines.map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'document.created',
        'signature.applied',
        'revision.effective',
        'acknowledgement.recorded',
        'proposal.created',
        'copy.issued',
        'evidence_pack.exported',
      ]),
    );
    const head = JSON.parse(files.get('chain-head.json')!.toString()) as {
      seq: number;
      hash: string;
    };
    const headLine = exported.find((l) => l.includes(`"seq":${head.seq},`))!;
    expect(JSON.parse(headLine)).toMatchObject({ hash: head.hash });
  });

  it('verifies offline, alone and against the full chain export (npm run verify-pack)', async () => {
    expect(await verifyPack(pack, { keys })).toMatchObject({ ok: true, findings: [] });
    const chain = join(dir, 'chain.jsonl');
    const exported = await request(t.http)
      .get(api('/audit-events/export?format=jsonl'))
      .set(auth(u.auditor))
      .expect(200);
    writeFileSync(chain, exported.text);
    const report = await verifyPack(pack, { keys, chain });
    expect(report).toMatchObject({ ok: true, chainChecked: true });
    expect(report.events).toBeGreaterThan(10);

    writeFileSync(join(dir, 'pack.zip'), pack);
    writeFileSync(join(dir, 'signing-keys.json'), keysJson);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const args = [
        join(dir, 'pack.zip'),
        '--keys',
        join(dir, 'signing-keys.json'),
        '--chain',
        chain,
      ];
      expect(await runCli(args)).toBe(0);
      expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/^VERIFIED pack /));
    } finally {
      log.mockRestore();
    }
  });

  it('names the file when one byte of it is flipped', async () => {
    for (const name of [
      'revisions/001-1.0.md',
      'revisions/002-1.1.pdf',
      'acknowledgements.csv',
      'VERIFY.md',
    ]) {
      const report = await verifyPack(await tamper(pack, name, flipByte()), { keys });
      expect(report.ok).toBe(false);
      expect(report.findings).toContainEqual({
        file: name,
        problem: expect.stringMatching(/SHA-256 does not match/),
      });
    }
  });

  it('names the event whose bytes were changed, by line and seq', async () => {
    const files = await unzip(pack);
    const text = files.get('audit-events.jsonl')!.toString();
    const altered = text.replace(
      '"action":"acknowledgement.recorded"',
      '"action":"acknowledgement.recordeD"',
    );
    expect(altered).not.toBe(text);
    files.set('audit-events.jsonl', Buffer.from(altered));
    const report = await verifyPack(await zip(files), { keys });
    expect(report.findings).toEqual(
      expect.arrayContaining([
        { file: 'audit-events.jsonl', problem: expect.stringMatching(/SHA-256 does not match/) },
        {
          file: 'audit-events.jsonl',
          problem: expect.stringMatching(
            /^line \d+ \(seq \d+\): the event's hash does not recompute/,
          ),
        },
      ]),
    );
  });

  it('refuses a changed manifest, a pack signed with an unknown key, and an unlisted file', async () => {
    const manifest = await verifyPack(await tamper(pack, 'manifest.json', flipByte()), { keys });
    expect(manifest.findings.map((f) => f.file)).toContain('manifest.sig');

    // Someone re-signs the manifest with a key of their own: refused.
    const files = await unzip(pack);
    const other = generateKeyPairSync('ed25519');
    files.set('manifest.sig', sign(null, files.get('manifest.json')!, other.privateKey));
    const forged = await verifyPack(await zip(files), { keys });
    expect(forged.findings).toContainEqual({
      file: 'manifest.sig',
      problem: expect.stringMatching(/does not verify/),
    });
    const pem = other.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const unknown = await verifyPack(pack, { keys: parseTrustedKeys(pem) });
    expect(unknown.ok).toBe(false);
    expect(unknown.findings).toContainEqual({
      file: 'manifest.json',
      problem: expect.stringMatching(/key you do not trust.*refused/),
    });

    files.set('manifest.sig', (await unzip(pack)).get('manifest.sig')!);
    files.set('extra.txt', Buffer.from('slipped in'));
    const extra = await verifyPack(await zip(files), { keys });
    expect(extra.findings).toEqual([{ file: 'extra.txt', problem: 'not listed in the manifest' }]);
  });

  it('finds a pack event that the chain export does not hold', async () => {
    const exported = await request(t.http)
      .get(api('/audit-events/export?format=jsonl'))
      .set(auth(u.auditor));
    const first = JSON.parse(
      (await unzip(pack)).get('audit-events.jsonl')!.toString().split('\n')[0],
    ) as { seq: number };
    const chain = join(dir, 'short.jsonl');
    writeFileSync(
      chain,
      exported.text
        .split('\n')
        .slice(0, first.seq - 1)
        .join('\n') + '\n',
    );
    const report = await verifyPack(pack, { keys, chain });
    expect(report.findings).toContainEqual({
      file: 'audit-events.jsonl',
      problem: `seq ${first.seq}: not in the chain export`,
    });
  });

  it('keeps to the window, records each export, and refuses staff, approvers and bad windows', async () => {
    const future = await get(u.admin, docId, '?from=2999-01-01T00:00:00.000Z').expect(200);
    const files = await unzip(future.body as Buffer);
    expect([...files.keys()].filter((n) => n.startsWith('revisions/'))).toEqual([
      'revisions/001-1.1.md',
      'revisions/001-1.1.pdf',
    ]);
    expect(files.get('audit-events.jsonl')!.length).toBe(0);
    expect(files.get('acknowledgements.csv')!.toString().trim().split('\n')).toHaveLength(1);
    expect((await verifyPack(future.body as Buffer, { keys })).ok).toBe(true);

    const exports = await request(t.http)
      .get(api(`/audit-events?action=evidence_pack.exported`))
      .set(auth(u.auditor))
      .expect(200);
    expect(exports.body.items).toHaveLength(2);
    expect(exports.body.items[0]).toMatchObject({
      actorId: u.admin.id,
      data: { documentId: docId, from: '2999-01-01T00:00:00.000Z' },
    });

    await get(u.quality_lead, docId).expect(200);
    for (const who of [u.staff, u.approver]) await get(who, docId).expect(403);
    await get(u.auditor, docId, '?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z').expect(400);
    await get(u.auditor, docId, '?from=yesterday').expect(400);
    await get(u.auditor, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(revs).toHaveLength(2);
  });
});
