import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../components/format';
import { PageHeading } from '../components/PageHeading';
import { ErrorState, Loading } from '../components/states';
import { AssigneePicker } from '../features/proposals/components/AssigneePicker';
import { CommentForm } from '../features/proposals/components/CommentForm';
import {
  KIND_LABEL,
  STATUS_LABEL,
  statusTone,
} from '../features/proposals/components/proposal-labels';
import { StartRevision } from '../features/proposals/components/StartRevision';
import { Timeline } from '../features/proposals/components/Timeline';
import { TransitionActions } from '../features/proposals/components/TransitionActions';
import { useProposal } from '../features/proposals/queries/proposals-query';
import { hasRole, LEAD_ROLES, useMe } from '../features/session/queries/session-query';

/** Everyone signed in but auditors may comment (auditors write nothing). */
const COMMENT_ROLES = ['admin', 'quality_lead', 'approver', 'staff'];
const FINAL = ['closed', 'withdrawn'];

export default function ProposalPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const q = useProposal(id);
  const p = q.data;
  const lead = hasRole(me, LEAD_ROLES);

  if (!p)
    return (
      <div className="page">
        <PageHeading title="Proposal">Proposal</PageHeading>
        {q.isPending && <Loading what="The proposal" />}
        {q.isError && (
          <>
            <ErrorState error={q.error} onRetry={() => void q.refetch()} />
            <p>
              <Link to="/proposals">All proposals</Link>
            </p>
          </>
        )}
      </div>
    );

  return (
    <div className="page">
      <PageHeading title={`${p.number} ${p.title}`}>
        {p.number} {p.title}
      </PageHeading>
      <p className="meta">
        <Link to="/proposals">All proposals</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status ${statusTone(p.status)}`}>{STATUS_LABEL[p.status]}</span>
            {p.overdue && <span className="status status-danger">Overdue</span>}
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{KIND_LABEL[p.kind]}</dd>
        </div>
        <div>
          <dt>Document</dt>
          <dd>
            {p.documentId ? (
              <Link to={`/documents/${p.documentId}`}>
                {p.documentNumber} {p.documentTitle}
              </Link>
            ) : (
              'A new procedure'
            )}
          </dd>
        </div>
        {p.section && (
          <div>
            <dt>Section</dt>
            <dd>{p.section}</dd>
          </div>
        )}
        <div>
          <dt>Submitted by</dt>
          <dd>
            {p.submitterName} · <time dateTime={p.createdAt}>{formatDateTime(p.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{p.assigneeName ?? 'Nobody yet'}</dd>
        </div>
        {(p.status === 'submitted' || p.status === 'under_review') && (
          <div>
            <dt>Triage by</dt>
            <dd>{formatDate(p.triageDueAt)}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="description-heading">
        <h2 id="description-heading">Description</h2>
        <p className="proposal-description">{p.description}</p>
      </section>

      <TransitionActions proposal={p} />
      {lead && !FINAL.includes(p.status) && <AssigneePicker proposal={p} />}
      {lead && p.status === 'accepted' && p.documentId && (
        <StartRevision proposal={{ id: p.id, documentId: p.documentId, title: p.title }} />
      )}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <Timeline entries={p.timeline} />
        {hasRole(me, COMMENT_ROLES) && <CommentForm proposalId={p.id} />}
      </section>
    </div>
  );
}
