import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { Actor } from '../common/principal';
import { DomainHooks, RevisionEffectiveEvent } from '../common/domain-hooks';
import { sql, SqlStatement } from '../database/sql-statement';
import { EFFECTIVE_REVISIONS } from '../documents/coverage-documents.sql';
import { NotificationsService } from '../notifications/notifications.service';
import { activeReaders } from '../users/coverage-people.sql';
import { assignmentSourcesOf, OPEN_ASSIGNMENT_STATUSES } from './assignment-lifecycle';
import { lockDocumentsCovering } from './coverage-lock';
import { alreadyRead, carriesOver, coveredUsers, coversAnyOf } from './coverage.sql';
import { ACKNOWLEDGING_ROLES } from './training-roles';
import { TrainingAction, TrainingNotification } from './training-actions';

/** Which assignments one fan-out creates: for which documents, whom, and why. */
export interface FanoutScope {
  /** Documents whose current effective revision is assigned; null: every document with a requirement. */
  documentIds: string[] | null;
  /** Only these users; null: everyone the requirement covers. */
  userIds: string[] | null;
  /** Due dates count from this time (the effective date); null: from now, or the effective date if later. */
  startsAt: Date | null;
  reason: 'revision_effective' | 'requirement_updated' | 'user_covered';
}

export interface FanoutResult {
  revisionId: string;
  documentId: string;
  dueAt: Date;
  /** Assignments created (or reopened). */
  count: number;
}

/**
 * Who must read what, made true in the caller's transaction with ONE set-based
 * INSERT … SELECT … ON CONFLICT per fan-out (principle 3), never a loop
 * over users. Used when a revision becomes effective, when a requirement is set,
 * and when a user newly falls under one (joined a department, gained a role, was
 * re-activated or created).
 *
 * Who is covered and who is excused is the rule in coverage.sql.ts (shared with the
 * impact query). A withdrawn assignment of the revision is reopened as pending.
 */
const FANOUT_SQL = `
  WITH target AS (
    SELECT tr.document_id, tr.department_ids, tr.roles, tr.user_ids, tr.retrain_on_minor,
           r.id AS revision_id, r.change_level, r.label_major, r.label_minor,
           -- millisecond precision, so the list cursor (an ISO time) compares exactly
           date_trunc('milliseconds', GREATEST(r.effective_from, COALESCE($3::timestamptz, now()))
             + make_interval(days => tr.due_in_days)) AS due_at
      FROM training_requirements tr
      JOIN ${EFFECTIVE_REVISIONS} r ON r.document_id = tr.document_id
     WHERE ($1::uuid[] IS NULL OR tr.document_id = ANY($1::uuid[]))
       AND ($2::uuid[] IS NULL OR ${coversAnyOf('tr', '$2::uuid[]')})
  ), covered AS (
    SELECT DISTINCT t.revision_id, c.user_id
      FROM target t
      CROSS JOIN LATERAL (${coveredUsers('t', '$2::uuid[]')}) c
  )
  INSERT INTO training_assignments (user_id, document_id, revision_id, due_at)
  SELECT c.user_id, t.document_id, t.revision_id, t.due_at
    FROM covered c
    JOIN target t ON t.revision_id = c.revision_id
    JOIN ${activeReaders('$4::text[]')} u ON u.id = c.user_id
   WHERE NOT ${alreadyRead('t', 'c.user_id')}
     AND NOT ${carriesOver('t', 'c.user_id')}
  -- In user order (for one revision, the order of the (revision_id, user_id) key): each
  -- row's entries in the keys and its users key check land next to the previous row's,
  -- not at a random place (measured: a tenth of a 50,000-row fan-out's time).
   ORDER BY c.user_id
  -- A withdrawn row (no longer covered, now covered again) reopens as if new: RETURNING
  -- gives it with the inserted ones, so it is counted, audited and notified like them.
  -- Any other existing row (open, done, superseded) is left alone and not returned.
  ON CONFLICT (revision_id, user_id) DO UPDATE
     SET status = 'pending', due_at = EXCLUDED.due_at, withdrawn_at = NULL,
         overdue_notified_at = NULL, assigned_at = now()
   WHERE training_assignments.status = 'withdrawn'
  RETURNING document_id, revision_id, due_at`;

/**
 * The fan-out and its count per revision, and the instant that marks this fan-out's
 * assignments (assigned_at is the transaction's now(); microseconds, so exact).
 */
const FANOUT_STATEMENT = `
  WITH created AS (${FANOUT_SQL})
  SELECT revision_id, document_id, due_at, count(*)::int AS count,
         to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS assigned_at
    FROM created GROUP BY revision_id, document_id, due_at
   ORDER BY revision_id`;

/**
 * A fan-out's notifications go to every assignment it made that is still open: $1
 * revision, $2 the fan-out's assigned_at, $3 the open states.
 */
const TO_NOTIFY = `
    SELECT user_id,
           jsonb_build_object('revisionId', revision_id, 'documentId', document_id,
             'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS data
      FROM training_assignments
     WHERE revision_id = $1 AND assigned_at = $2::timestamptz AND status = ANY($3::text[])`;

@Injectable()
export class AssignmentFanoutService implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    // Notified from the committed fan-out's event, not inside the publishing transaction.
    this.hooks.afterCommit(TrainingAction.AssignmentsCreated, async (em, event) => {
      await this.notifyAssigned(em, event.data);
    });
    this.hooks.on('revision.effective', 'training.fanout', async (e) => {
      await this.onRevisionEffective(e);
    });
    this.hooks.on('coverage.changed', 'training.fanout', async ({ em, actor, userId }) => {
      await lockDocumentsCovering(em, [userId]);
      await this.assign(em, actor, {
        documentIds: null,
        userIds: [userId],
        startsAt: null,
        reason: 'user_covered',
      });
    });
  }

  /** A new effective revision: the superseded one's open assignments close, the new one is assigned. */
  async onRevisionEffective(e: RevisionEffectiveEvent): Promise<FanoutResult[]> {
    let superseded = 0;
    if (e.previousRevisionId) {
      const [, count] = await e.em.query<[unknown[], number]>(
        `UPDATE training_assignments SET status = 'superseded', superseded_at = now()
          WHERE revision_id = $1 AND status = ANY($2::text[])`,
        [e.previousRevisionId, assignmentSourcesOf('superseded')],
      );
      superseded = count;
    }
    return this.assign(
      e.em,
      e.actor,
      {
        documentIds: [e.documentId],
        userIds: null,
        startsAt: e.effectiveFrom,
        reason: 'revision_effective',
      },
      { revisionId: e.revisionId, documentId: e.documentId, superseded },
    );
  }

  /**
   * The in-app notifications (and e-mails) of one committed fan-out: every assignment it
   * made that is still open — one acknowledged in the meantime needs no reminder.
   */
  private async notifyAssigned(em: EntityManager, data: Record<string, unknown>): Promise<void> {
    const { entityId, assignedAt, count } = data;
    if (typeof entityId !== 'string' || typeof assignedAt !== 'string' || !count) return;
    const stmt = new SqlStatement();
    const toNotify = stmt.with(
      'to_notify',
      sql(TO_NOTIFY, [entityId, assignedAt, OPEN_ASSIGNMENT_STATUSES]),
    );
    this.notifications.notifyRows(stmt, toNotify, TrainingNotification.AssignmentCreated);
    const { text, params } = stmt.build(sql('SELECT 1'));
    await em.query(text, params);
  }

  /**
   * One fan-out: one statement inserts the assignments, then one audit event per
   * revision that got assignments (one revision, except for a user newly covered by
   * several documents), which also tells the outbox dispatcher whom to notify (the
   * revision and assignedAt): 50,000 notifications are written after the change commits.
   */
  async assign(
    em: EntityManager,
    actor: Actor,
    scope: FanoutScope,
    superseding?: { revisionId: string; documentId: string; superseded: number },
  ): Promise<FanoutResult[]> {
    const rows = await em.query<
      {
        revision_id: string;
        document_id: string;
        due_at: Date;
        count: number;
        assigned_at: string;
      }[]
    >(FANOUT_STATEMENT, [scope.documentIds, scope.userIds, scope.startsAt, ACKNOWLEDGING_ROLES]);
    const results = rows.map((r): FanoutResult => ({
      revisionId: r.revision_id,
      documentId: r.document_id,
      dueAt: r.due_at,
      count: r.count,
    }));
    const assignedAt = rows[0]?.assigned_at;
    const assigned = new Set(results.map((g) => g.revisionId));
    const events: AuditEntry[] = results.map((g) => ({
      actor,
      action: TrainingAction.AssignmentsCreated,
      entityType: 'revision',
      entityId: g.revisionId,
      data: {
        documentId: g.documentId,
        count: g.count,
        dueAt: g.dueAt.toISOString(),
        assignedAt,
        reason: scope.reason,
        ...(scope.reason === 'user_covered' && scope.userIds ? { userId: scope.userIds[0] } : {}),
        ...(superseding?.revisionId === g.revisionId
          ? { supersededAssignments: superseding.superseded }
          : {}),
      },
    }));
    if (superseding && superseding.superseded > 0 && !assigned.has(superseding.revisionId)) {
      events.push({
        actor,
        action: TrainingAction.AssignmentsCreated,
        entityType: 'revision',
        entityId: superseding.revisionId,
        data: {
          documentId: superseding.documentId,
          count: 0,
          reason: scope.reason,
          supersededAssignments: superseding.superseded,
        },
      });
    }
    await this.audit.append(em, events);
    return results;
  }
}
