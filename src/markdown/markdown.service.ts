import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import MarkdownIt from 'markdown-it';
import { headingText } from './heading-ids';
import { createParser, renderHtml } from './render-html';
import { RenderPool } from './render-pool';

export interface Heading {
  level: number;
  text: string;
  id: string;
}

/**
 * Bodies up to this many characters render on the event loop (a few milliseconds even
 * at their worst, and a worker's round trip would cost more than the render); larger
 * ones render in a worker thread.
 */
export const INLINE_RENDER_MAX_CHARS = 8 * 1024;

/**
 * Markdown bodies to sanitised HTML fragments, and their heading anchors.
 * Rendered HTML is cached by the SHA-256 of the body: non-draft bodies never
 * change, and a draft's edit simply produces a new key.
 */
@Injectable()
export class MarkdownService implements OnModuleDestroy {
  private readonly md = createParser();
  private readonly pool = new RenderPool();
  /**
   * Rendered HTML as UTF-8 bytes: sized exactly, and off the V8 heap. (A string from the
   * sanitizer is a rope of thousands of concatenated pieces, ~10× its length in memory
   * until something flattens it.) The byte budget is the limit that matters; the count
   * only bounds bookkeeping for tiny bodies. At 1,000 entries, a few thousand 5 KB
   * procedures were mostly re-rendered, at ~1 ms of CPU each.
   */
  private readonly cache = new LRUCache<string, Buffer>({
    max: 20_000,
    maxSize: 32 * 1024 * 1024, // bytes: at most 32 MiB of cached HTML
    sizeCalculation: (html) => Math.max(1, html.length),
  });

  async render(body: string): Promise<string> {
    return (await this.renderBytes(createHash('sha256').update(body).digest('hex'), body)).toString(
      'utf8',
    );
  }

  /**
   * The HTML of `body` as UTF-8 bytes, ready to send; `sha256` must be its hash (as the
   * database's content_sha256 is), which is the cache key.
   */
  async renderBytes(sha256: string, body: string): Promise<Buffer> {
    const cached = this.cache.get(sha256);
    if (cached !== undefined) return cached;
    const html = Buffer.from(
      body.length <= INLINE_RENDER_MAX_CHARS ? renderHtml(body) : await this.pool.render(body),
      'utf8',
    );
    this.cache.set(sha256, html);
    return html;
  }

  /**
   * The markdown-it tokens of a body, with the same rules as render(): raw HTML is text,
   * unsafe links stay plain text. For renderers other than HTML (the PDF of a revision).
   */
  parse(body: string): MarkdownIt.Token[] {
    return this.md.parse(body, {});
  }

  /** Headings in document order, with the same ids `render` gives them. */
  headings(body: string): Heading[] {
    const tokens = this.md.parse(body, {});
    const found: Heading[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.type !== 'heading_open') continue;
      found.push({
        level: Number(t.tag.slice(1)),
        text: headingText(tokens[i + 1]),
        id: String(t.attrGet('id') ?? ''),
      });
    }
    return found;
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
