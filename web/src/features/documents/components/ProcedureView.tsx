import { useMemo } from 'react';
import { demoteHeadings, type TocEntry } from './toc';

/**
 * The table of contents, folded by default: open, its links would stand beside the
 * page's own (a section called "Revision history" next to the History link).
 */
export function Toc({ entries }: { entries: TocEntry[] }) {
  if (entries.length < 2) return null;
  return (
    <details className="toc">
      <summary className="toc-title">Contents</summary>
      <nav aria-label="Contents">
        <ol>
          {entries.map((e) => (
            <li key={e.id} className={`toc-level-${e.level}`}>
              <a href={`#${e.id}`}>{e.text}</a>
            </li>
          ))}
        </ol>
      </nav>
    </details>
  );
}

/**
 * The service's sanitised rendering of the procedure (no script, no event handlers),
 * its headings one level down: the page's own h1 stays the only one.
 */
export function ProcedureView({ html, label }: { html: string; label: string }) {
  const demoted = useMemo(() => demoteHeadings(html), [html]);
  return (
    <article
      className="procedure"
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: demoted }}
    />
  );
}

/** A redline rendered by the service: <ins> added, <del> removed. */
export function Redline({ html, label }: { html: string; label: string }) {
  return (
    <div className="redline procedure" role="region" aria-label={label}>
      <p className="redline-legend">
        <span className="legend-ins">Added text</span>{' '}
        <span className="legend-del">Removed text</span>
      </p>
      <div dangerouslySetInnerHTML={{ __html: demoteHeadings(html) }} />
    </div>
  );
}
