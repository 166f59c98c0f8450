import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainHooks } from '../common/domain-hooks';
import { Actor } from '../common/principal';
import { assignmentSourcesOf } from './assignment-lifecycle';
import { REVISION_LABELS } from '../documents/coverage-documents.sql';
import { activeReaders } from '../users/coverage-people.sql';
import { lockDocumentsCovering } from './coverage-lock';
import { coversUser } from './coverage.sql';
import { ACKNOWLEDGING_ROLES } from './training-roles';
import { TrainingAction } from './training-actions';

export type WithdrawalReason =
  'document_retired' | 'requirement_narrowed' | 'user_uncovered' | 'user_deactivated';

/**
 * Open assignments that are no longer required become withdrawn: ONE set-based UPDATE
 * per change, never a loop over users. $1 documents (NULL: any), $2 users (NULL: any),
 * $3 the states a row may be withdrawn from, $4 the roles that acknowledge, $5 true:
 * all of them (the document was retired); false: only those whose document's
 * requirement no longer covers the user, by the shared rule (coverage.sql.ts): active,
 * acknowledges, and named, in a listed department or holding a listed role. Documents are matched through their revisions, so
 * the (revision_id, status) index finds the rows.
 */
const WITHDRAW_SQL = `
  UPDATE training_assignments a SET status = 'withdrawn', withdrawn_at = now()
   WHERE a.status = ANY($3::text[])
     AND ($1::uuid[] IS NULL
          OR a.revision_id IN (SELECT r.id FROM ${REVISION_LABELS} r WHERE r.document_id = ANY($1::uuid[])))
     AND ($2::uuid[] IS NULL OR a.user_id = ANY($2::uuid[]))
     AND ($5::boolean OR NOT EXISTS (
           SELECT 1 FROM training_requirements tr JOIN ${activeReaders('$4::text[]')} u ON u.id = a.user_id
            WHERE tr.document_id = a.document_id
              AND ${coversUser('tr', 'u')}))
  RETURNING a.document_id, a.revision_id`;

/**
 * Who no longer must read what, made true in the caller's transaction: when a document
 * is retired, when its requirement narrows, and when a user leaves a department, loses a
 * role or is deactivated. Each closing statement writes one audit event with the count
 * (none when nothing closed). Coverage growing back is the fan-out's: it reopens a
 * withdrawn row (AssignmentFanoutService, FANOUT_SQL's ON CONFLICT clause).
 */
@Injectable()
export class AssignmentWithdrawalService implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.hooks.on('document.retired', 'training.withdrawal', async ({ em, actor, documentId }) => {
      await this.withdraw(em, actor, { documentId, userId: null }, 'document_retired');
    });
    this.hooks.on('coverage.shrank', 'training.withdrawal', async (e) => {
      const { em, actor, userId, deactivated } = e;
      await lockDocumentsCovering(em, [userId]);
      await this.withdraw(
        em,
        actor,
        { documentId: null, userId },
        deactivated ? 'user_deactivated' : 'user_uncovered',
      );
    });
  }

  /** After a requirement is replaced: its users it no longer covers are released. */
  async onRequirementChanged(em: EntityManager, actor: Actor, documentId: string): Promise<number> {
    return this.withdraw(em, actor, { documentId, userId: null }, 'requirement_narrowed');
  }

  private async withdraw(
    em: EntityManager,
    actor: Actor,
    scope: { documentId: string; userId: null } | { documentId: null; userId: string },
    reason: WithdrawalReason,
  ): Promise<number> {
    const [rows] = await em.query<[{ document_id: string; revision_id: string }[], number]>(
      WITHDRAW_SQL,
      [
        scope.documentId ? [scope.documentId] : null,
        scope.userId ? [scope.userId] : null,
        assignmentSourcesOf('withdrawn'),
        ACKNOWLEDGING_ROLES,
        reason === 'document_retired',
      ],
    );
    if (rows.length === 0) return 0;
    const distinct = (ids: string[]) => [...new Set(ids)].sort();
    await this.audit.append(em, {
      actor,
      action: TrainingAction.AssignmentsWithdrawn,
      ...(scope.documentId
        ? {
            entityType: 'document',
            entityId: scope.documentId,
            data: {
              count: rows.length,
              reason,
              revisionIds: distinct(rows.map((r) => r.revision_id)),
            },
          }
        : {
            entityType: 'user',
            entityId: scope.userId,
            data: {
              count: rows.length,
              reason,
              documentIds: distinct(rows.map((r) => r.document_id)),
            },
          }),
    });
    return rows.length;
  }
}
