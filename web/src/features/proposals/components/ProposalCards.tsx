import { Link } from 'react-router';
import { formatDate } from '../../../components/format';
import type { Proposal } from '../queries/proposals-query';
import { KIND_LABEL } from './proposal-labels';

/** One card per proposal: the link is named by its number and title alone. */
export function ProposalCards({ items }: { items: Proposal[] }) {
  return (
    <ul className="card-list">
      {items.map((p) => (
        <li key={p.id} className={`card-row stacked ${p.overdue ? 'is-overdue' : ''}`}>
          <Link to={`/proposals/${p.id}`} className="card-row-title">
            {p.number} {p.title}
          </Link>
          <span className="meta">
            {KIND_LABEL[p.kind]}
            {p.documentNumber ? ` · ${p.documentNumber}` : ''}
            {` · ${p.assigneeName ?? 'Unassigned'}`}
          </span>
          {p.overdue ? (
            <span className="status status-danger">Overdue</span>
          ) : (
            (p.status === 'submitted' || p.status === 'under_review') && (
              <span className="meta">Triage by {formatDate(p.triageDueAt)}</span>
            )
          )}
        </li>
      ))}
    </ul>
  );
}
