import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/principal';
import { Cte, Sql, sql, SqlStatement } from '../database/sql-statement';
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

const RETURNING = sql(
  'RETURNING id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, data, pos',
);

/** What appendEach records for each source row: SQL expressions over that row. */
export interface AuditRowSql {
  /** The event's entity id (a uuid). */
  entityId: Sql;
  /** The event's data (a jsonb object). */
  data: Sql;
  /**
   * The event's actor, when each row has its own (writes of several callers combined
   * in one statement): its type (text) and id (a uuid). Otherwise the entry's actor.
   */
  actor?: { type: Sql; id: Sql };
}

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
    const tuples = events.map((e) =>
      sql('($1::uuid, $2, $3::uuid, $4, $5, $6::uuid, $7::jsonb)', [
        e.id,
        e.actorType,
        e.actorId,
        e.action,
        e.entityType,
        e.entityId,
        JSON.stringify(e.data),
      ]),
    );
    // The same events go into the outbox in the same statement (principle 2): a
    // rolled-back change leaves neither, a committed one both. The dispatcher
    // (notifications/outbox-dispatcher.service.ts) turns outbox rows into deliveries.
    const stmt = new SqlStatement();
    const appended = stmt.with(
      'appended',
      Sql.concat([
        'INSERT INTO audit_events (id, actor_type, actor_id, action, entity_type, entity_id, data) VALUES ',
        ...tuples.flatMap((t, i) => (i === 0 ? [t] : [', ', t])),
        ' ',
        RETURNING,
      ]),
    );
    stmt.with('queued', queueInOutbox(appended));
    const { text, params } = stmt.build(sql`SELECT id, occurred_at FROM ${appended}`);
    const rows = await em.query<{ id: string; occurred_at: Date }[]>(text, params);
    const at = new Map(rows.map((r) => [r.id, r.occurred_at.toISOString()]));
    return events.map((e) => ({ ...e, occurredAt: at.get(e.id)! }));
  }

  /**
   * For a change written as ONE statement (a statement is a transaction of its own):
   * declares in `stmt` the CTEs that append one audit event per row of `source` — and
   * queue it in the outbox, as append() does. `row` gives the event's entity id and data
   * as expressions over the source row (they may name other CTEs of the statement).
   * A source with no rows appends nothing, so a write that turned out to be a no-op
   * leaves no event. The events take the column's time-ordered id. Returns the CTE of
   * the appended events (audit_events' columns).
   */
  appendEach(
    stmt: SqlStatement,
    source: Cte,
    entry: Pick<AuditEntry, 'action' | 'entityType'> & { actor: Actor | null },
    row: AuditRowSql,
  ): Cte {
    if (!entry.actor === !row.actor) {
      throw new Error('appendEach takes one actor: for the statement or for each row');
    }
    const actor = row.actor
      ? sql`${row.actor.type}, ${row.actor.id}`
      : sql('$1, $2::uuid', [entry.actor!.type, entry.actor!.id]);
    const fixed = sql('$1, $2', [entry.action, entry.entityType]);
    const appended = stmt.with(
      'audit_appended',
      sql`INSERT INTO audit_events (actor_type, actor_id, action, entity_type, entity_id, data)
         SELECT ${actor}, ${fixed}, ${row.entityId}, ${row.data}
           FROM ${source}
         ${RETURNING}`,
    );
    stmt.with('audit_queued', queueInOutbox(appended));
    return appended;
  }
}
