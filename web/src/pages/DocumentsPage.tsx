import { documentType } from '../components/labels';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../components/states';
import { humanise } from '../components/format';
import { PageHeading } from '../components/PageHeading';
import { useDocuments, useSearch } from '../features/documents/queries/documents-query';
import {
  hasRole,
  LEAD_ROLES,
  READ_ALL_ROLES,
  useMe,
} from '../features/session/queries/session-query';

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function DocumentsPage() {
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 250);
  useEffect(() => {
    setParams(q ? { q } : {}, { replace: true });
  }, [q, setParams]);

  const readAll = hasRole(me, READ_ALL_ROLES);
  const list = useDocuments({ effectiveOnly: !readAll });
  const search = useSearch(q);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page">
      <PageHeading title="Documents">Documents</PageHeading>
      {hasRole(me, LEAD_ROLES) && (
        <p className="actions">
          <Link to="/documents/new" className="button primary">
            New document
          </Link>
        </p>
      )}
      <form role="search" className="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="doc-search">Search procedures</label>
        <input
          id="doc-search"
          type="search"
          value={text}
          placeholder="Words from the title or text, e.g. refund"
          onChange={(e) => setText(e.target.value)}
        />
      </form>

      {q ? (
        <section aria-label="Search results" aria-busy={search.isFetching}>
          {search.isPending && <Loading what="Results" />}
          {search.isError && (
            <ErrorState error={search.error} onRetry={() => void search.refetch()} />
          )}
          {search.data && search.data.items.length === 0 && (
            <Empty>
              <p>No effective procedure mentions “{q}”. Try other words.</p>
            </Empty>
          )}
          {search.data && search.data.items.length > 0 && (
            <ul className="card-list">
              {search.data.items.map((hit) => (
                <li key={hit.revisionId} className="card-row stacked">
                  <Link to={`/documents/${hit.documentId}`} className="card-row-title">
                    {hit.title}
                  </Link>
                  <span className="meta">
                    {hit.documentNumber} · revision {hit.label}
                  </span>
                  {/* the service escapes the text and adds only <mark> around matches */}
                  <p className="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <section aria-label="All procedures">
          {list.isPending && <Loading what="Procedures" />}
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
          {list.data && items.length === 0 && (
            <Empty>
              <p>No procedures yet.</p>
            </Empty>
          )}
          {items.length > 0 && (
            <ul className="card-list">
              {items.map((d) => (
                <li key={d.id} className="card-row">
                  <div className="card-row-main">
                    <Link to={`/documents/${d.id}`} className="card-row-title">
                      {d.title}
                    </Link>
                    <span className="meta">
                      {d.number} · {documentType(d.type)}
                    </span>
                  </div>
                  {readAll && (
                    <div className="card-row-side">
                      <span className={`status status-${d.status}`}>{humanise(d.status)}</span>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {list.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              Show more
            </button>
          )}
        </section>
      )}
    </div>
  );
}
