import MarkdownIt from 'markdown-it';

// Raw HTML off: an <h2> typed as HTML is not a Markdown heading and must not satisfy a required section.
const md = new MarkdownIt({ html: false });

/** Leading numbering such as `1.`, `1)`, `2.3`, `2.3.1.` (followed by a separator). */
const NUMBERING = /^\d+(?:\.\d+)*(?:[.)]\s*|\s+)/;

/**
 * The form a heading or a required-section name is compared in: Unicode-normalised,
 * whitespace collapsed, leading numbering and a trailing colon dropped, lower case.
 * "## 2.1  Scope:" and "scope" are the same section.
 */
export function normalizeSection(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(NUMBERING, '')
    .replace(/\s*:$/, '')
    .trim()
    .toLowerCase();
}

/** Plain text of an inline token: text and code spans, without emphasis or link markup. */
function inlineText(token: MarkdownIt.Token): string {
  return (token.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : ''))
    .join('');
}

/**
 * The headings (any level, ATX or setext) of a Markdown body, normalised. Parsed
 * with markdown-it, so a "## Purpose" line inside a code block is not a heading.
 */
export function headingsOf(body: string): Set<string> {
  const tokens = md.parse(body, {});
  const found = new Set<string>();
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].type === 'heading_open' && tokens[i + 1].type === 'inline') {
      found.add(normalizeSection(inlineText(tokens[i + 1])));
    }
  }
  return found;
}

/** The required sections (as given) that do not appear as a heading in the body. */
export function missingSections(body: string, required: readonly string[]): string[] {
  const headings = headingsOf(body);
  return required.filter((section) => !headings.has(normalizeSection(section)));
}
