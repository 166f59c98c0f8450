import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/principal';
import { lockDocuments } from '../documents/coverage-documents.sql';
import { departmentExists, userExists } from '../users/coverage-people.sql';
import { badRequest, conflict, notFound } from '../common/problem';
import { AssignmentFanoutService } from './assignment-fanout.service';
import { AssignmentWithdrawalService } from './assignment-withdrawal.service';
import { TrainingRequirementDto, TrainingRequirementResponse } from './dto/training.dto';
import { TrainingAction } from './training-actions';
import { REQUIREMENT_COLUMNS, RequirementRow, toRequirementResponse } from './training.mapper';

/**
 * Who must read a document. Setting it applies at once to the current effective
 * revision (missing assignments are created, open ones of users it no longer covers
 * are withdrawn) and to every later one (the fan-out on taking effect).
 */
@Injectable()
export class TrainingRequirementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly fanout: AssignmentFanoutService,
    private readonly withdrawal: AssignmentWithdrawalService,
  ) {}

  async get(documentId: string): Promise<TrainingRequirementResponse> {
    const [row] = await this.ds.query<RequirementRow[]>(
      `SELECT ${REQUIREMENT_COLUMNS} FROM training_requirements WHERE document_id = $1`,
      [documentId],
    );
    if (!row) throw notFound('Training requirement');
    return toRequirementResponse(row);
  }

  async put(
    p: Principal,
    documentId: string,
    dto: TrainingRequirementDto,
  ): Promise<TrainingRequirementResponse> {
    const next = {
      departmentIds: [...(dto.departmentIds ?? [])].map((id) => id.toLowerCase()).sort(),
      roles: [...(dto.roles ?? [])].sort(),
      userIds: [...(dto.userIds ?? [])].map((id) => id.toLowerCase()).sort(),
      dueInDays: dto.dueInDays,
      retrainOnMinor: dto.retrainOnMinor,
      requireSignature: dto.requireSignature ?? false,
    };
    return this.ds.transaction(async (em) => {
      // Locked as RevisionActivationService locks it: a revision taking effect meanwhile
      // fans out either before (with the old requirement, then topped up here) or after.
      const [doc] = await em.query<{ status: string }[]>(lockDocuments('$1::uuid'), [documentId]);
      if (!doc) throw notFound('Document');
      if (doc.status === 'obsolete')
        throw conflict('document-obsolete', 'The document is obsolete; nobody needs to read it');
      await assertAllExist(em, 'department', 'departmentIds', next.departmentIds);
      await assertAllExist(em, 'user', 'userIds', next.userIds);

      const [before] = await em.query<RequirementRow[]>(
        `SELECT ${REQUIREMENT_COLUMNS} FROM training_requirements WHERE document_id = $1`,
        [documentId],
      );
      const [row] = await em.query<RequirementRow[]>(
        `INSERT INTO training_requirements AS t (document_id, department_ids, roles, user_ids, due_in_days,
                                                 retrain_on_minor, require_signature, updated_by)
         VALUES ($1, $2::uuid[], $3::text[], $4::uuid[], $5, $6, $7, $8)
         ON CONFLICT (document_id) DO UPDATE
            SET department_ids = EXCLUDED.department_ids, roles = EXCLUDED.roles,
                user_ids = EXCLUDED.user_ids, due_in_days = EXCLUDED.due_in_days,
                retrain_on_minor = EXCLUDED.retrain_on_minor,
                require_signature = EXCLUDED.require_signature,
                updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING ${REQUIREMENT_COLUMNS}`,
        [
          documentId,
          next.departmentIds,
          next.roles,
          next.userIds,
          next.dueInDays,
          next.retrainOnMinor,
          next.requireSignature,
          p.userId,
        ],
      );
      const after = toRequirementResponse(row);
      await this.audit.append(em, {
        actor: p.actor,
        action: TrainingAction.RequirementUpdated,
        entityType: 'document',
        entityId: documentId,
        data: {
          before: before ? summary(toRequirementResponse(before)) : null,
          after: summary(after),
        },
      });
      // Both directions, every time: a replaced requirement may narrow and widen at once.
      await this.withdrawal.onRequirementChanged(em, p.actor, documentId);
      await this.fanout.assign(em, p.actor, {
        documentIds: [documentId],
        userIds: null,
        startsAt: null,
        reason: 'requirement_updated',
      });
      return after;
    });
  }
}

function summary(r: TrainingRequirementResponse) {
  const { departmentIds, roles, userIds, dueInDays, retrainOnMinor, requireSignature } = r;
  return { departmentIds, roles, userIds, dueInDays, retrainOnMinor, requireSignature };
}

/** 400 naming the field when an id does not exist. */
async function assertAllExist(
  em: EntityManager,
  what: 'department' | 'user',
  field: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const missing = await em.query<{ id: string }[]>(
    `SELECT i::text AS id FROM unnest($1::uuid[]) i WHERE NOT ${(what === 'user' ? userExists : departmentExists)('i')}
      ORDER BY 1 LIMIT 20`,
    [ids],
  );
  if (missing.length === 0) return;
  const list = missing.map((m) => m.id).join(', ');
  throw badRequest(`unknown-${what}`, `Unknown ${what}(s): ${list}`, [
    { field, message: `unknown ${what}(s): ${list}` },
  ]);
}
