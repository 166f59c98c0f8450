import { createHash, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { checkpointMessage, AuditCheckpoint } from '../../audit/audit-checkpoint';
import { AuditRecord, ChainVerifier, computeHash } from '../../audit/audit-hash';
import {
  CHAIN_HEAD,
  EVENTS,
  MANIFEST,
  MANIFEST_TYPE,
  META_FILES,
  PackManifest,
  SIGNATURE,
  SUMS,
  sumsText,
} from '../pack/manifest';
import { TrustedKey } from './trusted-keys';
import { readZip } from './zip-read';

/** One thing wrong, and where. */
export interface Finding {
  file: string;
  problem: string;
}

export interface VerifyReport {
  ok: boolean;
  findings: Finding[];
  packId?: string;
  keyId?: string;
  files: number;
  events: number;
  /** Whether the events were also found in a full chain export. */
  chainChecked: boolean;
}

interface ReadPack {
  digests: Map<string, { sha256: string; size: number }>;
  small: Map<string, Buffer>;
  /** Each event line of audit-events.jsonl (without its newline) by seq. */
  events: Map<number, string>;
}

const KEEP = new Set([MANIFEST, SIGNATURE, SUMS, CHAIN_HEAD]);

/**
 * Checks an evidence pack with nothing but the pack, the keys you trust and, if given,
 * a full JSONL export of the audit chain: no network, no database. Every problem is
 * reported with the file it is in; `ok` only when there is none.
 */
export async function verifyPack(
  pack: string | Buffer,
  opts: { keys: TrustedKey[]; chain?: string },
): Promise<VerifyReport> {
  const findings: Finding[] = [];
  const found = (file: string, problem: string) => findings.push({ file, problem });
  const read: ReadPack = { digests: new Map(), small: new Map(), events: new Map() };
  try {
    await readZip(pack, async (name, content) => {
      if (read.digests.has(name)) found(name, 'appears twice in the zip');
      read.digests.set(name, await digest(name, content, read, found));
    });
  } catch (err) {
    found('(zip)', `cannot be read: ${(err as Error).message}`);
    return report(findings, read);
  }
  const manifest = checkManifest(read, opts.keys, found);
  if (manifest) checkFiles(manifest, read, found);
  const checkpoint = checkChainHead(read, opts.keys, found);
  if (opts.chain) await checkChain(opts.chain, read, checkpoint, found);
  return {
    ...report(findings, read),
    packId: manifest?.packId,
    keyId: manifest?.signature?.keyId,
    chainChecked: opts.chain !== undefined,
  };
}

function report(findings: Finding[], read: ReadPack): VerifyReport {
  return {
    ok: findings.length === 0,
    findings,
    files: read.digests.size,
    events: read.events.size,
    chainChecked: false,
  };
}

async function digest(
  name: string,
  content: Readable,
  read: ReadPack,
  found: (file: string, problem: string) => void,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const kept: Buffer[] = [];
  let partial = '';
  let line = 0;
  const event = (text: string) => {
    line++;
    let e: AuditRecord;
    try {
      e = JSON.parse(text) as AuditRecord;
    } catch {
      return found(name, `line ${line}: not valid JSON`);
    }
    if (computeHash(e) !== e.hash) {
      found(
        name,
        `line ${line} (seq ${e.seq}): the event's hash does not recompute — it was altered`,
      );
    }
    read.events.set(e.seq, text);
  };
  for await (const chunk of content as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (KEEP.has(name)) kept.push(chunk);
    if (name === EVENTS) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!;
      lines.forEach(event);
    }
  }
  if (name === EVENTS && partial) event(partial);
  if (KEEP.has(name)) read.small.set(name, Buffer.concat(kept));
  return { sha256: hash.digest('hex'), size };
}

function checkManifest(
  read: ReadPack,
  keys: TrustedKey[],
  found: (file: string, problem: string) => void,
): PackManifest | null {
  const bytes = read.small.get(MANIFEST);
  if (!bytes) return (found(MANIFEST, 'missing'), null);
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as PackManifest;
  } catch {
    found(MANIFEST, 'not valid JSON — it was altered');
    manifest = null as unknown as PackManifest;
  }
  if (manifest && (manifest.type !== MANIFEST_TYPE || !Array.isArray(manifest.files))) {
    found(MANIFEST, `not a Praxis evidence pack manifest (type ${String(manifest.type)})`);
  }
  const keyId = manifest?.signature?.keyId;
  const key = keys.find((k) => k.keyId === keyId);
  const sig = read.small.get(SIGNATURE);
  if (!sig) found(SIGNATURE, 'missing');
  else if (!key) {
    found(MANIFEST, `signed with a key you do not trust (${String(keyId)}): refused`);
  } else if (!verify(null, bytes, key.key, sig)) {
    found(SIGNATURE, `the signature of ${MANIFEST} does not verify with key ${key.keyId}`);
  }
  return manifest && Array.isArray(manifest.files) ? manifest : null;
}

function checkFiles(
  manifest: PackManifest,
  read: ReadPack,
  found: (file: string, problem: string) => void,
): void {
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const got = read.digests.get(f.path);
    if (!got) found(f.path, 'listed in the manifest but missing from the pack');
    else if (got.sha256 !== f.sha256 || got.size !== f.size) {
      found(f.path, 'SHA-256 does not match the manifest — the file was altered');
    }
  }
  for (const name of read.digests.keys()) {
    if (!listed.has(name) && !META_FILES.includes(name)) found(name, 'not listed in the manifest');
  }
  const sums = read.small.get(SUMS);
  if (!sums) found(SUMS, 'missing');
  else if (sums.toString('utf8') !== sumsText(manifest.files)) {
    found(SUMS, 'does not match the manifest');
  }
}

function checkChainHead(
  read: ReadPack,
  keys: TrustedKey[],
  found: (file: string, problem: string) => void,
): AuditCheckpoint | null {
  const bytes = read.small.get(CHAIN_HEAD);
  if (!bytes) return (found(CHAIN_HEAD, 'missing'), null);
  let head: { seq?: number; hash?: string; checkpoint?: AuditCheckpoint | null };
  try {
    head = JSON.parse(bytes.toString('utf8')) as typeof head;
  } catch {
    return (found(CHAIN_HEAD, 'not valid JSON'), null);
  }
  const cp = head.checkpoint;
  if (!cp) return null;
  const key = keys.find((k) => k.keyId === cp.keyId);
  if (!key) found(CHAIN_HEAD, `checkpoint signed with a key you do not trust (${cp.keyId})`);
  else if (
    !verify(null, Buffer.from(checkpointMessage(cp)), key.key, Buffer.from(cp.signature, 'base64'))
  ) {
    found(CHAIN_HEAD, `the checkpoint at seq ${cp.seq} does not verify`);
  }
  return cp;
}

/** Reads the full export once: the chain must link, and hold every pack event byte for byte. */
async function checkChain(
  path: string,
  read: ReadPack,
  checkpoint: AuditCheckpoint | null,
  found: (file: string, problem: string) => void,
): Promise<void> {
  const chain = new ChainVerifier();
  const head = parseHead(read.small.get(CHAIN_HEAD));
  const missing = new Set(read.events.keys());
  let headSeen = head === null;
  let checkpointSeen = checkpoint === null;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    let e: AuditRecord;
    try {
      e = JSON.parse(line) as AuditRecord;
    } catch {
      found('(chain)', `line ${chain.result().count + 1}: not valid JSON`);
      return;
    }
    chain.add(e);
    const mine = read.events.get(e.seq);
    if (mine !== undefined) {
      missing.delete(e.seq);
      if (mine !== line)
        found(EVENTS, `seq ${e.seq}: differs from the event at that seq in the chain`);
    }
    if (head && e.seq === head.seq) {
      headSeen = true;
      if (e.hash !== head.hash) found(CHAIN_HEAD, `the chain has another hash at seq ${head.seq}`);
    }
    if (checkpoint && e.seq === checkpoint.seq) {
      checkpointSeen = true;
      if (e.hash !== checkpoint.hash)
        found(CHAIN_HEAD, `the chain disagrees with the checkpoint at seq ${e.seq}`);
    }
  }
  const result = chain.result();
  if (!result.valid)
    found('(chain)', `the chain export is broken at seq ${result.firstInvalidSeq}`);
  for (const seq of missing) found(EVENTS, `seq ${seq}: not in the chain export`);
  if (!headSeen) found(CHAIN_HEAD, `the chain export ends before the head (seq ${head!.seq})`);
  if (!checkpointSeen)
    found(CHAIN_HEAD, `the chain export ends before the checkpoint (seq ${checkpoint!.seq})`);
}

function parseHead(bytes: Buffer | undefined): { seq: number; hash: string } | null {
  try {
    const h = JSON.parse(bytes?.toString('utf8') ?? 'null') as {
      seq?: number;
      hash?: string;
    } | null;
    return h && typeof h.seq === 'number' && typeof h.hash === 'string'
      ? { seq: h.seq, hash: h.hash }
      : null;
  } catch {
    return null;
  }
}
