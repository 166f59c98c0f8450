import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import sanitizeHtml from 'sanitize-html';
import { isSafeHref, isSafeImageSrc, slugify } from './markdown-urls';

export interface Heading {
  level: number;
  text: string;
  id: string;
}

type Token = MarkdownIt.Token;

/** Plain text of a heading, as markdown-it-anchor sees it (text and code spans). */
function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((t) => t.type === 'text' || t.type === 'code_inline')
    .map((t) => t.content)
    .join('');
}

function createParser(): MarkdownIt.MarkdownIt {
  // html: false — raw HTML in a body is shown as text, never passed through.
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const validateLink = md.validateLink.bind(md);
  // Applies to links, autolinks and linkified text alike; a refused link stays plain text.
  md.validateLink = (url) => validateLink(url) && isSafeHref(url);

  // Images must be absolute http(s); anything else is shown as its alt text.
  const image = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const src = String(tokens[idx].attrGet('src') ?? '');
    if (isSafeImageSrc(src)) return image(tokens, idx, options, env, self);
    return md.utils.escapeHtml(self.renderInlineAsText(tokens[idx].children ?? [], options, env));
  };

  md.use(anchor, { slugify, tabIndex: false, uniqueSlugStartIndex: 1 });
  return md;
}

// prettier-ignore
const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
  'em', 'strong', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br',
];

/**
 * The second line of defence: whatever markdown-it produced, only these elements
 * and attributes reach a browser. No style, no event handlers, no svg/math/iframe/form.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    h1: ['id'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
  },
  // Fenced code keeps its language for client-side highlighting; nothing else gets a class.
  allowedClasses: { code: [/^language-[A-Za-z0-9_+#-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
    // markdown-it renders ~~strike~~ as <s>; the allow-list speaks of <del>.
    s: 'del',
  },
  disallowedTagsMode: 'discard',
};

/**
 * Markdown bodies to sanitised HTML fragments, and their heading anchors.
 * Rendered HTML is cached by the SHA-256 of the body: non-draft bodies never
 * change, and a draft's edit simply produces a new key.
 */
@Injectable()
export class MarkdownService {
  private readonly md = createParser();
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

  render(body: string): string {
    const key = createHash('sha256').update(body).digest('hex');
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached.toString('utf8');
    const html = sanitizeHtml(this.md.render(body, {}), SANITIZE);
    this.cache.set(key, Buffer.from(html, 'utf8'));
    return html;
  }

  /**
   * The markdown-it tokens of a body, with the same rules as render(): raw HTML is text,
   * unsafe links stay plain text. For renderers other than HTML (the PDF of a revision).
   */
  parse(body: string): Token[] {
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
}
