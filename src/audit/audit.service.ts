import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/principal';
import { queueInOutbox } from '../notifications/outbox.sql';
import { AuditRecord } from './audit-hash';

export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/** An appended event before sealing gives it its seq and hashes. */
export type PendingAuditEvent = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/**
 * Writes audit events inside the caller's transaction, so the change and its
 * event commit together or not at all. Events are written unsealed (no lock, so
 * writers never queue behind each other); AuditSealerService chains them into the
 * hash chain in commit order right after, and before anyone reads the trail.
 * Every event is queued in the outbox as well: audit actions are the domain
 * event types that webhooks subscribe to.
 */
@Injectable()
export class AuditService {
  async append(
    em: EntityManager,
    entries: AuditEntry | AuditEntry[],
  ): Promise<PendingAuditEvent[]> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return [];
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.append must run inside the caller’s transaction');
    }
    const events = list.map((e) => ({
      id: randomUUID(),
      actorType: e.actor.type,
      actorId: e.actor.id,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      // Round-trip through JSON so what is hashed later is exactly what jsonb gives back.
      data: JSON.parse(JSON.stringify(e.data ?? {})) as Record<string, unknown>,
    }));
    const params: unknown[] = [];
    const tuples = events.map((e) => {
      const n = params.push(
        e.id,
        e.actorType,
        e.actorId,
        e.action,
        e.entityType,
        e.entityId,
        JSON.stringify(e.data),
      );
      return `($${n - 6}::uuid, $${n - 5}, $${n - 4}::uuid, $${n - 3}, $${n - 2}, $${n - 1}::uuid, $${n}::jsonb)`;
    });
    // The same events go into the outbox in the same statement (principle 2): a
    // rolled-back change leaves neither, a committed one both. The dispatcher
    // (notifications/outbox-dispatcher.service.ts) turns outbox rows into deliveries.
    const rows = await em.query<{ id: string; occurred_at: Date }[]>(
      `WITH appended AS (
         INSERT INTO audit_events (id, actor_type, actor_id, action, entity_type, entity_id, data)
         VALUES ${tuples.join(', ')}
         RETURNING id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, data, pos
       ), queued AS (
         ${queueInOutbox('appended')}
       )
       SELECT id, occurred_at FROM appended`,
      params,
    );
    const at = new Map(rows.map((r) => [r.id, r.occurred_at.toISOString()]));
    return events.map((e) => ({ ...e, occurredAt: at.get(e.id)! }));
  }

  /**
   * For a change written as ONE statement (a statement is a transaction of its own):
   * CTEs, to append after the caller's own (preceded by a comma), that append one audit
   * event per row of the caller's CTE `source` — and queue it in the outbox, as append()
   * does. `entityId` and `data` are SQL expressions over the source row (a uuid and a
   * jsonb object); actor, action and entity type are bound as parameters pushed onto
   * `params`. A source with no rows appends nothing, so a write that turned out to be a
   * no-op leaves no event. Names the CTEs `audit_appended` and `audit_queued`.
   */
  appendCtes(
    params: unknown[],
    source: string,
    entry: Pick<AuditEntry, 'actor' | 'action' | 'entityType'>,
    row: { entityId: string; data: string },
  ): string {
    const n = params.push(entry.actor.type, entry.actor.id, entry.action, entry.entityType);
    return `audit_appended AS (
         INSERT INTO audit_events (id, actor_type, actor_id, action, entity_type, entity_id, data)
         SELECT gen_random_uuid(), $${n - 3}, $${n - 2}::uuid, $${n - 1}, $${n}, ${row.entityId}, ${row.data}
           FROM ${source}
         RETURNING id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, data, pos
       ), audit_queued AS (
         ${queueInOutbox('audit_appended')}
       )`;
  }
}
