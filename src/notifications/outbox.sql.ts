/**
 * Notifications owns the outbox; audit fills it in the same statement that appends the
 * events (audit/audit.service.ts), so a rolled-back change leaves neither and a
 * committed one both. Imports no module (only the statement builder), so audit, which
 * notifications depends on, uses it without a cycle of modules.
 */
import { Cte, Sql, sql } from '../database/sql-statement';

/**
 * An INSERT (for a CTE) that queues the events of the caller's CTE `appended` in the
 * outbox. `appended` returns audit_events' columns id, action, occurred_at, data,
 * entity_type, entity_id, actor_type, actor_id and pos.
 */
export const queueInOutbox = (appended: Cte): Sql =>
  sql`INSERT INTO outbox (event_id, type, occurred_at, data)
         SELECT id, action, occurred_at,
                data || jsonb_build_object('entityType', entity_type, 'entityId', entity_id,
                          'actor', jsonb_build_object('type', actor_type, 'id', actor_id))
           FROM ${appended} ORDER BY pos`;
