import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { JobRunner } from '../common/jobs';
import { SYSTEM_ACTOR } from '../common/principal';
import { EFFECTIVE_REVISIONS } from '../documents/coverage-documents.sql';
import { sql, SqlStatement } from '../database/sql-statement';
import { DOCUMENT_REFS } from '../documents/documents.sql';
import { NotificationsService } from '../notifications/notifications.service';
import { ACTIVE_USERS } from '../users/users.sql';
import { assignmentSourcesOf } from './assignment-lifecycle';
import { TrainingAction, TrainingNotification } from './training-actions';
import { LATE } from './training-report.sql';

/** One instance runs the job at a time; the others skip that turn (pg_try_advisory_xact_lock). */
const OVERDUE_LOCK = 0x50525854; // 'PRXT'
const JOB = 'training-overdue';

export interface OverdueRun {
  /** Assignments that became overdue in this run. */
  marked: number;
  /** Users told about their overdue assignments (one digest each). */
  notifiedUsers: number;
  /** Document owners told about their documents' overdue assignments (one digest each). */
  notifiedOwners: number;
}

/**
 * Pending assignments past their due date become overdue (only while their
 * revision is the effective one), and every overdue assignment is reported once:
 * each user gets one digest per run listing their newly overdue items, each
 * document owner one digest with counts per document. overdue_notified_at makes
 * sure nobody is told twice about the same assignment.
 */
@Injectable()
export class TrainingOverdueService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: JOB,
      title: 'overdue assignments job',
      periodMs: 5 * 60_000,
      coordination: 'advisory-lock',
      failureMessage: 'overdue assignments job failed',
      run: () => this.run(),
    });
  }

  /** One scheduled run now, logged and counted like the others. */
  runScheduled(): Promise<void> {
    return this.jobs.runNow(JOB);
  }

  /**
   * Late assignments of effective revisions across the organisation, by the training
   * report's rule (overdue, or pending past due before this job marks it).
   */
  async lateCount(): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${EFFECTIVE_REVISIONS} r
         JOIN training_assignments t ON t.revision_id = r.id AND t.status IN ('pending', 'overdue')
        WHERE ${LATE}`,
    );
    return row.n;
  }

  async run(): Promise<OverdueRun> {
    return this.ds.transaction(async (em) => {
      const [{ locked }] = await em.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [OVERDUE_LOCK],
      );
      if (!locked) return { marked: 0, notifiedUsers: 0, notifiedOwners: 0 };

      // SKIP LOCKED: an assignment being acknowledged right now is left for the next run.
      // Counted per revision in the statement: a deadline shared by 50,000 people sends
      // the application one row per revision, not one per assignment.
      const marked = await em.query<{ revision_id: string; document_id: string; count: number }[]>(
        `WITH marked AS (
           UPDATE training_assignments t SET status = 'overdue'
             FROM (SELECT a.id FROM training_assignments a
                     JOIN ${EFFECTIVE_REVISIONS} r ON r.id = a.revision_id
                    WHERE a.status = ANY($1::text[]) AND a.due_at <= now()
                    FOR UPDATE OF a SKIP LOCKED) due
            WHERE t.id = due.id
            RETURNING t.revision_id, t.document_id)
         SELECT revision_id, document_id, count(*)::int AS count
           FROM marked GROUP BY revision_id, document_id ORDER BY revision_id`,
        [assignmentSourcesOf('overdue')],
      );
      await this.audit.append(
        em,
        marked.map((m) => ({
          actor: SYSTEM_ACTOR,
          action: TrainingAction.AssignmentsOverdue,
          entityType: 'revision',
          entityId: m.revision_id,
          data: { documentId: m.document_id, count: m.count },
        })),
      );
      const { notifiedUsers, notifiedOwners } = await this.notifyOverdue(em);
      return {
        marked: marked.reduce((n, m) => n + m.count, 0),
        notifiedUsers,
        notifiedOwners,
      };
    });
  }

  /**
   * Overdue assignments nobody was told about yet, of active users, are marked told, and
   * in the same statement each user gets one digest of theirs (ids in order) and each
   * active document owner one digest with a count per document (in number order). The
   * assignments never travel to the application: only the two counts come back.
   */
  private async notifyOverdue(
    em: EntityManager,
  ): Promise<{ notifiedUsers: number; notifiedOwners: number }> {
    const stmt = new SqlStatement();
    const told = stmt.with(
      'told',
      sql(
        `UPDATE training_assignments t SET overdue_notified_at = now()
           FROM (SELECT a.id FROM training_assignments a
                   JOIN ${EFFECTIVE_REVISIONS} r ON r.id = a.revision_id
                   JOIN ${ACTIVE_USERS} u ON u.id = a.user_id
                  WHERE a.status = 'overdue' AND a.overdue_notified_at IS NULL
                  FOR UPDATE OF a SKIP LOCKED) o
          WHERE t.id = o.id
          RETURNING t.id, t.user_id, t.document_id`,
      ),
    );
    const userDigests = stmt.with(
      'user_digests',
      sql`SELECT user_id,
                 jsonb_build_object('assignmentIds', jsonb_agg(id ORDER BY id), 'count', count(*)::int) AS data
            FROM ${told} GROUP BY user_id`,
    );
    const perDocument = stmt.with(
      'per_document',
      sql`SELECT document_id, count(*)::int AS count FROM ${told} GROUP BY document_id`,
    );
    const ownerDigests = stmt.with(
      'owner_digests',
      sql`SELECT d.owner_id AS user_id,
                 jsonb_build_object(
                   'documents', jsonb_agg(jsonb_build_object('documentId', d.id,
                     'documentNumber', d.number, 'title', d.title, 'count', p.count) ORDER BY d.number),
                   'count', sum(p.count)::int) AS data
            FROM ${perDocument} p
            JOIN ${sql(DOCUMENT_REFS)} d ON d.id = p.document_id
            JOIN ${sql(ACTIVE_USERS)} u ON u.id = d.owner_id
           GROUP BY d.owner_id`,
    );
    const users = this.notifications.notifyRows(
      stmt,
      userDigests,
      TrainingNotification.OverdueDigest,
    );
    const owners = this.notifications.notifyRows(
      stmt,
      ownerDigests,
      TrainingNotification.OverdueOwnerDigest,
    );
    const { text, params } = stmt.build(
      sql`SELECT (SELECT count(*)::int FROM ${users}) AS users,
                 (SELECT count(*)::int FROM ${owners}) AS owners`,
    );
    const [row] = await em.query<{ users: number; owners: number }[]>(text, params);
    return { notifiedUsers: row.users, notifiedOwners: row.owners };
  }
}
