import { Empty, ErrorState, Loading } from '../components/states';
import { PageHeading } from '../components/PageHeading';
import { NotificationItem } from '../features/notifications/components/NotificationItem';
import { useNotifications } from '../features/notifications/queries/notifications-query';

export function NotificationsPage() {
  const q = useNotifications();
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeading title="Notifications">Notifications</PageHeading>
      <p className="lead">Newest first. Opening one marks it read.</p>
      {q.isPending && <Loading what="Your notifications" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && (
        <Empty>
          <p>No notifications yet.</p>
        </Empty>
      )}
      {items.length > 0 && (
        <ul className="card-list">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ul>
      )}
      {q.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          Show older
        </button>
      )}
    </div>
  );
}
