import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { formatDate } from '../../../components/format';
import { useReviewsDue } from '../queries/training-query';

function inDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Effective documents whose periodic review falls due by a chosen day (30 days ahead at first). */
export function ReviewsDue() {
  const [before, setBefore] = useState(() => inDays(30));
  const due = useReviewsDue(before);
  const fieldId = useId();
  return (
    <>
      <div className="field inline-field">
        <label htmlFor={fieldId}>Review due on or before</label>
        <input
          id={fieldId}
          type="date"
          value={before}
          required
          onChange={(e) => e.target.value && setBefore(e.target.value)}
        />
      </div>
      {due.isPending && <Loading what="Reviews due" />}
      {due.isError && <ErrorState error={due.error} onRetry={() => void due.refetch()} />}
      {due.isSuccess && due.data.length === 0 && (
        <Empty>
          <p>No periodic review falls due by {formatDate(before)}.</p>
        </Empty>
      )}
      {due.isSuccess && due.data.length > 0 && (
        <ul className="card-list">
          {due.data.map((d) => (
            <li key={d.documentId} className={`card-row${d.overdue ? ' is-overdue' : ''}`}>
              <div className="card-row-main">
                <Link to={`/documents/${d.documentId}`} className="card-row-title">
                  {d.title}
                </Link>
                <span className="meta">
                  {d.documentNumber} · revision {d.label}
                </span>
              </div>
              <div className="card-row-side">
                {d.overdue && <span className="status status-danger">Review overdue</span>}
                <span>Review due {formatDate(d.nextReviewDue)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
