import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ReauthService } from '../auth/reauth.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Principal } from '../common/principal';
import { badRequest, conflict, notFound } from '../common/problem';
import { RevisionRow } from '../documents/document.mapper';
import { canSeeRevision, loadRevision } from '../documents/revision-access';
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

/** What acknowledging needs to know before writing, in one round trip. */
interface AckCheckRow extends Pick<RevisionRow, 'status' | 'reviewer_ids' | 'approver_ids'> {
  document_id: string;
  require_signature: boolean;
  ack_id: string | null;
}

const CHECK_SQL = `
  SELECT r.status, r.document_id, r.reviewer_ids, r.approver_ids,
         COALESCE(tr.require_signature, false) AS require_signature, a.id AS ack_id
    FROM revisions r
    LEFT JOIN training_requirements tr ON tr.document_id = r.document_id
    LEFT JOIN acknowledgements a ON a.revision_id = r.id AND a.user_id = $2
   WHERE r.id = $1`;

/**
 * The acknowledgement, the assignment it completes and its audit event, as ONE
 * statement (so one transaction, however it is called). The effective revision is held
 * FOR SHARE: it cannot be superseded under the acknowledgement, and one waiting for a
 * revision to be superseded finds it superseded (no row) once that commits. $1 user,
 * $2 revision, $3 signed, $4 practice matches, $5 comment, $6 proposal, $7 the
 * assignment states that may become done; `audit` appends one event per row of `ins`.
 */
const acknowledgeStatement = (audit: string) => `
  WITH rev AS (
    SELECT id, document_id, content_sha256 FROM revisions
     WHERE id = $2 AND status = 'effective' FOR SHARE
  ), ins AS (
    INSERT INTO acknowledgements AS a (user_id, revision_id, document_id, content_sha256, signed,
                                       practice_matches, comment, proposal_id)
    SELECT $1, rev.id, rev.document_id, rev.content_sha256, $3, $4, $5, $6 FROM rev
    ON CONFLICT (user_id, revision_id) DO NOTHING
    RETURNING ${ACKNOWLEDGEMENT_COLUMNS}
  ), done AS (
    UPDATE training_assignments t SET status = 'done', completed_at = ins.acknowledged_at
      FROM ins
     WHERE t.user_id = ins.user_id AND t.revision_id = ins.revision_id AND t.status = ANY($7::text[])
    RETURNING t.id
  ), ${audit}
  SELECT EXISTS (SELECT 1 FROM rev) AS effective, ins.*
    FROM (SELECT 1) one LEFT JOIN ins ON true`;

/** What the audit event of an acknowledgement records, from the inserted row. */
const ACK_AUDIT_DATA = `jsonb_build_object(
  'userId', ins.user_id, 'revisionId', ins.revision_id, 'documentId', ins.document_id,
  'contentSha256', ins.content_sha256, 'meaning', ins.meaning, 'signed', ins.signed,
  'practiceMatches', ins.practice_matches, 'proposalId', ins.proposal_id,
  'assignmentId', (SELECT id FROM done LIMIT 1))`;

/**
 * "Read and understood": once per user and revision (a unique constraint; the
 * row can never change). A repeat call — also a concurrent one — answers with the
 * record already there. Answering "this is not how we work" records the
 * acknowledgement and opens a practice_deviation proposal in the same transaction.
 * The usual case costs two round trips: one read to check, one statement to write.
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
    const [rev] = await this.ds.query<AckCheckRow[]>(CHECK_SQL, [revisionId, p.userId]);
    // As loadVisibleRevision: a superseded revision stays visible to whoever acknowledged it.
    if (!rev || !(canSeeRevision(p, rev) || (rev.status === 'superseded' && rev.ack_id))) {
      throw notFound('Revision');
    }
    if (rev.ack_id) return { acknowledgement: await this.get(rev.ack_id), created: false };
    if (rev.status !== 'effective') throw notEffective(rev.status);

    const password = typeof dto.password === 'string' ? dto.password : undefined;
    if (rev.require_signature && !password) {
      throw badRequest(
        'password-required',
        'This document asks for a signature: re-enter your password',
        [{ field: 'password', message: 'is required to acknowledge this document' }],
      );
    }
    // Given when not required, it is still checked: a signature is only ever a verified one.
    if (password !== undefined) await this.reauth.confirm(p, password, address);
    const signed = password !== undefined;

    const write = async (em: EntityManager, proposalId: string | null) => {
      const params: unknown[] = [
        p.userId,
        revisionId,
        signed,
        practiceMatches,
        comment,
        proposalId,
        assignmentSourcesOf('done'),
      ];
      const audit = this.audit.appendCtes(
        params,
        'ins',
        {
          actor: p.actor,
          action: TrainingAction.AcknowledgementRecorded,
          entityType: 'acknowledgement',
        },
        { entityId: 'ins.id', data: ACK_AUDIT_DATA },
      );
      const [row] = await em.query<(Partial<AcknowledgementRow> & { effective: boolean })[]>(
        acknowledgeStatement(audit),
        params,
      );
      if (!row.effective) throw notEffective(await this.statusOf(em, revisionId));
      if (!row.id) throw new AlreadyAcknowledged();
      return {
        acknowledgement: toAcknowledgementResponse(row as AcknowledgementRow),
        created: true,
      };
    };

    try {
      if (practiceMatches) return await write(this.ds.manager, null);
      return await this.ds.transaction(async (em) => {
        const proposalId = await this.proposals.openPracticeDeviation(em, p, {
          documentId: rev.document_id,
          revisionId,
          comment: comment!,
        });
        return write(em, proposalId);
      });
    } catch (err) {
      if (!(err instanceof AlreadyAcknowledged)) throw err;
      const [first] = await this.ds.query<{ id: string }[]>(
        'SELECT id FROM acknowledgements WHERE user_id = $1 AND revision_id = $2',
        [p.userId, revisionId],
      );
      if (!first) throw err;
      return { acknowledgement: await this.get(first.id), created: false };
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

  private async get(id: string): Promise<AcknowledgementResponse> {
    const [row] = await this.ds.query<AcknowledgementRow[]>(
      `SELECT ${ACKNOWLEDGEMENT_COLUMNS} FROM acknowledgements a WHERE a.id = $1`,
      [id],
    );
    return toAcknowledgementResponse(row);
  }

  private async statusOf(em: EntityManager, revisionId: string): Promise<string> {
    const [row] = await em.query<{ status: string }[]>(
      'SELECT status FROM revisions WHERE id = $1',
      [revisionId],
    );
    return row.status;
  }
}
