import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../components/states';
import { PageHeading } from '../components/PageHeading';
import { Redline } from '../features/documents/components/ProcedureView';
import { useDocument, useRedline } from '../features/documents/queries/documents-query';
import { HistoryTable } from '../features/history/components/HistoryTable';
import { useHistory } from '../features/history/queries/history-query';

export default function HistoryPage() {
  const { id = '' } = useParams();
  const doc = useDocument(id);
  const history = useHistory(id);
  const [selected, setSelected] = useState<string[]>([]);
  const [compared, setCompared] = useState<[string, string] | null>(null);
  const redline = useRedline(compared?.[1], compared?.[0]);
  const revisions = history.data?.items ?? [];

  const toggle = (rid: string) =>
    setSelected((s) => (s.includes(rid) ? s.filter((x) => x !== rid) : [...s, rid].slice(-2)));
  const compare = () => {
    // older → newer, whatever order they were ticked in (the list is newest first)
    const ordered = revisions.filter((r) => selected.includes(r.id)).map((r) => r.id);
    if (ordered.length === 2) setCompared([ordered[1], ordered[0]]);
  };
  const label = (rid: string) => revisions.find((r) => r.id === rid)?.label ?? 'draft';

  return (
    <div className="page page-wide">
      <PageHeading title="History">History</PageHeading>
      {doc.data && (
        <p className="lead">
          <Link to={`/documents/${id}`}>{doc.data.title}</Link> · {doc.data.number}
        </p>
      )}
      {history.isPending && <Loading what="The history" />}
      {history.isError && (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      )}
      {history.isSuccess && revisions.length === 0 && (
        <Empty>
          <p>No revision of this document is visible to you yet.</p>
        </Empty>
      )}
      {revisions.length > 0 && (
        <>
          <p className="hint">Choose two revisions and press Compare to see what changed.</p>
          <HistoryTable revisions={revisions} selected={selected} onToggle={toggle} />
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={selected.length !== 2}
              onClick={compare}
            >
              Compare
            </button>
          </div>
        </>
      )}
      {compared && (
        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">
            Changes from {label(compared[0])} to {label(compared[1])}
          </h2>
          {redline.isPending && <Loading what="The comparison" />}
          {redline.isError && <ErrorState error={redline.error} />}
          {redline.data && (
            <Redline
              html={redline.data}
              label={`Changes from ${label(compared[0])} to ${label(compared[1])}`}
            />
          )}
        </section>
      )}
    </div>
  );
}
