import { useState } from 'react';
import { DownloadButton } from '../../../components/DownloadButton';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useAuditEvents } from '../queries/audit-query';
import { AuditFilters, EMPTY_FILTER, toApiFilter, type FilterForm } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { VerifyPanel } from './VerifyPanel';

export function AuditTrail() {
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTER);
  const filter = toApiFilter(form);
  const events = useAuditEvents(filter);
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const range = new URLSearchParams(
    Object.entries({ from: filter.from, to: filter.to }).filter(
      (e): e is [string, string] => !!e[1],
    ),
  ).toString();
  const nextPageError = events.isFetchNextPageError ? events.error : null;

  return (
    <>
      <VerifyPanel />
      <section aria-labelledby="events" className="section">
        <h2 id="events">Events</h2>
        <AuditFilters initial={form} onApply={setForm} />
        <div className="toolbar">
          <DownloadButton
            path={`/audit-events/export?format=jsonl${range ? `&${range}` : ''}`}
            label="Export JSONL"
            fallbackName="audit-events.jsonl"
          />
          <DownloadButton
            path={`/audit-events/export?format=csv${range ? `&${range}` : ''}`}
            label="Export CSV"
            fallbackName="audit-events.csv"
          />
          <span className="hint">Exports hold every event from From to To, oldest first.</span>
        </div>
        {events.isPending && <Loading what="Events" />}
        {events.isError && !nextPageError && (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        )}
        {events.isSuccess && rows.length === 0 && (
          <Empty>
            <p>No event matches these filters.</p>
          </Empty>
        )}
        {rows.length > 0 && <AuditTable events={rows} />}
        {events.hasNextPage && (
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              disabled={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          </div>
        )}
        {nextPageError && <ErrorState error={nextPageError} />}
      </section>
    </>
  );
}
