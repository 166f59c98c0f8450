import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Principal } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/config';
import { loadRevision } from '../documents/revision-access';
import { DocumentsService } from '../documents/documents.service';
import { RevisionsService } from '../documents/revisions.service';
import { MarkdownService } from '../markdown/markdown.service';
import { ControlledCopyResponse } from './dto/evidence.dto';
import { EvidenceAction } from './evidence-actions';
import { RevisionPdfSource } from './revision-pdf-source';

interface CopyRow {
  id: string;
  revision_id: string;
  copy_number: number;
  issued_to: string;
  issued_to_name: string;
  issued_at: Date;
}

const COLUMNS = 'id, revision_id, copy_number, issued_to, issued_to_name, issued_at';

const toResponse = (r: CopyRow): ControlledCopyResponse => ({
  id: r.id,
  revisionId: r.revision_id,
  copyNumber: r.copy_number,
  issuedToId: r.issued_to,
  issuedToName: r.issued_to_name,
  issuedAt: r.issued_at.toISOString(),
});

export interface IssuedCopy {
  copy: ControlledCopyResponse;
  fileName: string;
  pdf: NodeJS.ReadableStream;
}

/**
 * Controlled copies: every PDF of a revision is a numbered copy, recorded with its
 * `copy.issued` audit event in the transaction that takes its number. The number is
 * committed before the PDF is rendered (a failed render leaves a recorded copy that
 * was never delivered, rather than two copies with one number).
 */
@Injectable()
export class ControlledCopiesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revisions: RevisionsService,
    private readonly documents: DocumentsService,
    private readonly markdown: MarkdownService,
    private readonly audit: AuditService,
  ) {}

  async issue(p: Principal, revisionId: string): Promise<IssuedCopy> {
    // Whoever may read the revision (GET /revisions/:id's rule) may print it.
    const { revision } = await this.revisions.get(p, revisionId);
    const document = await this.documents.load(this.ds.manager, revision.documentId);
    const copy = await this.ds.transaction((em) => this.record(em, p, revision.id, document.id));
    const source = new RevisionPdfSource(this.markdown, this.config.publicUrl);
    const pdf = source.render(document, revision, {
      copyLine:
        `Copy ${copy.copyNumber}, printed for ${copy.issuedToName} at ` +
        `${copy.issuedAt.slice(0, 19).replace('T', ' ')} UTC; uncontrolled when printed —\n` +
        `the current revision is at ${source.documentUrl(document.id)}`,
    });
    const label = revision.label ?? 'draft';
    return { copy, pdf, fileName: `${document.number}-${label}-copy-${copy.copyNumber}.pdf` };
  }

  private async record(
    em: EntityManager,
    p: Principal,
    revisionId: string,
    documentId: string,
  ): Promise<ControlledCopyResponse> {
    // The counter row stays locked until commit: concurrent downloads queue here.
    const [{ last_number }] = await em.query<{ last_number: number }[]>(
      `INSERT INTO controlled_copy_counters AS c (revision_id, last_number) VALUES ($1, 1)
       ON CONFLICT (revision_id) DO UPDATE SET last_number = c.last_number + 1
       RETURNING last_number`,
      [revisionId],
    );
    const [row] = await em.query<CopyRow[]>(
      `INSERT INTO controlled_copies (id, revision_id, copy_number, issued_to, issued_to_name)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [randomUUID(), revisionId, last_number, p.userId, p.name],
    );
    await this.audit.append(em, {
      actor: p.actor,
      action: EvidenceAction.CopyIssued,
      entityType: 'controlled_copy',
      entityId: row.id,
      data: { revisionId, documentId, copyNumber: row.copy_number, issuedTo: p.userId },
    });
    return toResponse(row);
  }

  /** The copies of a revision, by number. */
  async list(revisionId: string, q: PageQuery): Promise<Page<ControlledCopyResponse>> {
    await loadRevision(this.ds.manager, revisionId);
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['number']);
    const rows = await this.ds.query<CopyRow[]>(
      `SELECT ${COLUMNS} FROM controlled_copies
        WHERE revision_id = $1 AND ($2::int IS NULL OR copy_number > $2)
        ORDER BY copy_number LIMIT $3`,
      [revisionId, cursor?.[0] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.copy_number], toResponse);
  }

  /** Ids of every copy of these revisions (for the audit events of an evidence pack). */
  async idsFor(revisionIds: string[]): Promise<string[]> {
    const rows = await this.ds.query<{ id: string }[]>(
      'SELECT id FROM controlled_copies WHERE revision_id = ANY($1::uuid[])',
      [revisionIds],
    );
    return rows.map((r) => r.id);
  }
}
