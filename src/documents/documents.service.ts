import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ReauthService } from '../auth/reauth.service';
import { DomainHooks } from '../common/domain-hooks';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { SqlWhere } from '../common/sql-where';
import { hasAnyRole, Principal } from '../common/principal';
import { badRequest, conflict, notFound } from '../common/problem';
import { TemplatesService } from '../templates/templates.service';
import { UsersDirectory } from '../users/users-directory.service';
import { DocumentAction } from './document-actions';
import { DOCUMENT_SELECT, DocumentRow, toDocumentResponse } from './document.mapper';
import { documentVisibleTo } from './documents.sql';
import {
  CreateDocumentDto,
  DocumentListQuery,
  DocumentResponse,
  RetireDocumentDto,
} from './dto/document.dto';
import { NUMBER_PREFIX, READ_ALL_ROLES, SIGNER_ROLES } from './lifecycle';

/** Documents: create (numbered, from a template), list, read, retire. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly templates: TemplatesService,
    private readonly reauth: ReauthService,
    private readonly users: UsersDirectory,
    private readonly hooks: DomainHooks,
  ) {}

  async create(p: Principal, dto: CreateDocumentDto): Promise<DocumentResponse> {
    const templateKey = dto.templateKey ?? this.templates.defaultFor(dto.type)?.key ?? null;
    const template = templateKey ? this.templateFor(templateKey, dto.type) : null;
    return this.ds.transaction(async (em) => {
      const department = dto.departmentId ? await this.department(em, dto.departmentId) : null;
      const ownerId = dto.ownerId ?? p.userId;
      await this.assertActiveUser(em, ownerId);
      const prefix = `${NUMBER_PREFIX[dto.type]}-${department?.code ?? 'GEN'}`;
      // The counter row stays locked until commit: concurrent creations queue here.
      const [{ last_value }] = await em.query<{ last_value: number }[]>(
        `INSERT INTO document_number_counters (prefix, last_value) VALUES ($1, 1)
         ON CONFLICT (prefix) DO UPDATE SET last_value = document_number_counters.last_value + 1
         RETURNING last_value`,
        [prefix],
      );
      const number = `${prefix}-${String(last_value).padStart(4, '0')}`;
      const body =
        dto.body ??
        (template
          ? this.templates.fill(template.body, {
              title: dto.title,
              number,
              department: department?.name ?? 'General',
            })
          : '');
      const [doc] = await em.query<{ id: string }[]>(
        `INSERT INTO documents (number, title, type, department_id, owner_id, category, template_key,
                                review_interval_months, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          number,
          dto.title,
          dto.type,
          department?.id ?? null,
          ownerId,
          dto.category ?? null,
          templateKey,
          dto.reviewIntervalMonths ?? template?.reviewIntervalMonths ?? 24,
          p.userId,
        ],
      );
      const [rev] = await em.query<{ id: string; content_sha256: string }[]>(
        `INSERT INTO revisions (document_id, change_level, change_summary, author_id, body)
         VALUES ($1, 'major', 'First version', $2, $3) RETURNING id, content_sha256`,
        [doc.id, p.userId, body],
      );
      await this.audit.append(em, [
        {
          actor: p.actor,
          action: DocumentAction.DocumentCreated,
          entityType: 'document',
          entityId: doc.id,
          data: {
            number,
            title: dto.title,
            type: dto.type,
            departmentId: department?.id ?? null,
            ownerId,
            templateKey,
          },
        },
        {
          actor: p.actor,
          action: DocumentAction.RevisionCreated,
          entityType: 'revision',
          entityId: rev.id,
          data: { documentId: doc.id, changeLevel: 'major', contentSha256: rev.content_sha256 },
        },
      ]);
      return this.load(em, doc.id);
    });
  }

  async list(p: Principal, q: DocumentListQuery): Promise<Page<DocumentResponse>> {
    const limit = q.limit ?? 50;
    const where = new SqlWhere();
    if (!hasAnyRole(p, READ_ALL_ROLES) && !hasAnyRole(p, SIGNER_ROLES)) {
      where.add(`d.status = 'effective'`);
    } else if (!hasAnyRole(p, READ_ALL_ROLES)) {
      where.add(documentVisibleTo('d', '?::uuid'), p.userId, p.userId);
    }
    if (q.status) where.add('d.status = ?', q.status);
    if (q.type) where.add('d.type = ?', q.type);
    if (q.departmentId) where.add('d.department_id = ?', q.departmentId);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.add('(d.number ILIKE ? OR d.title ILIKE ?)', like, like);
    }
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    if (cursor) where.add('(d.created_at, d.id) > (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
    const rows = await this.ds.query<DocumentRow[]>(
      `${DOCUMENT_SELECT} ${where.clause()} ORDER BY d.created_at, d.id LIMIT ${where.param(limit + 1)}`,
      where.params,
    );
    const names = await this.users.namesOf(rows.slice(0, limit).map((r) => r.owner_id));
    const page = toPage(
      rows,
      limit,
      (r) => [r.created_at.toISOString(), r.id],
      (r) => toDocumentResponse(r, names),
    );
    return { ...page, items: await this.hideOpenRevisions(p, page.items) };
  }

  /**
   * Staff and approvers learn of an open revision only when they are assigned to
   * sign it and still hold a signing role; otherwise draftRevisionId is null for them.
   */
  private async hideOpenRevisions(
    p: Principal,
    docs: DocumentResponse[],
  ): Promise<DocumentResponse[]> {
    if (hasAnyRole(p, READ_ALL_ROLES)) return docs;
    // Without a signing role nobody is asked to sign (canSeeRevision): no open revision shows.
    if (!hasAnyRole(p, SIGNER_ROLES)) return docs.map((d) => ({ ...d, draftRevisionId: null }));
    const open = docs.map((d) => d.draftRevisionId).filter((id): id is string => id !== null);
    if (open.length === 0) return docs;
    const assigned = await this.ds.query<{ id: string }[]>(
      `SELECT id FROM revisions WHERE id = ANY($1::uuid[]) AND status = 'in_review'
          AND ($2::uuid = ANY(reviewer_ids) OR $2::uuid = ANY(approver_ids))`,
      [open, p.userId],
    );
    const visible = new Set(assigned.map((r) => r.id));
    return docs.map((d) =>
      d.draftRevisionId && !visible.has(d.draftRevisionId) ? { ...d, draftRevisionId: null } : d,
    );
  }

  async get(p: Principal, id: string): Promise<DocumentResponse> {
    const [doc] = await this.hideOpenRevisions(p, [await this.load(this.ds.manager, id)]);
    // Not effective and nothing assigned to this reader: they may not know it exists.
    if (!hasAnyRole(p, READ_ALL_ROLES) && doc.status !== 'effective' && !doc.draftRevisionId) {
      throw notFound('Document');
    }
    return doc;
  }

  /** Retires a document (re-authenticated): it and its live revisions become obsolete. */
  async retire(
    p: Principal,
    id: string,
    dto: RetireDocumentDto,
    address: string,
  ): Promise<DocumentResponse> {
    await this.reauth.confirm(p, dto.password, address);
    return this.ds.transaction(async (em) => {
      const [doc] = await em.query<{ status: string; number: string }[]>(
        'SELECT status, number FROM documents WHERE id = $1 FOR NO KEY UPDATE',
        [id],
      );
      if (!doc) throw notFound('Document');
      if (doc.status === 'obsolete')
        throw conflict('invalid-transition', 'The document is already obsolete');
      const obsoleted = await em.query<[{ id: string; status: string }[], number]>(
        `UPDATE revisions r SET status = 'obsolete', obsoleted_at = now(), updated_at = now()
           FROM (SELECT id, status FROM revisions WHERE document_id = $1
                    AND status IN ('draft','in_review','approved','effective') FOR UPDATE) old
          WHERE r.id = old.id RETURNING r.id, old.status`,
        [id],
      );
      await em.query(
        `UPDATE documents SET status = 'obsolete', retired_at = now(), retired_reason = $2, updated_at = now()
          WHERE id = $1`,
        [id, dto.reason],
      );
      await this.audit.append(em, [
        {
          actor: p.actor,
          action: DocumentAction.DocumentRetired,
          entityType: 'document',
          entityId: id,
          data: { number: doc.number, reason: dto.reason },
        },
        ...obsoleted[0].map((r) => ({
          actor: p.actor,
          action: DocumentAction.RevisionObsoleted,
          entityType: 'revision',
          entityId: r.id,
          data: { documentId: id, from: r.status },
        })),
      ]);
      // Training withdraws the open assignments (documents must not depend on training).
      await this.hooks.run('document.retired', { em, actor: p.actor, documentId: id });
      return this.load(em, id);
    });
  }

  async load(em: EntityManager, id: string): Promise<DocumentResponse> {
    const rows = await em.query<DocumentRow[]>(`${DOCUMENT_SELECT} WHERE d.id = $1`, [id]);
    if (rows.length === 0) throw notFound('Document');
    return toDocumentResponse(rows[0], await this.users.namesOf([rows[0].owner_id], em));
  }

  private templateFor(key: string, type: string) {
    const t = this.templates.find(key);
    if (!t)
      throw badRequest('unknown-template', `No template ${key}`, [
        { field: 'templateKey', message: 'unknown template' },
      ]);
    if (t.type !== type) {
      throw badRequest('template-type-mismatch', `Template ${key} is for ${t.type} documents`, [
        { field: 'templateKey', message: `is a ${t.type} template` },
      ]);
    }
    return t;
  }

  private async department(
    em: EntityManager,
    id: string,
  ): Promise<{ id: string; code: string; name: string }> {
    const d = await this.users.department(id, em);
    if (!d)
      throw badRequest('unknown-department', 'Unknown department', [
        { field: 'departmentId', message: 'unknown department' },
      ]);
    return d;
  }

  private async assertActiveUser(em: EntityManager, id: string): Promise<void> {
    if (!(await this.users.isActive(id, em))) {
      throw badRequest('unknown-owner', 'The owner must be an active user', [
        { field: 'ownerId', message: 'unknown or inactive user' },
      ]);
    }
  }
}
