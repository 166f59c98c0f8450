import { Link } from 'react-router';
import { formatDate } from '../../../components/format';
import type { Assignment } from '../queries/assignments-query';

/** One row per assignment: the link is named by the document's title alone. */
export function AssignmentList({ items }: { items: Assignment[] }) {
  return (
    <ul className="card-list">
      {items.map((a) => {
        const overdue = a.status === 'overdue';
        return (
          <li key={a.id} className={`card-row ${overdue ? 'is-overdue' : ''}`}>
            <div className="card-row-main">
              <Link to={`/documents/${a.documentId}`} className="card-row-title">
                {a.title}
              </Link>
              <span className="meta">
                {a.documentNumber} · revision {a.label ?? '—'}
                {a.changedSinceAcknowledged ? ' · changed since you last read it' : ''}
              </span>
            </div>
            <div className="card-row-side">
              {overdue && <span className="status status-danger">Overdue</span>}
              {a.status === 'done' ? (
                <span className="meta">Acknowledged {formatDate(a.acknowledgedAt)}</span>
              ) : (
                <span className="meta">Due {formatDate(a.dueAt)}</span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
