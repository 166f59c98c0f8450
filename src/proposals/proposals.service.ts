import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { SqlWhere } from '../common/sql-where';
import { hasAnyRole, Principal } from '../common/principal';
import { badRequest, conflict, notFound } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import {
  CreateProposalDto,
  ProposalDetail,
  ProposalListQuery,
  ProposalResponse,
} from './dto/proposal.dto';
import { involvesUser, loadVisibleProposal } from './proposal-access';
import { ProposalEventsService } from './proposal-events.service';
import {
  OPEN_STATUSES,
  ProposalKind,
  PROPOSAL_READ_ALL_ROLES,
  transitionsFor,
} from './proposal-lifecycle';
import {
  OVERDUE_SQL,
  PROPOSAL_EVENT_COLUMNS,
  PROPOSAL_SELECT,
  ProposalEventRow,
  ProposalRow,
  toProposalResponse,
  toTimelineEntry,
} from './proposal.mapper';
import { DOCUMENT_REFS, documentVisibleTo, revisionTitleSql } from '../documents/documents.sql';
import { USER_REFS } from '../users/users.sql';

interface NewProposal {
  documentId: string | null;
  revisionId: string | null;
  kind: ProposalKind;
  title: string;
  description: string;
  section: string | null;
}

/** Raising proposals (by hand, or from an acknowledgement), listing and reading them. */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: ProposalEventsService,
  ) {}

  async create(p: Principal, dto: CreateProposalDto): Promise<ProposalDetail> {
    if (!dto.documentId && dto.kind !== 'new_procedure') {
      throw badRequest('document-required', `A ${dto.kind} proposal is about a document`, [
        { field: 'documentId', message: 'is required unless kind is new_procedure' },
      ]);
    }
    return this.ds.transaction(async (em) => {
      if (dto.documentId) await this.assertDocumentVisible(em, p, dto.documentId);
      const id = await this.open(em, p, {
        documentId: dto.documentId ?? null,
        revisionId: null,
        kind: dto.kind,
        title: dto.title,
        description: dto.description,
        section: dto.section ?? null,
      });
      return this.detailFor(em, p, id);
    });
  }

  /**
   * Opens a practice_deviation proposal inside the caller's transaction (staff
   * acknowledging a revision answered "this is not how we work") and returns its id.
   * It rolls back with the caller.
   */
  async openPracticeDeviation(
    em: EntityManager,
    p: Principal,
    input: { documentId: string; revisionId: string; comment: string },
  ): Promise<string> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('ProposalsService.openPracticeDeviation must run inside a transaction');
    }
    const [rev] = await em.query<{ label: string | null; number: string }[]>(
      revisionTitleSql(true),
      [input.revisionId, input.documentId],
    );
    if (!rev) throw notFound('Revision');
    const description = input.comment.trim() || 'Practice differs from the procedure as written';
    return this.open(em, p, {
      documentId: input.documentId,
      revisionId: input.revisionId,
      kind: 'practice_deviation',
      title: `Practice differs from ${rev.number}${rev.label ? ` revision ${rev.label}` : ''}`,
      description: description.slice(0, 20000),
      section: null,
    });
  }

  async list(p: Principal, q: ProposalListQuery): Promise<Page<ProposalResponse>> {
    const limit = q.limit ?? 50;
    const where = new SqlWhere();
    if (!hasAnyRole(p, PROPOSAL_READ_ALL_ROLES))
      where.add(involvesUser(where.params.push(p.userId)));
    if (q.status) where.add('p.status = ?', q.status);
    if (q.documentId) where.add('p.document_id = ?::uuid', q.documentId);
    if (q.kind) where.add('p.kind = ?', q.kind);
    if (q.assigneeId) where.add('p.assignee_id = ?::uuid', q.assigneeId);
    if (q.overdue !== undefined) where.add(q.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    if (cursor) where.add('(p.created_at, p.id) > (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
    const rows = await this.ds.query<ProposalRow[]>(
      `${PROPOSAL_SELECT} ${where.clause()} ORDER BY p.created_at, p.id LIMIT ${where.param(limit + 1)}`,
      where.params,
    );
    return toPage(rows, limit, (r) => [r.created_at.toISOString(), r.id], toProposalResponse);
  }

  /**
   * For triagers: proposals still waiting to be triaged (submitted), and those past their
   * triage date undecided (what GET /proposals?overdue=true lists).
   */
  async triageCounts(): Promise<{ toTriage: number; overdue: number }> {
    const [row] = await this.ds.query<{ to_triage: number; overdue: number }[]>(
      `SELECT count(*) FILTER (WHERE p.status = 'submitted')::int AS to_triage,
              count(*) FILTER (WHERE ${OVERDUE_SQL})::int AS overdue
         FROM proposals p WHERE p.status = ANY($1::text[])`,
      [OPEN_STATUSES],
    );
    return { toTriage: row.to_triage, overdue: row.overdue };
  }

  async get(p: Principal, id: string): Promise<ProposalDetail> {
    await loadVisibleProposal(this.ds.manager, p, id);
    return this.detailFor(this.ds.manager, p, id);
  }

  /** The detail as the caller sees it: with the steps they may take now. */
  async detailFor(em: EntityManager, p: Principal, id: string): Promise<ProposalDetail> {
    const detail = await this.detail(em, id);
    const allowedTransitions = transitionsFor(detail.status, {
      roles: p.roles,
      isSubmitter: detail.submitterId === p.userId,
    });
    return { ...detail, allowedTransitions };
  }

  /** The proposal with its watchers and its timeline, oldest first. */
  async detail(em: EntityManager, id: string): Promise<ProposalDetail> {
    const [row] = await em.query<ProposalRow[]>(`${PROPOSAL_SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw notFound('Proposal');
    const watchers = await em.query<{ user_id: string }[]>(
      'SELECT user_id FROM proposal_watchers WHERE proposal_id = $1 ORDER BY created_at, user_id',
      [id],
    );
    const events = await em.query<ProposalEventRow[]>(
      `SELECT ${PROPOSAL_EVENT_COLUMNS} FROM proposal_events WHERE proposal_id = $1 ORDER BY seq`,
      [id],
    );
    return {
      ...toProposalResponse(row),
      watcherIds: watchers.map((w) => w.user_id),
      timeline: events.map(toTimelineEntry),
    };
  }

  /**
   * Numbers it (the counter row stays locked until commit, so concurrent raises
   * queue there), assigns the document's owner when active, makes the submitter a
   * watcher, and records the audit event and the assignee's notification.
   */
  private async open(em: EntityManager, p: Principal, input: NewProposal): Promise<string> {
    let assigneeId: string | null = null;
    if (input.documentId) {
      const [doc] = await em.query<{ status: string; owner_id: string; owner_active: boolean }[]>(
        `SELECT d.status, d.owner_id, u.active AS owner_active
           FROM ${DOCUMENT_REFS} d JOIN ${USER_REFS} u ON u.id = d.owner_id WHERE d.id = $1`,
        [input.documentId],
      );
      if (!doc) throw notFound('Document');
      if (doc.status === 'obsolete')
        throw conflict('document-obsolete', 'The document is obsolete and takes no proposals');
      assigneeId = doc.owner_active ? doc.owner_id : null;
    }
    const [[{ last_value }]] = await em.query<[{ last_value: number }[], number]>(
      'UPDATE proposal_number_counter SET last_value = last_value + 1 RETURNING last_value',
    );
    const number = `IP-${String(last_value).padStart(4, '0')}`;
    const [row] = await em.query<{ id: string; triage_due_at: Date }[]>(
      `INSERT INTO proposals (number, document_id, revision_id, kind, title, description, section,
                              submitter_id, assignee_id, triage_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(days => $10))
       RETURNING id, triage_due_at`,
      [
        number,
        input.documentId,
        input.revisionId,
        input.kind,
        input.title,
        input.description,
        input.section,
        p.userId,
        assigneeId,
        this.config.proposalTriageDays,
      ],
    );
    await em.query('INSERT INTO proposal_watchers (proposal_id, user_id) VALUES ($1, $2)', [
      row.id,
      p.userId,
    ]);
    await this.events.created(
      em,
      { actor: p.actor, userId: p.userId },
      { id: row.id, number, assigneeId },
      {
        kind: input.kind,
        title: input.title,
        documentId: input.documentId,
        revisionId: input.revisionId,
        section: input.section,
        triageDueAt: row.triage_due_at.toISOString(),
      },
    );
    return row.id;
  }

  /** Staff and approvers raise proposals only against documents they can read (else 404). */
  private async assertDocumentVisible(
    em: EntityManager,
    p: Principal,
    documentId: string,
  ): Promise<void> {
    if (hasAnyRole(p, PROPOSAL_READ_ALL_ROLES)) return;
    const rows = await em.query<unknown[]>(
      `SELECT 1 FROM ${DOCUMENT_REFS} d WHERE d.id = $1 AND ${documentVisibleTo('d', '$2::uuid')}`,
      [documentId, p.userId],
    );
    if (rows.length === 0) throw notFound('Document');
  }
}
