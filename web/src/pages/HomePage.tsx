import { Link } from 'react-router';
import { ErrorState, Loading } from '../components/states';
import { PageHeading } from '../components/PageHeading';
import { useSummary } from '../features/home/queries/summary-query';
import { hasRole, SIGNING_ROLES, useMe } from '../features/session/queries/session-query';

function Tile({
  to,
  label,
  count,
  detail,
  tone,
}: {
  to?: string;
  label: string;
  count: number;
  detail: string;
  tone?: 'warn' | 'ok';
}) {
  const body = (
    <>
      <span className="tile-count" aria-hidden="true">
        {count}
      </span>
      <span className="tile-label">{label}</span>
      <span className="tile-detail">{detail}</span>
    </>
  );
  return (
    <li className={`tile ${tone ? `tile-${tone}` : ''}`}>
      {to ? (
        <Link to={to} aria-label={`${label}: ${detail}`}>
          {body}
        </Link>
      ) : (
        <div aria-label={`${label}: ${detail}`} role="group">
          {body}
        </div>
      )}
    </li>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function HomePage() {
  const { data: me } = useMe();
  const summary = useSummary();
  const firstName = me?.name.split(' ')[0];

  return (
    <div className="page">
      <PageHeading title="Home">Home</PageHeading>
      <p className="lead">
        Good to see you{firstName ? `, ${firstName}` : ''}. This is what needs you now.
      </p>
      {summary.isPending && <Loading what="What needs you" />}
      {summary.isError && (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      )}
      {summary.data && (
        <ul className="tiles">
          <Tile
            to="/reading"
            label="My reading"
            count={summary.data.reading.pending + summary.data.reading.overdue}
            detail={`${plural(summary.data.reading.pending + summary.data.reading.overdue, 'procedure')} to read, ${summary.data.reading.overdue} overdue`}
            tone={summary.data.reading.overdue > 0 ? 'warn' : undefined}
          />
          {hasRole(me, SIGNING_ROLES) && (
            <Tile
              to="/signing"
              label="Awaiting my signature"
              count={summary.data.signing}
              detail={`${plural(summary.data.signing, 'revision')} to sign`}
            />
          )}
          <Tile
            to="/notifications"
            label="Notifications"
            count={summary.data.notifications.unread}
            detail={`${summary.data.notifications.unread} unread`}
          />
          {summary.data.training && (
            <Tile
              to="/training"
              label="Overdue training"
              count={summary.data.training.overdueAssignments}
              detail={`${plural(summary.data.training.overdueAssignments, 'assignment')} overdue across the organisation`}
              tone={summary.data.training.overdueAssignments > 0 ? 'warn' : undefined}
            />
          )}
          {summary.data.triage && (
            <Tile
              to="/proposals?status=submitted"
              label="Proposals to triage"
              count={summary.data.triage.proposalsToTriage}
              detail={`${plural(summary.data.triage.proposalsToTriage, 'proposal')} waiting, ${summary.data.triage.proposalsOverdue} overdue`}
              tone={summary.data.triage.proposalsOverdue > 0 ? 'warn' : undefined}
            />
          )}
        </ul>
      )}
    </div>
  );
}
