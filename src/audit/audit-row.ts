import { AuditRecord } from './audit-hash';

/** An audit_events row as selected by the audit services. */
export interface AuditRow {
  id: string;
  seq: string | null;
  occurred_at: Date;
  actor_type: AuditRecord['actorType'];
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
}

export const AUDIT_COLUMNS =
  'id, seq, occurred_at, actor_type, actor_id, action, entity_type, entity_id, data, prev_hash, hash';

/** The API's shape of an event (unsealed columns come out as they are; readers seal first). */
export function toRecord(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    occurredAt: r.occurred_at.toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
    prevHash: r.prev_hash ?? '',
    hash: r.hash ?? '',
  };
}
