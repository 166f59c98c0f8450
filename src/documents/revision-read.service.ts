import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { Principal } from '../common/principal';
import { badRequest } from '../common/problem';
import { DiffService } from '../markdown/diff.service';
import { MarkdownService } from '../markdown/markdown.service';
import { loadVisibleRevision } from './revision-access';

/** Rendering and redlines of revisions the caller may see. */
@Injectable()
export class RevisionReadService {
  /** The content hash last seen per revision id: ids only, a few MB at most. */
  private readonly hashes = new LRUCache<string, string>({ max: 50_000 });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly markdown: MarkdownService,
    private readonly diffs: DiffService,
  ) {}

  /**
   * The content hash of a revision the caller may see, and its HTML unless `fresh` says
   * the caller already holds it (a conditional GET: nothing is rendered or sent). One
   * round trip: the body is left out when the HTML for the hash last seen for this
   * revision is cached; a revision's body changes only while a draft, and then its hash
   * changes with it.
   */
  async html(
    p: Principal,
    id: string,
    fresh: (contentSha256: string) => boolean = () => false,
  ): Promise<{ html: Buffer | null; contentSha256: string }> {
    const known = this.hashes.get(id);
    const bodyUnless = known && this.markdown.cachedBytes(known) ? known : undefined;
    let r = await loadVisibleRevision(this.ds.manager, p, id, { body: true, bodyUnless });
    this.hashes.set(id, r.content_sha256);
    if (fresh(r.content_sha256)) return { html: null, contentSha256: r.content_sha256 };
    const html = r.body === null ? this.markdown.cachedBytes(r.content_sha256) : undefined;
    if (r.body === null && html) return { html, contentSha256: r.content_sha256 };
    // Evicted since the look-up (rare): read the body after all.
    if (r.body === null) r = await loadVisibleRevision(this.ds.manager, p, id, { body: true });
    return {
      html: await this.markdown.renderBytes(r.content_sha256, r.body!),
      contentSha256: r.content_sha256,
    };
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
