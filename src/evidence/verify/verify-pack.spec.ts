import { generateKeyPairSync, sign } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { ZipFile } from 'yazl';
import { computeHash, GENESIS_HASH } from '../../audit/audit-hash';
import { addManifest } from '../pack/manifest';
import { PackWriter } from '../pack/pack-writer';
import { parseTrustedKeys } from './trusted-keys';
import { verifyPack } from './verify-pack';

const pair = generateKeyPairSync('ed25519');
const pem = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const [trusted] = parseTrustedKeys(pem);

const unsealed = {
  id: '0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  seq: 1,
  occurredAt: '2026-11-22T10:15:00.000Z',
  actorType: 'system' as const,
  actorId: null,
  action: 'document.created',
  entityType: 'document',
  entityId: null,
  data: { n: 1 },
  prevHash: GENESIS_HASH,
};
const EVENT = JSON.stringify({ ...unsealed, hash: computeHash(unsealed) });

/** A small pack made the way the service makes one. */
async function makePack(files: Record<string, string>, keyId = trusted.keyId): Promise<Buffer> {
  const writer = new PackWriter(new Date('2026-01-01T00:00:00Z'));
  for (const [name, content] of Object.entries(files)) writer.add(name, () => content);
  addManifest(
    writer,
    {
      packId: 'p1',
      exportedAt: '2026-01-01T00:00:00.000Z',
      exportedBy: { id: 'u', name: 'U' },
      document: { id: 'd', number: 'SOP-1', title: 'T' },
      window: { from: null, to: null },
      signature: { algorithm: 'Ed25519', keyId },
    },
    (message) => sign(null, Buffer.from(message), pair.privateKey).toString('base64'),
  );
  writer.end();
  return buffer(writer.output);
}

const FILES = {
  'a.md': '# A\n',
  'audit-events.jsonl': EVENT + '\n',
  'chain-head.json': JSON.stringify({ seq: 1, hash: JSON.parse(EVENT).hash, checkpoint: null }),
};

describe('verifyPack', () => {
  it('accepts an intact pack signed with a trusted key', async () => {
    const report = await verifyPack(await makePack(FILES), { keys: [trusted] });
    expect(report).toMatchObject({ ok: true, findings: [], files: 6, events: 1, packId: 'p1' });
  });

  it('names a missing file and an event line that is not JSON', async () => {
    const pack = await makePack({ ...FILES, 'audit-events.jsonl': EVENT + '\n{oops\n' });
    const report = await verifyPack(pack, { keys: [trusted] });
    expect(report.findings).toEqual([
      { file: 'audit-events.jsonl', problem: 'line 2: not valid JSON' },
    ]);

    const z = new ZipFile();
    z.addBuffer(Buffer.from('x'), 'a.md');
    z.end();
    const empty = await verifyPack(await buffer(z.outputStream), { keys: [trusted] });
    expect(empty.findings.map((f) => f.file)).toEqual(['manifest.json', 'chain-head.json']);
  });

  it('reports a damaged zip instead of throwing', async () => {
    const pack = await makePack(FILES);
    const report = await verifyPack(pack.subarray(0, pack.length - 30), { keys: [trusted] });
    expect(report.ok).toBe(false);
    expect(report.findings[0].file).toBe('(zip)');
  });

  it('trusts keys by their own id, whatever a file says', () => {
    const json = JSON.stringify({ items: [{ keyId: 'f'.repeat(64), publicKeyPem: pem }] });
    expect(parseTrustedKeys(json)).toEqual([expect.objectContaining({ keyId: trusted.keyId })]);
    expect(parseTrustedKeys(JSON.stringify({ publicKeyPem: pem }))[0].keyId).toBe(trusted.keyId);
    expect(() => parseTrustedKeys('{}')).toThrow(/no publicKeyPem/);
  });
});
