export interface TocEntry {
  id: string;
  text: string;
  level: number;
}

/** The rendered procedure's h2/h3 headings (the service gives each an id anchor). */
export function tableOfContents(html: string): TocEntry[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('h2[id], h3[id]')].map((h) => ({
    id: h.id,
    text: h.textContent?.trim() ?? '',
    level: Number(h.tagName[1]),
  }));
}

/** h1 → h2 … h5 → h6 (h6 stays), ids and content kept. */
export function demoteHeadings(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const h of [...doc.body.querySelectorAll('h1, h2, h3, h4, h5')]) {
    const next = doc.createElement(`h${Number(h.tagName[1]) + 1}`);
    for (const attr of [...h.attributes]) next.setAttribute(attr.name, attr.value);
    next.append(...h.childNodes);
    h.replaceWith(next);
  }
  return doc.body.innerHTML;
}
