import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { hasAnyRole, Principal } from '../common/principal';
import { badRequest, conflict, notFound, ProblemException } from '../common/problem';
import { PROPOSALS_OF_DOCUMENT_SQL } from '../proposals/proposals.sql';
import { preparedQuery } from '../database/prepared';
import { DocumentAction } from './document-actions';
import { etagOf, isoSql, REVISION_JSON, toRevisionResponse } from './document.mapper';
import {
  CreateRevisionDto,
  RevisionResponse,
  RevisionWithBody,
  UpdateRevisionDto,
} from './dto/document.dto';
import { READ_ALL_ROLES } from './lifecycle';
import { RevisionHistoryCache } from './revision-history-cache';
import {
  loadRevision,
  loadVisibleRevision,
  visibilityKey,
  signaturesOf,
  visibleRevisionSql,
} from './revision-access';

/** Drafts: start one from the effective revision, read, edit with If-Match; the history. */
@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly historyCache: RevisionHistoryCache,
  ) {}

  async createDraft(
    p: Principal,
    documentId: string,
    dto: CreateRevisionDto,
  ): Promise<RevisionResponse> {
    return this.ds.transaction(async (em) => {
      const [doc] = await em.query<{ status: string }[]>(
        'SELECT status FROM documents WHERE id = $1 FOR NO KEY UPDATE',
        [documentId],
      );
      if (!doc) throw notFound('Document');
      if (doc.status === 'obsolete')
        throw conflict('document-obsolete', 'The document is obsolete and takes no new revisions');
      const [open] = await em.query<{ id: string; status: string }[]>(
        `SELECT id, status FROM revisions WHERE document_id = $1 AND status IN ('draft','in_review','approved')`,
        [documentId],
      );
      if (open)
        throw conflict(
          'open-revision',
          `The document already has an open revision (${open.status}): ${open.id}`,
        );
      const [effective] = await em.query<{ body: string }[]>(
        `SELECT body FROM revisions WHERE document_id = $1 AND status = 'effective'`,
        [documentId],
      );
      if (!effective)
        throw conflict('no-effective-revision', 'The document has no effective revision to revise');
      if (dto.proposalIds?.length) {
        // Linked proposals become implemented when this revision takes effect: they must be this document's.
        const wanted = [...new Set(dto.proposalIds.map((id) => id.toLowerCase()))];
        const found = await em.query<{ id: string }[]>(PROPOSALS_OF_DOCUMENT_SQL, [
          wanted,
          documentId,
        ]);
        const known = new Set(found.map((f) => f.id));
        const missing = wanted.filter((id) => !known.has(id));
        if (missing.length) {
          throw badRequest(
            'unknown-proposal',
            'Every linked proposal must be about this document',
            [
              {
                field: 'proposalIds',
                message: `not proposals of this document: ${missing.join(', ')}`,
              },
            ],
          );
        }
      }
      const [row] = await em.query<{ id: string; content_sha256: string }[]>(
        `INSERT INTO revisions (document_id, change_level, change_summary, reason, author_id, body, proposal_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[]) RETURNING id, content_sha256`,
        [
          documentId,
          dto.changeLevel,
          dto.changeSummary,
          dto.reason ?? null,
          p.userId,
          effective.body,
          dto.proposalIds ?? [],
        ],
      );
      await this.audit.append(em, {
        actor: p.actor,
        action: DocumentAction.RevisionCreated,
        entityType: 'revision',
        entityId: row.id,
        data: {
          documentId,
          changeLevel: dto.changeLevel,
          changeSummary: dto.changeSummary,
          proposalIds: dto.proposalIds ?? [],
        },
      });
      return toRevisionResponse(await loadRevision(em, row.id), []);
    });
  }

  async get(p: Principal, id: string): Promise<{ revision: RevisionWithBody; etag: string }> {
    const r = await loadVisibleRevision(this.ds.manager, p, id, { body: true });
    const sigs = await signaturesOf(this.ds.manager, [r.id]);
    return {
      revision: { ...toRevisionResponse(r, sigs.get(r.id)!), body: r.body! },
      etag: etagOf(r),
    };
  }

  /**
   * Saves a draft when If-Match carries its current ETag. The version check is in
   * the UPDATE itself, so of many saves with one ETag exactly one wins.
   */
  async update(
    p: Principal,
    id: string,
    ifMatch: string | undefined,
    dto: UpdateRevisionDto,
  ): Promise<{ revision: RevisionWithBody; etag: string }> {
    if (!ifMatch) {
      throw new ProblemException(
        428,
        'if-match-required',
        'Send If-Match with the ETag from GET /revisions/:id',
      );
    }
    const fields = Object.entries({
      body: dto.body,
      change_summary: dto.changeSummary,
      reason: dto.reason,
      change_level: dto.changeLevel,
    }).filter(([, v]) => v !== undefined);
    if (fields.length === 0)
      throw badRequest('validation', 'Nothing to change', [
        { field: 'body', message: 'send at least one field' },
      ]);
    const version = ifMatch.trim() === '*' ? null : parseEtag(ifMatch);
    return this.ds.transaction(async (em) => {
      const params: unknown[] = [id, version];
      const sets = fields.map(([column, value]) => `${column} = $${params.push(value)}`);
      // Whoever changes the body becomes one of its authors, and so may not review or approve it.
      if (dto.body !== undefined) {
        const me = params.push(p.userId);
        sets.push(
          `author_ids = CASE WHEN $${me}::uuid = ANY(author_ids) THEN author_ids ELSE author_ids || $${me}::uuid END`,
        );
      }
      const updated = await em.query<
        [{ id: string; version: number; content_sha256: string }[], number]
      >(
        `UPDATE revisions SET ${sets.join(', ')}, version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'draft' AND ($2::int IS NULL OR version = $2::int)
          RETURNING id, version, content_sha256`,
        params,
      );
      if (updated[0].length === 0) {
        const current = await loadRevision(em, id); // 404 when missing
        if (current.status !== 'draft')
          throw conflict(
            'not-a-draft',
            `Only a draft can be edited; this revision is ${current.status}`,
          );
        throw new ProblemException(
          412,
          'etag-mismatch',
          'The revision changed since you read it; reload and apply your edit again',
        );
      }
      await this.audit.append(em, {
        actor: p.actor,
        action: DocumentAction.RevisionUpdated,
        entityType: 'revision',
        entityId: id,
        data: {
          fields: fields.map(([k]) => k),
          version: updated[0][0].version,
          contentSha256: updated[0][0].content_sha256,
        },
      });
      const r = await loadRevision(em, id, { body: true });
      const sigs = await signaturesOf(em, [id]);
      return {
        revision: { ...toRevisionResponse(r, sigs.get(id)!), body: r.body! },
        etag: etagOf(r),
      };
    });
  }

  /**
   * The revisions of a document the caller may see (all of them for read-all roles),
   * newest first, with their signature manifestations.
   */
  async history(p: Principal, documentId: string, q: PageQuery): Promise<Page<RevisionResponse>> {
    const page = await this.historyPage(p, documentId, q);
    return {
      items: page.items.map((json) => JSON.parse(json) as RevisionResponse),
      nextCursor: page.nextCursor,
    };
  }

  /** The same page as history(), as the JSON text of the answer. */
  historyJson(p: Principal, documentId: string, q: PageQuery, since?: number): Promise<string> {
    return this.historyCache.page(
      documentId,
      `${visibilityKey(p)} ${q.limit ?? ''} ${q.cursor ?? ''}`,
      async () => {
        const page = await this.historyPage(p, documentId, q);
        return `{"items":[${page.items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
      },
      since,
    );
  }

  /** The page's items as JSON texts (REVISION_JSON), and the cursor of the next page. */
  private async historyPage(p: Principal, documentId: string, q: PageQuery): Promise<Page<string>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const readAll = hasAnyRole(p, READ_ALL_ROLES);
    // One round trip: the page and its signatures together, each item as the API's JSON.
    // Prepared (one text per kind of reader), as each staff member's page view of a
    // procedure asks for it.
    const text = `SELECT r.id, ${isoSql('r.created_at')} AS created_at, ${REVISION_JSON} AS item
         FROM revisions r
        WHERE r.document_id = $1 AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2::timestamptz, $3::uuid))
          ${readAll ? '' : `AND ${visibleRevisionSql(p, '$5')}`}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $4`;
    let name = HISTORY_STATEMENTS.get(text);
    if (!name) HISTORY_STATEMENTS.set(text, (name = `revision_history_${HISTORY_STATEMENTS.size}`));
    const rows = await preparedQuery<{ id: string; created_at: string; item: string }>(
      this.ds.manager,
      name,
      text,
      [
        documentId,
        cursor?.[0] ?? null,
        cursor?.[1] ?? null,
        limit + 1,
        ...(readAll ? [] : [p.userId]),
      ],
    );
    // Nothing of it to see on the first page: as if the document did not exist.
    if (rows.length === 0 && !readAll && !cursor) throw notFound('Document');
    // Every document has a revision, so only an empty page asks whether it exists (404).
    if (rows.length === 0) {
      const exists = await this.ds.query<unknown[]>('SELECT 1 FROM documents WHERE id = $1', [
        documentId,
      ]);
      if (exists.length === 0) throw notFound('Document');
    }
    return toPage(
      rows,
      limit,
      (r) => [r.created_at, r.id],
      (r) => r.item,
    );
  }
}

/** The history's statement texts (one per kind of reader) and their prepared names. */
const HISTORY_STATEMENTS = new Map<string, string>();

function parseEtag(value: string): number {
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(value.trim());
  if (!m)
    throw new ProblemException(412, 'etag-mismatch', 'If-Match does not match the current ETag');
  return Number(m[1]);
}
