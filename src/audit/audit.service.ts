import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/principal';
import { AuditRecord, computeHash, GENESIS_HASH } from './audit-hash';

export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/** Advisory-lock key that serialises appends to the one chain ("PRAX"). */
const CHAIN_LOCK = 0x50524158;

/**
 * Appends events to the hash chain inside the caller's transaction, so the
 * change and its event commit together or not at all.
 *
 * Concurrency: the transaction takes a transaction-scoped advisory lock, then
 * reads the head (a fresh READ COMMITTED snapshot, taken after the lock, sees
 * the last committed event) and inserts after it. The lock is held until the
 * caller commits or rolls back, so seq is gap-free and the chain never forks.
 * Callers append last in their use case, keeping the locked window short.
 * A database trigger refuses any row that does not extend the chain.
 */
@Injectable()
export class AuditService {
  async append(em: EntityManager, entries: AuditEntry | AuditEntry[]): Promise<AuditRecord[]> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return [];
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.append must run inside the caller’s transaction');
    }
    await em.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [head] = await em.query<{ seq: string | null; hash: string | null; now: Date }[]>(
      `SELECT e.seq, e.hash, date_trunc('milliseconds', clock_timestamp()) AS now
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1) e ON true`,
    );

    let seq = head.seq === null ? 0 : Number(head.seq);
    let prevHash = head.hash ?? GENESIS_HASH;
    const occurredAt = head.now.toISOString();
    const records: AuditRecord[] = list.map((entry) => {
      const unhashed = {
        id: randomUUID(),
        seq: ++seq,
        occurredAt,
        actorType: entry.actor.type,
        actorId: entry.actor.id,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        // Round-trip through JSON so what we hash is exactly what jsonb gives back.
        data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
        prevHash,
      };
      const record = { ...unhashed, hash: computeHash(unhashed) };
      prevHash = record.hash;
      return record;
    });

    const params: unknown[] = [];
    const tuples = records.map((r) => {
      const base = params.length;
      params.push(
        r.id,
        r.seq,
        r.occurredAt,
        r.actorType,
        r.actorId,
        r.action,
        r.entityType,
        r.entityId,
        JSON.stringify(r.data),
        r.prevHash,
        r.hash,
      );
      return `(${Array.from({ length: 11 }, (_, i) => `$${base + i + 1}`).join(',')})`;
    });
    await em.query(
      `INSERT INTO audit_events (id, seq, occurred_at, actor_type, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
       VALUES ${tuples.join(',')}`,
      params,
    );
    return records;
  }
}
