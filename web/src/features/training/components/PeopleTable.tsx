import { Empty, ErrorState, Loading } from '../../../components/states';
import { formatDate } from '../../../components/format';
import { useMatrix, type MatrixFilter, type MatrixRow } from '../queries/training-query';

type Entry = MatrixRow['pending'][number];

function entries(list: Entry[], late: boolean) {
  if (list.length === 0) return '—';
  return (
    <ul className="plain-list">
      {list.map((e) => (
        <li key={e.documentId} className={late ? 'is-overdue' : undefined}>
          {e.documentNumber}
          {e.dueAt && <span className="meta"> · due {formatDate(e.dueAt)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** One document's state for a person, when the matrix is filtered to that document. */
function documentState(r: MatrixRow) {
  const [late] = r.overdue;
  const [open] = r.pending;
  if (late)
    return <span className="status status-danger">Overdue · due {formatDate(late.dueAt)}</span>;
  if (open)
    return (
      <span className="status status-draft">
        {open.dueAt ? `Pending · due ${formatDate(open.dueAt)}` : 'Pending · not assigned yet'}
      </span>
    );
  return <span className="status status-effective">Acknowledged</span>;
}

/**
 * People from the training matrix (GET /reports/training/users), a page at a time: the
 * whole matrix is never loaded at once.
 */
export function PeopleTable({
  label,
  filter,
  departmentNames,
  moreLabel,
  emptyText,
}: {
  label: string;
  filter: MatrixFilter;
  departmentNames: Map<string, string>;
  moreLabel: string;
  emptyText: string;
}) {
  const matrix = useMatrix(filter);
  const rows = matrix.data?.pages.flatMap((p) => p.items) ?? [];
  const forDocument = !!filter.documentId;
  const nextPageError = matrix.isFetchNextPageError ? matrix.error : null;
  if (matrix.isPending) return <Loading what={label} />;
  if (matrix.isError)
    return <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />;
  if (rows.length === 0)
    return (
      <Empty>
        <p>{emptyText}</p>
      </Empty>
    );
  return (
    <>
      <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Department</th>
              {forDocument ? (
                <th scope="col">State</th>
              ) : (
                <>
                  <th scope="col">Done</th>
                  <th scope="col">Pending</th>
                  <th scope="col">Overdue</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.userId}>
                <th scope="row">
                  {r.name}
                  <div className="meta">{r.email}</div>
                </th>
                <td>
                  {r.departmentIds.map((id) => departmentNames.get(id) ?? id).join(', ') || '—'}
                </td>
                {forDocument ? (
                  <td>{documentState(r)}</td>
                ) : (
                  <>
                    <td>{r.done}</td>
                    <td>{entries(r.pending, false)}</td>
                    <td>{entries(r.overdue, true)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matrix.hasNextPage && (
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            disabled={matrix.isFetchingNextPage}
            onClick={() => void matrix.fetchNextPage()}
          >
            {matrix.isFetchingNextPage ? 'Loading…' : moreLabel}
          </button>
        </div>
      )}
      {nextPageError && <ErrorState error={nextPageError} />}
    </>
  );
}
