import { useSearchParams } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { Empty, ErrorState, Loading } from '../components/states';
import { useDocuments } from '../features/documents/queries/documents-query';
import { ProposalCards } from '../features/proposals/components/ProposalCards';
import { ProposalFilters } from '../features/proposals/components/ProposalFilters';
import {
  FINISHED,
  OPEN_COLUMNS,
  STATUS_LABEL,
} from '../features/proposals/components/proposal-labels';
import {
  useAssignableUsers,
  useProposals,
  type Proposal,
  type ProposalFilters as Filters,
  type ProposalStatus,
} from '../features/proposals/queries/proposals-query';
import { hasRole, READ_ALL_ROLES, useMe } from '../features/session/queries/session-query';

const KEYS = ['status', 'kind', 'documentId', 'assigneeId'] as const;

/** The filters live in the address (?status=submitted&overdue=true), so Home can link to them. */
function readFilters(params: URLSearchParams): Filters {
  const f: Record<string, unknown> = {};
  for (const k of KEYS) if (params.get(k)) f[k] = params.get(k);
  if (params.get('overdue') === 'true') f.overdue = true;
  return f;
}

function writeFilters(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of KEYS) if (f[k]) out[k] = f[k];
  if (f.overdue) out.overdue = 'true';
  return out;
}

function Column({ status, items }: { status: ProposalStatus; items: Proposal[] }) {
  const id = `col-${status}`;
  return (
    <section className="proposal-column" aria-labelledby={id}>
      <h2 id={id}>
        {STATUS_LABEL[status]} <span className="meta">({items.length})</span>
      </h2>
      {items.length ? <ProposalCards items={items} /> : <p className="meta">None</p>}
    </section>
  );
}

export default function ProposalsPage() {
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const seesAll = hasRole(me, READ_ALL_ROLES);
  const q = useProposals(filters);
  const documents = useDocuments({ effectiveOnly: false });
  const users = useAssignableUsers(seesAll);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(writeFilters(filters)).length > 0;
  const people = seesAll ? (users.data ?? []) : me ? [{ id: me.id, name: `${me.name} (me)` }] : [];

  const byStatus = (s: ProposalStatus) => items.filter((p) => p.status === s);
  const finished = items.filter((p) => FINISHED.includes(p.status));
  const overdue = items.filter((p) => p.overdue).length;
  // A status filter shows that status alone; otherwise the open columns, the finished folded away.
  const columns = filters.status ? [filters.status] : OPEN_COLUMNS;

  return (
    <div className="page page-wide">
      <PageHeading title="Proposals">Proposals</PageHeading>
      <p className="lead">
        {seesAll
          ? 'Every improvement proposal, by status.'
          : 'The proposals you raised, are assigned to or follow, by status.'}
        {overdue > 0 && ` ${overdue} past the triage date.`}
      </p>
      <ProposalFilters
        value={filters}
        onChange={(f) => setParams(writeFilters(f), { replace: true })}
        documents={documents.data?.pages.flatMap((p) => p.items) ?? []}
        people={people}
      />
      {q.isPending && <Loading what="The proposals" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && (
        <Empty>
          {filtered ? (
            <>
              <p>No proposal matches these filters.</p>
              <p>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setParams({}, { replace: true })}
                >
                  Clear the filters
                </button>
              </p>
            </>
          ) : (
            <p>
              <strong>No proposals yet.</strong> Anyone can suggest an improvement from a
              procedure&apos;s page.
            </p>
          )}
        </Empty>
      )}
      {items.length > 0 && (
        <>
          <div className="proposal-board">
            {columns.map((s) => (
              <Column key={s} status={s} items={byStatus(s)} />
            ))}
          </div>
          {!filters.status && finished.length > 0 && (
            <details className="done-list">
              <summary>Rejected, withdrawn or closed ({finished.length})</summary>
              <ProposalCards items={finished} />
            </details>
          )}
        </>
      )}
      {q.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          Show more
        </button>
      )}
    </div>
  );
}
