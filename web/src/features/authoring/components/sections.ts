/** Leading numbering such as `1.`, `1)`, `2.3`, `2.3.1.` (followed by a separator). */
const NUMBERING = /^\d+(?:\.\d+)*(?:[.)]\s*|\s+)/;

/**
 * A heading or required-section name as the service compares them when a draft is
 * submitted (src/templates/template-sections.ts): Unicode-normalised, whitespace
 * collapsed, leading numbering and a trailing colon dropped, lower case.
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

/**
 * The headings of the service's own rendering of the body (the preview), normalised:
 * markdown-it decided what is a heading, so a "## Purpose" in a code block is not one.
 */
export function headingsOfHtml(html: string): Set<string> {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const found = new Set<string>();
  doc.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach((h) => {
    found.add(normalizeSection(h.textContent ?? ''));
  });
  return found;
}
