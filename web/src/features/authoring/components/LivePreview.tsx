import { useEffect, useMemo, useState } from 'react';
import { errorSentence } from '../../../api/problem';
import { renderPreview } from '../queries/authoring-query';

/** h1 → h2 … (h6 stays): inside the page the rendered body must not add a second h1. */
function demote(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const h of [...doc.body.querySelectorAll('h1, h2, h3, h4, h5')]) {
    const next = doc.createElement(`h${Number(h.tagName[1]) + 1}`);
    for (const attr of [...h.attributes]) next.setAttribute(attr.name, attr.value);
    next.append(...h.childNodes);
    h.replaceWith(next);
  }
  return doc.body.innerHTML;
}

/**
 * The body rendered by the service (POST /markdown/preview), a moment after typing stops;
 * the rendering is reported up so the section checklist reads the same headings.
 */
export function useLivePreview(body: string, delayMs = 400) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const t = setTimeout(() => {
      renderPreview(body, abort.signal)
        .then((h) => {
          setHtml(h);
          setError(null);
        })
        .catch((err: unknown) => {
          if (!abort.signal.aborted) setError(errorSentence(err));
        });
    }, delayMs);
    return () => {
      clearTimeout(t);
      abort.abort();
    };
  }, [body, delayMs]);
  return { html, error };
}

export function LivePreview({ html, error }: { html: string | null; error: string | null }) {
  const shown = useMemo(() => (html === null ? null : demote(html)), [html]);
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" className="preview-title">
        Preview
      </h2>
      {error && (
        <p className="alert alert-error" role="alert">
          The preview could not be rendered: {error}
        </p>
      )}
      {shown === null && !error && <p className="muted">Rendering…</p>}
      {shown !== null && (
        // Rendered and sanitised by the service: no script, no event handlers.
        // Focusable: it scrolls, and keyboard users must be able to scroll it too.
        <div className="procedure" tabIndex={0} dangerouslySetInnerHTML={{ __html: shown }} />
      )}
    </section>
  );
}
