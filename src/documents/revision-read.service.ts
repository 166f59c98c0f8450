import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '../common/principal';
import { badRequest } from '../common/problem';
import { DiffService } from '../markdown/diff.service';
import { MarkdownService } from '../markdown/markdown.service';
import { RenderedHtmlStore } from '../markdown/rendered-html-store';
import { loadVisibleHtml, loadVisibleRevision } from './revision-access';

/** Rendering and redlines of revisions the caller may see. */
@Injectable()
export class RevisionReadService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly markdown: MarkdownService,
    private readonly diffs: DiffService,
    private readonly store: RenderedHtmlStore,
  ) {}

  /**
   * The content hash of a revision the caller may see, and its HTML unless `fresh` says
   * the caller already holds it (a conditional GET: nothing is rendered or sent). One
   * round trip: the HTML stored for the body comes with the row; a body rendered here
   * is stored for every instance once it can no longer change (not a draft).
   */
  async html(
    p: Principal,
    id: string,
    fresh: (contentSha256: string) => boolean = () => false,
  ): Promise<{ html: Buffer | string | null; contentSha256: string }> {
    const r = await loadVisibleHtml(this.ds.manager, p, id, this.store.renderer);
    const contentSha256 = r.content_sha256;
    if (fresh(contentSha256)) return { html: null, contentSha256 };
    if (r.html) return { html: r.html, contentSha256 };
    const html = await this.markdown.renderBytes(contentSha256, r.body!);
    if (r.status !== 'draft') this.store.save(contentSha256, html);
    return { html, contentSha256 };
  }

  async diff(
    p: Principal,
    id: string,
    againstId: string,
    format: 'unified' | 'json' | 'html',
  ): Promise<unknown> {
    const to = await loadVisibleRevision(this.ds.manager, p, id, { body: true });
    const from = await loadVisibleRevision(this.ds.manager, p, againstId, { body: true });
    if (from.document_id !== to.document_id) {
      throw badRequest('different-documents', 'Both revisions must belong to the same document', [
        { field: 'against', message: 'belongs to another document' },
      ]);
    }
    const a = { label: from.label ?? `draft-${from.id.slice(0, 8)}`, body: from.body! };
    const b = { label: to.label ?? `draft-${to.id.slice(0, 8)}`, body: to.body! };
    if (format === 'unified') return this.diffs.unified(a, b);
    if (format === 'html') return this.diffs.html(a, b);
    return { from: from.id, to: to.id, ...this.diffs.json(a, b) };
  }
}
