import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';

/** prevHash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit event exactly as the API returns and exports it. */
export interface AuditRecord {
  id: string;
  seq: number;
  occurredAt: string;
  actorType: 'user' | 'api_key' | 'system';
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Canonical JSON: keys sorted at every depth, no whitespace. */
export function canonicalJson(value: unknown): string {
  return stableStringify(value);
}

/**
 * One event as a line of the JSONL export (GET /audit-events/export): exactly as the API
 * returns it, then a newline. Evidence packs write their events with this too, so a
 * pack's lines are byte-identical to the export's.
 */
export function auditJsonLine(e: AuditRecord): string {
  return JSON.stringify(e) + '\n';
}

/** hash = SHA-256 hex of prevHash + "\n" + canonical JSON of the event without `hash` (README, "The audit trail"). */
export function computeHash(event: Omit<AuditRecord, 'hash'>): string {
  const { id, seq, occurredAt, actorType, actorId, action, entityType, entityId, data, prevHash } =
    event;
  const body = canonicalJson({
    id,
    seq,
    occurredAt,
    actorType,
    actorId,
    action,
    entityType,
    entityId,
    data,
    prevHash,
  });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** Why GET /audit-events/verify found the trail invalid (firstInvalidSeq says where). */
export const INVALID_REASONS = [
  /** An event's seq, prevHash or hash does not recompute: that event. */
  'broken_link',
  /** Events a signed checkpoint covers are gone: the first missing seq. */
  'truncated',
  /** The chain no longer has the hash a signed checkpoint recorded: that checkpoint's seq. */
  'rewritten',
  /** A stored checkpoint's signature does not verify with the instance key: its seq. */
  'checkpoint_forged',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

export type VerifyResult =
  | { valid: true; count: number; headHash: string; checkpoint?: { seq: number; time: string } }
  | {
      valid: false;
      count: number;
      firstInvalidSeq: number;
      reason: InvalidReason;
    };

/**
 * Checks a chain fed in seq order, one event at a time (constant memory): seq
 * must run 1, 2, 3…, each prevHash must be the previous hash, each hash must
 * recompute. The same code an auditor would write against an export.
 */
export class ChainVerifier {
  private count = 0;
  private prevHash = GENESIS_HASH;
  private firstInvalidSeq: number | null = null;

  add(e: AuditRecord): void {
    this.count++;
    if (this.firstInvalidSeq !== null) return;
    const expectedSeq = this.count;
    if (e.seq !== expectedSeq || e.prevHash !== this.prevHash || computeHash(e) !== e.hash) {
      this.firstInvalidSeq = expectedSeq;
      return;
    }
    this.prevHash = e.hash;
  }

  result(): VerifyResult {
    return this.firstInvalidSeq === null
      ? { valid: true, count: this.count, headHash: this.prevHash }
      : {
          valid: false,
          count: this.count,
          firstInvalidSeq: this.firstInvalidSeq,
          reason: 'broken_link',
        };
  }
}
