import { Link } from 'react-router';
import { Empty, ErrorState, Loading, NotAllowed } from '../components/states';
import { hasRole, SIGNING_ROLES, useMe } from '../features/session/queries/session-query';
import { formatDate, humanise } from '../components/format';
import { PageHeading } from '../components/PageHeading';
import { useSigningQueue } from '../features/signing/queries/signing-query';

export default function SigningPage() {
  const { data: me } = useMe();
  const signer = hasRole(me, SIGNING_ROLES);
  const q = useSigningQueue(signer);
  const items = q.data?.items ?? [];
  return (
    <div className="page">
      <PageHeading title="Awaiting my signature">Awaiting my signature</PageHeading>
      {!signer && <NotAllowed who="approvers, quality leads and administrators" />}
      <p className="lead">Revisions waiting for your review or approval, oldest first.</p>
      {signer && q.isPending && <Loading what="Your signing queue" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && (
        <Empty>
          <p>
            <strong>Nothing to sign.</strong> You will be notified when a revision needs you.
          </p>
        </Empty>
      )}
      {items.length > 0 && (
        <ul className="card-list">
          {items.map((r) => (
            <li key={r.revisionId} className="card-row">
              <div className="card-row-main">
                <Link to={`/revisions/${r.revisionId}/review`} className="card-row-title">
                  {r.title}
                </Link>
                <span className="meta">
                  {r.documentNumber} · {humanise(r.changeLevel)} change by{' '}
                  {r.authorName ?? 'unknown'} · submitted {formatDate(r.submittedAt)}
                </span>
                {r.changeSummary && <span className="summary">{r.changeSummary}</span>}
              </div>
              <div className="card-row-side">
                <span className="status status-in_review">
                  {r.meaning === 'approved' ? 'Your approval' : 'Your review'}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
