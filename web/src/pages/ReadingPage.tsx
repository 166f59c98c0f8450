import { useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../components/states';
import { PageHeading } from '../components/PageHeading';
import { AssignmentList } from '../features/reading/components/AssignmentList';
import {
  useDoneAssignments,
  useOpenAssignments,
} from '../features/reading/queries/assignments-query';

export function ReadingPage() {
  const q = useOpenAssignments();
  const [showDone, setShowDone] = useState(false);
  const doneQ = useDoneAssignments(showDone);
  const open = q.data?.pages.flatMap((p) => p.items) ?? [];
  const done = doneQ.data?.pages.flatMap((p) => p.items) ?? [];
  const overdue = open.filter((a) => a.status === 'overdue').length;

  return (
    <div className="page">
      <PageHeading title="My reading">My reading</PageHeading>
      <p className="lead">
        The procedures you must read and acknowledge, soonest due first.
        {open.length > 0 && ` ${open.length} open${overdue ? `, ${overdue} overdue` : ''}.`}
      </p>
      {q.isPending && <Loading what="Your reading" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && open.length === 0 && (
        <Empty>
          <p>
            <strong>You are up to date.</strong> Nothing is waiting for you to read.
          </p>
          <p>
            <Link to="/documents">Browse all procedures</Link>
          </p>
        </Empty>
      )}
      {open.length > 0 && (
        <section aria-labelledby="open-heading">
          <h2 id="open-heading" className="visually-hidden">
            To read
          </h2>
          <AssignmentList items={open} />
        </section>
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
      <details className="done-list" onToggle={(e) => setShowDone(e.currentTarget.open)}>
        <summary>Already acknowledged</summary>
        {doneQ.isPending && showDone && <Loading what="What you have read" />}
        {doneQ.isError && <ErrorState error={doneQ.error} onRetry={() => void doneQ.refetch()} />}
        {doneQ.isSuccess && done.length === 0 && <p className="meta">Nothing yet.</p>}
        {done.length > 0 && <AssignmentList items={done} />}
        {doneQ.hasNextPage && (
          <button
            type="button"
            className="button secondary"
            disabled={doneQ.isFetchingNextPage}
            onClick={() => void doneQ.fetchNextPage()}
          >
            Show more
          </button>
        )}
      </details>
    </div>
  );
}
