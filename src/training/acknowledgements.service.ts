import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '../database/prepared';
import { sql, SqlStatement } from '../database/sql-statement';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ReauthService } from '../auth/reauth.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Principal } from '../common/principal';
import { Batcher } from '../common/batcher';
import { badRequest, conflict, notFound } from '../common/problem';
import { RevisionRow } from '../documents/document.mapper';
import { heldEffectiveRevision, REVISION_ACCESS } from '../documents/coverage-documents.sql';
import { canSeeRevision, loadRevision } from '../documents/revision-access';
import { ProposalsService } from '../proposals/proposals.service';
import { USER_REFS } from '../users/users.sql';
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

/** Nothing was recorded: a concurrent call by the same user got in first (or the revision changed under us). Rolls back any proposal opened for it. */
class AlreadyAcknowledged extends Error {}

/** Revisions that were in force once (an assignment of one proves it) and are no longer. */
const NO_LONGER_EFFECTIVE: readonly string[] = ['superseded', 'obsolete'];

const notEffective = (status: string) =>
  conflict(
    'revision-not-effective',
    `Only the effective revision of a document can be acknowledged; this one is ${status}`,
  );

/** What decides an acknowledgement: the revision, its requirement, and any earlier one by this user. */
interface AckState extends Pick<RevisionRow, 'status' | 'reviewer_ids' | 'approver_ids'> {
  document_id: string;
  require_signature: boolean;
  ack_id: string | null;
}

/** AckState's columns, of revision `r` (REVISION_ACCESS) and requirement `tr`, for `user`. */
const stateColumns = (user: string) => `r.status, r.document_id, r.reviewer_ids, r.approver_ids,
  COALESCE(tr.require_signature, false) AS require_signature,
  (SELECT a.id FROM acknowledgements a WHERE a.revision_id = r.id AND a.user_id = ${user}) AS ack_id`;

/** $1 user, $2 revision. */
const STATE_SQL = `
  SELECT ${stateColumns('$1')}
    FROM ${REVISION_ACCESS} r LEFT JOIN training_requirements tr ON tr.document_id = r.document_id
   WHERE r.id = $2`;

/**
 * Acknowledgements, the assignments they complete and their audit events, as ONE
 * statement (so one transaction, however it is called) for one caller or for a batch of
 * them, which also returns, per caller, the state that explains a refusal — the usual
 * acknowledgement is one round trip. A row is written only while its revision is
 * effective, and signed if its requirement asks for a signature. The effective revisions
 * are held FOR KEY SHARE — the lock the foreign key check takes anyway, and the one
 * RevisionActivationService's FOR UPDATE waits for: a revision cannot be superseded under
 * its acknowledgements, and one waiting for a revision being superseded finds no row
 * once that commits (a FOR SHARE lock as well cost 10 % more database time).
 * One element per caller in $1 users, $2 revisions, $3 actor types, $4 actor ids,
 * $5 signed, $6 practice matches, $7 comments, $8 proposals (no two callers with the same
 * user and revision); $9 the assignment states that may become done. `ack` is `ins` with
 * each row's actor; the audit events are appended (AuditService.appendEach) once per row.
 */
const ACK_CTES = `
  req AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::boolean[],
                         $6::boolean[], $7::text[], $8::uuid[]) WITH ORDINALITY
        AS q(user_id, revision_id, actor_type, actor_id, signed, practice_matches, comment,
             proposal_id, n)
  ), rev AS (${heldEffectiveRevision('ANY (SELECT revision_id FROM req)', () => 'true')}
  ), ins AS (
    INSERT INTO acknowledgements AS a (user_id, revision_id, document_id, content_sha256, signed,
                                       practice_matches, comment, proposal_id)
    SELECT req.user_id, rev.id, rev.document_id, rev.content_sha256, req.signed,
           req.practice_matches, req.comment, req.proposal_id
      FROM req JOIN rev ON rev.id = req.revision_id
     WHERE req.signed OR NOT EXISTS (SELECT 1 FROM training_requirements tr
                                      WHERE tr.document_id = rev.document_id AND tr.require_signature)
     ORDER BY req.n
    ON CONFLICT (revision_id, user_id) DO NOTHING
    RETURNING ${ACKNOWLEDGEMENT_COLUMNS}
  ), done AS (
    UPDATE training_assignments t SET status = 'done', completed_at = ins.acknowledged_at
      FROM ins
     WHERE t.user_id = ins.user_id AND t.revision_id = ins.revision_id AND t.status = ANY($9::text[])
    RETURNING t.id, t.user_id, t.revision_id
  ), ack AS (
    SELECT ins.*, req.actor_type, req.actor_id
      FROM ins JOIN req ON req.user_id = ins.user_id AND req.revision_id = ins.revision_id
  )`;

/** One row per caller, in their order: what was written, and the state that explains a refusal. */
const ACK_RESULT = `
  SELECT ins.*, ${stateColumns('req.user_id')}
    FROM req LEFT JOIN ${REVISION_ACCESS} r ON r.id = req.revision_id
    LEFT JOIN training_requirements tr ON tr.document_id = r.document_id
    LEFT JOIN ins ON ins.user_id = req.user_id AND ins.revision_id = req.revision_id
   ORDER BY req.n`;

/** Each acknowledgement's audit event: what it records, from the inserted row, and who. */
const ACK_AUDIT_ROW = {
  entityId: sql('ack.id'),
  data: sql(`jsonb_build_object(
    'userId', ack.user_id, 'revisionId', ack.revision_id, 'documentId', ack.document_id,
    'contentSha256', ack.content_sha256, 'meaning', ack.meaning, 'signed', ack.signed,
    'practiceMatches', ack.practice_matches, 'proposalId', ack.proposal_id,
    'assignmentId', (SELECT d.id FROM done d
                      WHERE d.user_id = ack.user_id AND d.revision_id = ack.revision_id LIMIT 1))`),
  actor: { type: sql('ack.actor_type'), id: sql('ack.actor_id') },
};

/** One acknowledgement to write: who, what, and how. */
interface AckWrite {
  p: Principal;
  revisionId: string;
  signed: boolean;
  practiceMatches: boolean;
  comment: string | null;
  proposalId: string | null;
}

type WriteRow = AckState & Partial<Omit<AcknowledgementRow, 'document_id'>>;

/**
 * "Read and understood": once per user and revision (a unique constraint; the
 * row can never change). A repeat call — also a concurrent one — answers with the
 * record already there. Answering "this is not how we work" records the
 * acknowledgement and opens a practice_deviation proposal in the same transaction.
 * The usual case (no password, practice matches) is one statement that decides and
 * writes; with a password or a deviation the state is checked first, as the password
 * must be confirmed, and the proposal opened, before anything is written.
 */
@Injectable()
export class AcknowledgementsService {
  /**
   * The usual acknowledgements arriving together (a company-wide SOP going effective) are
   * written together: one statement, one commit and one run of the report counts' trigger
   * for the lot, instead of one each.
   */
  readonly batch = new Batcher<AckWrite, WriteRow | undefined>(
    (items) => this.writeAll(this.ds.manager, items),
    (i) => `${i.p.userId} ${i.revisionId}`,
  );

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
    const password = typeof dto.password === 'string' ? dto.password : undefined;
    const input = { practiceMatches, comment, signed: password !== undefined };
    try {
      if (practiceMatches && password === undefined) {
        return await this.writeUsual(p, revisionId, comment);
      }
      const [state] = await preparedQuery<AckState>(this.ds.manager, 'ack_state', STATE_SQL, [
        p.userId,
        revisionId,
      ]);
      const earlier = await this.refusal(p, revisionId, state, input.signed);
      if (earlier) return earlier;
      // Given when not required, it is still checked: a signature is only ever a verified one.
      if (password !== undefined) await this.reauth.confirm(p, password, address);
      if (practiceMatches) return await this.write(this.ds.manager, p, revisionId, input, null);
      return await this.ds.transaction(async (em) => {
        const proposalId = await this.proposals.openPracticeDeviation(em, p, {
          documentId: state.document_id,
          revisionId,
          comment: comment!,
        });
        return this.write(em, p, revisionId, input, proposalId);
      });
    } catch (err) {
      if (!(err instanceof AlreadyAcknowledged)) throw err;
      const [first] = await this.ds.query<{ id: string }[]>(
        'SELECT id FROM acknowledgements WHERE revision_id = $1 AND user_id = $2',
        [revisionId, p.userId],
      );
      if (first) return { acknowledgement: await this.get(first.id), created: false };
      // Nothing recorded after all: the revision stopped being effective while we waited for it.
      const [now] = await this.ds.query<{ status: string }[]>(
        `SELECT r.status FROM ${REVISION_ACCESS} r WHERE r.id = $1`,
        [revisionId],
      );
      if (now && now.status !== 'effective') throw notEffective(now.status);
      throw err;
    }
  }

  /** Writes it, or throws why not (AlreadyAcknowledged: roll back, answer with the first). */
  private async write(
    em: EntityManager,
    p: Principal,
    revisionId: string,
    input: { signed: boolean; practiceMatches: boolean; comment: string | null },
    proposalId: string | null,
  ): Promise<{ acknowledgement: AcknowledgementResponse; created: boolean }> {
    const [row] = await this.writeAll(em, [{ p, revisionId, ...input, proposalId }]);
    return this.outcome(p, revisionId, row, input.signed, proposalId);
  }

  /**
   * The usual acknowledgement (no signature, practice matches), written in a batch with
   * those of other callers; alone (write) when the batch failed, so each caller gets the
   * answer or the error it would have got alone.
   */
  private async writeUsual(
    p: Principal,
    revisionId: string,
    comment: string | null,
  ): Promise<{ acknowledgement: AcknowledgementResponse; created: boolean }> {
    const input = { signed: false, practiceMatches: true, comment };
    let row: WriteRow | undefined;
    try {
      row = await this.batch.submit({ p, revisionId, ...input, proposalId: null });
    } catch {
      return this.write(this.ds.manager, p, revisionId, input, null);
    }
    return this.outcome(p, revisionId, row, false, null);
  }

  /** ACK_CTES and their audit events, as one statement in `em`: a row per item, in order. */
  private async writeAll(em: EntityManager, items: AckWrite[]): Promise<(WriteRow | undefined)[]> {
    const stmt = new SqlStatement();
    const [, , , , ack] = stmt.withAll(
      ['req', 'rev', 'ins', 'done', 'ack'],
      sql(ACK_CTES, [
        items.map((i) => i.p.userId),
        items.map((i) => i.revisionId),
        items.map((i) => i.p.actor.type),
        items.map((i) => i.p.actor.id),
        items.map((i) => i.signed),
        items.map((i) => i.practiceMatches),
        items.map((i) => i.comment),
        items.map((i) => i.proposalId),
        assignmentSourcesOf('done'),
      ]),
    );
    this.audit.appendEach(
      stmt,
      ack,
      {
        actor: null,
        action: TrainingAction.AcknowledgementRecorded,
        entityType: 'acknowledgement',
      },
      ACK_AUDIT_ROW,
    );
    const { text, params } = stmt.build(sql(ACK_RESULT));
    // One text however many callers and whoever they are: one prepared statement.
    const rows = await preparedQuery<WriteRow>(em, 'ack_write', text, params);
    // No such revision: no state (refused as unknown).
    return rows.map((r) => (r.status === null ? undefined : r));
  }

  /** What a written (or refused) acknowledgement answers. */
  private async outcome(
    p: Principal,
    revisionId: string,
    row: WriteRow | undefined,
    signed: boolean,
    proposalId: string | null,
  ): Promise<{ acknowledgement: AcknowledgementResponse; created: boolean }> {
    if (row?.id) {
      return {
        acknowledgement: toAcknowledgementResponse(row as AcknowledgementRow),
        created: true,
      };
    }
    const refused = await this.refusal(p, revisionId, row, signed);
    if (refused) {
      if (!proposalId) return refused;
      throw new AlreadyAcknowledged(); // roll the proposal back; answer with the record
    }
    throw new AlreadyAcknowledged(); // a concurrent call by this user got in first
  }

  /**
   * Why this user cannot (or need not) acknowledge the revision in this state: the
   * answer for a repeat, or the error. Null: nothing stands in the way.
   */
  private async refusal(
    p: Principal,
    revisionId: string,
    state: AckState | undefined,
    signed: boolean,
  ): Promise<{ acknowledgement: AcknowledgementResponse; created: boolean } | null> {
    // As loadVisibleRevision: a superseded revision stays visible to whoever acknowledged
    // it. And one that stopped being effective is "no longer effective" (409), not
    // unknown, to whoever it was assigned to: they were asked to read it, and an
    // acknowledgement sent while it was in force may be written after it was superseded.
    if (
      !state ||
      !(
        canSeeRevision(p, state) ||
        (state.status === 'superseded' && state.ack_id !== null) ||
        (NO_LONGER_EFFECTIVE.includes(state.status) && (await this.wasAssigned(p, revisionId)))
      )
    ) {
      throw notFound('Revision');
    }
    if (state.ack_id) return { acknowledgement: await this.get(state.ack_id), created: false };
    if (state.status !== 'effective') throw notEffective(state.status);
    if (state.require_signature && !signed) {
      throw badRequest(
        'password-required',
        'This document asks for a signature: re-enter your password',
        [{ field: 'password', message: 'is required to acknowledge this document' }],
      );
    }
    return null;
  }

  private async wasAssigned(p: Principal, revisionId: string): Promise<boolean> {
    const rows = await this.ds.query<unknown[]>(
      'SELECT 1 FROM training_assignments WHERE user_id = $1 AND revision_id = $2',
      [p.userId, revisionId],
    );
    return rows.length > 0;
  }

  /** Who acknowledged this revision, and when: oldest first. */
  async list(revisionId: string, q: PageQuery): Promise<Page<AcknowledgementListItem>> {
    await loadRevision(this.ds.manager, revisionId);
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const rows = await this.ds.query<AcknowledgementRow[]>(
      `SELECT ${ACKNOWLEDGEMENT_COLUMNS}, u.name AS user_name
         FROM acknowledgements a JOIN ${USER_REFS} u ON u.id = a.user_id
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
}
