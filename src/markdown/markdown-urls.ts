const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n' };

/** C0/C1 controls, space, soft hyphen, zero-width and bidi marks, line/paragraph separators, BOM. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

/**
 * What a browser would take the scheme-bearing prefix of a URL to be, however it
 * was spelled: percent-escapes and character references decoded (repeatedly, so
 * double encoding does not help), then whitespace, control and invisible
 * characters removed — browsers drop tabs and newlines inside a scheme — and
 * lower-cased. Only used to decide; the URL itself is left as markdown-it wrote it.
 */
function canonical(url: string): string {
  let s = url;
  for (let i = 0; i < 4; i++) {
    const decoded = s
      .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_, dec: string) => fromCodePoint(parseInt(dec, 10)))
      .replace(/&(colon|tab|newline);?/gi, (_, name: string) => NAMED[name.toLowerCase()]);
    if (decoded === s) break;
    s = decoded;
  }
  return s.replace(INVISIBLE, '').toLowerCase();
}

function fromCodePoint(cp: number): string {
  return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
}

/** The scheme of a URL in canonical form, '' for a relative or anchor link, null if unparseable. */
function schemeOf(url: string): string | null {
  const s = canonical(url);
  const colon = s.indexOf(':');
  if (colon === -1) return '';
  const delimiter = s.search(/[/?#]/);
  if (delimiter !== -1 && delimiter < colon) return ''; // "./a:b", "#x:y", "?q=a:b"
  const scheme = s.slice(0, colon);
  return /^[a-z][a-z0-9+.-]*$/.test(scheme) ? scheme : null;
}

/** Links may be http, https, mailto, or relative/anchor; nothing else, in any spelling. */
export function isSafeHref(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === '' || (scheme !== null && LINK_SCHEMES.has(scheme));
}

/** Images must be absolute http(s) URLs. */
export function isSafeImageSrc(url: string): boolean {
  const scheme = schemeOf(url);
  return (scheme === 'http' || scheme === 'https') && /^https?:\/\//i.test(url.trim());
}

/**
 * Heading anchors: lower case, ASCII letters and digits joined by dashes (accents
 * dropped, so "Übersicht" → "ubersicht"); a heading with nothing left is "section".
 * heading-ids.ts then makes repeats unique with -1, -2, ….
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'section';
}
