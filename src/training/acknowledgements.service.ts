import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ReauthService } from '../auth/reauth.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Principal } from '../common/principal';
import { badRequest, conflict } from '../common/problem';
import { loadRevision, loadVisibleRevision } from '../documents/revision-access';
import { ProposalsService } from '../proposals/proposals.service';
import { assignmentSourcesOf } from './assignment-lifecycle';
import {
  AcknowledgeDto,
  AcknowledgementListItem,
  AcknowledgementResponse,
} from './dto/training.dto';
import { TrainingAction } from './training-actions';
import {
  ACKNOWLEDGEMENT_COLUMNS,
  AcknowledgementRow,
  toAcknowledgementListItem,
  toAcknowledgementResponse,
} from './training.mapper';

/** A concurrent call by the same user recorded it first: roll back ours (and any proposal it opened). */
class AlreadyAcknowledged extends Error {}

const notEffective = (status: string) =>
  conflict(
    'revision-not-effective',
    `Only the effective revision of a document can be acknowledged; this one is ${status}`,
  );

/**
 * "Read and understood": once per user and revision (a unique constraint; the
 * row can never change). A repeat call — also a concurrent one — answers with the
 * record already there. Answering "this is not how we work" records the
 * acknowledgement and opens a practice_deviation proposal in the same transaction.
 */
@Injectable()
export class AcknowledgementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly reauth: ReauthService,
    private readonly proposals: ProposalsService,
  ) {}

  async acknowledge(
    p: Principal,
    revisionId: string,
    dto: AcknowledgeDto,
    address: string,
  ): Promise<{ acknowledgement: AcknowledgementResponse; created: boolean }> {
    const practiceMatches = dto.practiceMatches ?? true;
    const comment = dto.comment ? dto.comment : null;
    if (!practiceMatches && !comment) {
      throw badRequest('comment-required', 'Say how the practice differs', [
        { field: 'comment', message: 'is required when practiceMatches is false' },
      ]);
    }
    const rev = await loadVisibleRevision(this.ds.manager, p, revisionId);
    const existing = await this.find(this.ds.manager, p.userId, revisionId);
    if (existing) return { acknowledgement: existing, created: false };
    if (rev.status !== 'effective') throw notEffective(rev.status);

    const [requirement] = await this.ds.query<{ require_signature: boolean }[]>(
      'SELECT require_signature FROM training_requirements WHERE document_id = $1',
      [rev.document_id],
    );
    const password = typeof dto.password === 'string' ? dto.password : undefined;
    if (requirement?.require_signature && !password) {
      throw badRequest(
        'password-required',
        'This document asks for a signature: re-enter your password',
        [{ field: 'password', message: 'is required to acknowledge this document' }],
      );
    }
    // Given when not required, it is still checked: a signature is only ever a verified one.
    if (password !== undefined) await this.reauth.confirm(p, password, address);
    const signed = password !== undefined;

    try {
      return await this.ds.transaction(async (em) => {
        // The document first, as RevisionActivationService locks it, then the revision
        // (shared): it cannot be superseded under this acknowledgement.
        await em.query('SELECT 1 FROM documents WHERE id = $1 FOR KEY SHARE', [rev.document_id]);
        const [current] = await em.query<
          { status: string; document_id: string; content_sha256: string }[]
        >('SELECT status, document_id, content_sha256 FROM revisions WHERE id = $1 FOR SHARE', [
          revisionId,
        ]);
        const again = await this.find(em, p.userId, revisionId);
        if (again) return { acknowledgement: again, created: false };
        if (current.status !== 'effective') throw notEffective(current.status);

        const proposalId = practiceMatches
          ? null
          : await this.proposals.openPracticeDeviation(em, p, {
              documentId: current.document_id,
              revisionId,
              comment: comment!,
            });
        const [row] = await em.query<AcknowledgementRow[]>(
          `INSERT INTO acknowledgements AS a (user_id, revision_id, document_id, content_sha256, signed,
                                              practice_matches, comment, proposal_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (user_id, revision_id) DO NOTHING
           RETURNING ${ACKNOWLEDGEMENT_COLUMNS}`,
          [
            p.userId,
            revisionId,
            current.document_id,
            current.content_sha256,
            signed,
            practiceMatches,
            comment,
            proposalId,
          ],
        );
        if (!row) throw new AlreadyAcknowledged();
        const [done] = await em.query<[{ id: string }[], number]>(
          `UPDATE training_assignments SET status = 'done', completed_at = $3
            WHERE user_id = $1 AND revision_id = $2 AND status = ANY($4::text[]) RETURNING id`,
          [p.userId, revisionId, row.acknowledged_at, assignmentSourcesOf('done')],
        );
        await this.audit.append(em, {
          actor: p.actor,
          action: TrainingAction.AcknowledgementRecorded,
          entityType: 'acknowledgement',
          entityId: row.id,
          data: {
            userId: p.userId,
            revisionId,
            documentId: row.document_id,
            contentSha256: row.content_sha256,
            meaning: row.meaning,
            signed,
            practiceMatches,
            proposalId,
            assignmentId: done[0]?.id ?? null,
          },
        });
        return { acknowledgement: toAcknowledgementResponse(row), created: true };
      });
    } catch (err) {
      if (!(err instanceof AlreadyAcknowledged)) throw err;
      const first = await this.find(this.ds.manager, p.userId, revisionId);
      if (!first) throw err;
      return { acknowledgement: first, created: false };
    }
  }

  /** Who acknowledged this revision, and when: oldest first. */
  async list(revisionId: string, q: PageQuery): Promise<Page<AcknowledgementListItem>> {
    await loadRevision(this.ds.manager, revisionId);
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const rows = await this.ds.query<AcknowledgementRow[]>(
      `SELECT ${ACKNOWLEDGEMENT_COLUMNS}, u.name AS user_name
         FROM acknowledgements a JOIN users u ON u.id = a.user_id
        WHERE a.revision_id = $1
          AND ($2::timestamptz IS NULL OR (a.acknowledged_at, a.id) > ($2::timestamptz, $3::uuid))
        ORDER BY a.acknowledged_at, a.id LIMIT $4`,
      [revisionId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (r) => [r.acknowledged_at.toISOString(), r.id],
      toAcknowledgementListItem,
    );
  }

  private async find(
    em: EntityManager,
    userId: string,
    revisionId: string,
  ): Promise<AcknowledgementResponse | null> {
    const [row] = await em.query<AcknowledgementRow[]>(
      `SELECT ${ACKNOWLEDGEMENT_COLUMNS} FROM acknowledgements a WHERE a.user_id = $1 AND a.revision_id = $2`,
      [userId, revisionId],
    );
    return row ? toAcknowledgementResponse(row) : null;
  }
}
