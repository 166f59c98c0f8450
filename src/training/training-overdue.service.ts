import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { JobRunner } from '../common/jobs';
import { SYSTEM_ACTOR } from '../common/principal';
import { EFFECTIVE_REVISIONS } from '../documents/coverage-documents.sql';
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
      const [marked] = await em.query<[{ revision_id: string; document_id: string }[], number]>(
        `UPDATE training_assignments t SET status = 'overdue'
           FROM (SELECT a.id FROM training_assignments a
                   JOIN ${EFFECTIVE_REVISIONS} r ON r.id = a.revision_id
                  WHERE a.status = ANY($1::text[]) AND a.due_at <= now()
                  FOR UPDATE OF a SKIP LOCKED) due
          WHERE t.id = due.id
          RETURNING t.revision_id, t.document_id`,
        [assignmentSourcesOf('overdue')],
      );
      const perRevision = new Map<string, { documentId: string; count: number }>();
      for (const m of marked) {
        const entry = perRevision.get(m.revision_id) ?? { documentId: m.document_id, count: 0 };
        entry.count++;
        perRevision.set(m.revision_id, entry);
      }
      await this.audit.append(
        em,
        [...perRevision.entries()].map(([revisionId, e]) => ({
          actor: SYSTEM_ACTOR,
          action: TrainingAction.AssignmentsOverdue,
          entityType: 'revision',
          entityId: revisionId,
          data: { documentId: e.documentId, count: e.count },
        })),
      );

      const [told] = await em.query<
        [{ id: string; user_id: string; document_id: string }[], number]
      >(
        `UPDATE training_assignments t SET overdue_notified_at = now()
           FROM (SELECT a.id FROM training_assignments a
                   JOIN ${EFFECTIVE_REVISIONS} r ON r.id = a.revision_id
                   JOIN ${ACTIVE_USERS} u ON u.id = a.user_id
                  WHERE a.status = 'overdue' AND a.overdue_notified_at IS NULL
                  FOR UPDATE OF a SKIP LOCKED) o
          WHERE t.id = o.id
          RETURNING t.id, t.user_id, t.document_id`,
      );
      const perUser = new Map<string, string[]>();
      const perDocument = new Map<string, number>();
      for (const a of told) {
        perUser.set(a.user_id, [...(perUser.get(a.user_id) ?? []), a.id]);
        perDocument.set(a.document_id, (perDocument.get(a.document_id) ?? 0) + 1);
      }
      const notifiedUsers = await this.notifications.notifyEach(
        em,
        TrainingNotification.OverdueDigest,
        [...perUser.entries()].map(([userId, ids]) => ({
          userId,
          data: { assignmentIds: ids.sort(), count: ids.length },
        })),
      );
      const notifiedOwners = await this.notifyOwners(em, perDocument);
      return { marked: marked.length, notifiedUsers, notifiedOwners };
    });
  }

  private async notifyOwners(em: EntityManager, perDocument: Map<string, number>): Promise<number> {
    if (perDocument.size === 0) return 0;
    const docs = await em.query<{ id: string; number: string; title: string; owner_id: string }[]>(
      `SELECT id, number, title, owner_id FROM ${DOCUMENT_REFS} d WHERE id = ANY($1::uuid[]) ORDER BY number`,
      [[...perDocument.keys()]],
    );
    const perOwner = new Map<
      string,
      { documentId: string; documentNumber: string; title: string; count: number }[]
    >();
    for (const d of docs) {
      const list = perOwner.get(d.owner_id) ?? [];
      list.push({
        documentId: d.id,
        documentNumber: d.number,
        title: d.title,
        count: perDocument.get(d.id)!,
      });
      perOwner.set(d.owner_id, list);
    }
    return this.notifications.notifyEach(
      em,
      TrainingNotification.OverdueOwnerDigest,
      [...perOwner.entries()].map(([userId, documents]) => ({
        userId,
        data: { documents, count: documents.reduce((n, d) => n + d.count, 0) },
      })),
    );
  }
}
