import { canonicalJson } from './audit-hash';

/** A signed checkpoint exactly as the API returns it and webhooks carry it. */
export interface AuditCheckpoint {
  id: string;
  /** The checkpoint covers the chain up to and including this seq… */
  seq: number;
  /** …whose hash was this… */
  hash: string;
  /** …at this time (ISO 8601 UTC). */
  time: string;
  algorithm: 'Ed25519';
  /** SHA-256 hex of the signing public key's SPKI DER (GET /instance/public-key). */
  keyId: string;
  /** Base64 Ed25519 signature of checkpointMessage(seq, hash, time). */
  signature: string;
}

/** Domain separation: a checkpoint signature can never pass for another signed document. */
export const CHECKPOINT_TYPE = 'praxis.audit.checkpoint';

/**
 * The bytes a checkpoint signs: canonical JSON (keys sorted, no spaces) of
 * { hash, seq, time, type: "praxis.audit.checkpoint" }, UTF-8.
 */
export function checkpointMessage(c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'time'>): string {
  return canonicalJson({ hash: c.hash, seq: c.seq, time: c.time, type: CHECKPOINT_TYPE });
}
