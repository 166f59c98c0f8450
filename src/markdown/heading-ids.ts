import type MarkdownIt from 'markdown-it';
import { slugify } from './markdown-urls';

type Token = MarkdownIt.Token;

/** Plain text of a heading: its text and code spans, as markdown-it-anchor took it. */
export function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((t) => t.type === 'text' || t.type === 'code_inline')
    .map((t) => t.content)
    .join('');
}

/**
 * Unique ids in document order, as markdown-it-anchor (uniqueSlugStartIndex 1) gave
 * them — `a`, `a-1`, `a-2`… and `a-1-1` when a heading's own slug was `a-1` already —
 * but in linear time: the plugin probed `a-1`, `a-2`… from 1 for every repeat (10,000
 * `# a` took 5.8 s) and looked each heading up again with indexOf over all tokens.
 * Each base slug remembers where its probing stopped; the ids below it stay taken, so
 * the first free one found is the one the plugin found.
 */
export function uniqueIds(): (slug: string) => string {
  const taken = new Set<string>();
  const next = new Map<string, number>();
  return (slug) => {
    let id = slug;
    if (taken.has(id)) {
      let i = next.get(slug) ?? 1;
      while (taken.has(`${slug}-${i}`)) i++;
      id = `${slug}-${i}`;
      next.set(slug, i + 1);
    }
    taken.add(id);
    return id;
  };
}

/** Gives every heading an `id` (a core rule: `render` and `parse` see the same ids). */
export function headingIds(md: MarkdownIt.MarkdownIt): void {
  md.core.ruler.push('heading_ids', (state) => {
    const unique = uniqueIds();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'heading_open') continue;
      tokens[i].attrSet('id', unique(slugify(headingText(tokens[i + 1]))));
    }
  });
}
