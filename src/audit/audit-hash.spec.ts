import { createHash } from 'node:crypto';
import { AuditRecord, ChainVerifier, computeHash, GENESIS_HASH } from './audit-hash';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const EVENT: Omit<AuditRecord, 'hash'> = {
  id: '0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  seq: 7,
  occurredAt: '2026-11-22T10:15:00.000Z',
  actorType: 'user',
  actorId: '11111111-2222-4333-8444-555555555555',
  action: 'user.created',
  entityType: 'user',
  entityId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  data: { z: 1, a: { y: 'x "q"', b: [2, { d: null, c: true }] }, m: 'ü' },
  prevHash: 'ab'.repeat(32),
};

// Written out by hand: keys sorted at every depth (arrays keep their order), no whitespace.
const EVENT_CANONICAL =
  '{"action":"user.created","actorId":"11111111-2222-4333-8444-555555555555","actorType":"user",' +
  '"data":{"a":{"b":[2,{"c":true,"d":null}],"y":"x \\"q\\""},"m":"ü","z":1},' +
  '"entityId":"66666666-7777-4888-9999-aaaaaaaaaaaa","entityType":"user",' +
  '"id":"0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b","occurredAt":"2026-11-22T10:15:00.000Z",' +
  `"prevHash":"${'ab'.repeat(32)}","seq":7}`;

describe('computeHash', () => {
  it('is SHA-256 hex of prevHash, a newline and the canonical JSON', () => {
    expect(computeHash(EVENT)).toBe(sha256(`${'ab'.repeat(32)}\n${EVENT_CANONICAL}`));
  });

  it('keeps null actor and entity ids in the hashed form', () => {
    const system = { ...EVENT, actorType: 'system' as const, actorId: null, entityId: null };
    const canonical = EVENT_CANONICAL.replace(
      '"actorId":"11111111-2222-4333-8444-555555555555","actorType":"user"',
      '"actorId":null,"actorType":"system"',
    ).replace('"entityId":"66666666-7777-4888-9999-aaaaaaaaaaaa"', '"entityId":null');
    expect(computeHash(system)).toBe(sha256(`${'ab'.repeat(32)}\n${canonical}`));
  });

  it('ignores a hash field and any property that is not part of the event', () => {
    const extra = { ...EVENT, hash: 'f'.repeat(64), extra: 'not hashed' } as AuditRecord;
    expect(computeHash(extra)).toBe(computeHash(EVENT));
  });

  it('changes when any field changes', () => {
    const base = computeHash(EVENT);
    expect(computeHash({ ...EVENT, seq: 8 })).not.toBe(base);
    expect(computeHash({ ...EVENT, prevHash: GENESIS_HASH })).not.toBe(base);
    expect(computeHash({ ...EVENT, data: { ...EVENT.data, z: 2 } })).not.toBe(base);
    expect(computeHash({ ...EVENT, occurredAt: '2026-11-22T10:15:00.001Z' })).not.toBe(base);
  });
});

/** Gives each event, in the order given, prevHash = the previous hash and a correct hash. */
function link(events: Omit<AuditRecord, 'hash' | 'prevHash'>[]): AuditRecord[] {
  let prevHash = GENESIS_HASH;
  return events.map((e) => {
    const unhashed = { ...e, prevHash };
    const record = { ...unhashed, hash: computeHash(unhashed) };
    prevHash = record.hash;
    return record;
  });
}

function events(seqs: number[]): Omit<AuditRecord, 'hash' | 'prevHash'>[] {
  return seqs.map((seq) => ({
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    actorType: 'system',
    actorId: null,
    action: 'test.event',
    entityType: 'test',
    entityId: null,
    data: { n: seq },
  }));
}

function verify(chain: AuditRecord[]) {
  const v = new ChainVerifier();
  for (const e of chain) v.add(e);
  return v.result();
}

describe('ChainVerifier', () => {
  const valid = link(events([1, 2, 3, 4, 5]));

  it('accepts an empty chain with the genesis hash as head', () => {
    expect(verify([])).toEqual({ valid: true, count: 0, headHash: GENESIS_HASH });
  });

  it('accepts a valid chain and reports the count and the last hash', () => {
    expect(verify(valid)).toEqual({ valid: true, count: 5, headHash: valid[4].hash });
  });

  it('finds changed data', () => {
    const chain = valid.map((e) => ({ ...e }));
    chain[2] = { ...chain[2], data: { n: 999 } };
    expect(verify(chain)).toEqual({
      valid: false,
      count: 5,
      firstInvalidSeq: 3,
      reason: 'broken_link',
    });
  });

  it('finds a changed hash', () => {
    const chain = valid.map((e) => ({ ...e }));
    chain[1] = { ...chain[1], hash: 'e'.repeat(64) };
    expect(verify(chain)).toEqual({
      valid: false,
      count: 5,
      firstInvalidSeq: 2,
      reason: 'broken_link',
    });
  });

  it('finds a wrong prevHash even when that event’s own hash was recomputed', () => {
    const chain = valid.map((e) => ({ ...e }));
    const forged = { ...chain[3], prevHash: 'c'.repeat(64) };
    chain[3] = { ...forged, hash: computeHash(forged) };
    expect(verify(chain)).toEqual({
      valid: false,
      count: 5,
      firstInvalidSeq: 4,
      reason: 'broken_link',
    });
  });

  it('finds a first event that does not start from the genesis hash', () => {
    const chain = valid.map((e) => ({ ...e }));
    const forged = { ...chain[0], prevHash: '1'.repeat(64) };
    chain[0] = { ...forged, hash: computeHash(forged) };
    expect(verify(chain)).toEqual({
      valid: false,
      count: 5,
      firstInvalidSeq: 1,
      reason: 'broken_link',
    });
  });

  it('finds a gap in seq even when the hashes link up', () => {
    expect(verify(link(events([1, 2, 4, 5])))).toEqual({
      valid: false,
      count: 4,
      firstInvalidSeq: 3,
      reason: 'broken_link',
    });
  });

  it('finds a duplicated seq even when the hashes link up', () => {
    expect(verify(link(events([1, 2, 2, 3])))).toEqual({
      valid: false,
      count: 4,
      firstInvalidSeq: 3,
      reason: 'broken_link',
    });
  });

  it('finds a chain that does not start at seq 1', () => {
    expect(verify(link(events([2, 3])))).toEqual({
      valid: false,
      count: 2,
      firstInvalidSeq: 1,
      reason: 'broken_link',
    });
  });

  it('reports the first break when there are several, and still counts every event', () => {
    const chain = valid.map((e) => ({ ...e }));
    chain[1] = { ...chain[1], data: { n: -1 } };
    chain[4] = { ...chain[4], hash: '0'.repeat(64) };
    expect(verify(chain)).toEqual({
      valid: false,
      count: 5,
      firstInvalidSeq: 2,
      reason: 'broken_link',
    });
  });
});
