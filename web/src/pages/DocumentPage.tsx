import { documentType } from '../components/labels';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../components/states';
import { formatDate } from '../components/format';
import { PageHeading } from '../components/PageHeading';
import { AcknowledgePanel } from '../features/documents/components/AcknowledgePanel';
import {
  DeviationDialog,
  ImprovementDialog,
} from '../features/documents/components/FeedbackDialogs';
import { ProcedureView, Redline, Toc } from '../features/documents/components/ProcedureView';
import { tableOfContents } from '../features/documents/components/toc';
import {
  useDocument,
  useRedline,
  useRevisionHtml,
} from '../features/documents/queries/documents-query';
import { useDocumentAssignments } from '../features/reading/queries/assignments-query';
import {
  hasRole,
  LEAD_ROLES,
  READ_ALL_ROLES,
  useMe,
} from '../features/session/queries/session-query';
import { DownloadButton } from '../components/DownloadButton';

const PARTICIPANT_ROLES = ['admin', 'quality_lead', 'approver', 'staff'];
// Leads only: loaded on demand, so staff never download the authoring dialogs.
const DocumentLeadActions = lazy(
  () => import('../features/authoring/components/DocumentLeadActions'),
);

export function DocumentPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const doc = useDocument(id);
  const revisionId = doc.data?.currentRevisionId ?? null;
  const html = useRevisionHtml(revisionId);
  const assignments = useDocumentAssignments(id);
  const [notice, setNotice] = useState<string | null>(null);
  const [showChanges, setShowChanges] = useState(false);

  const assignment = useMemo(
    () => assignments.data?.find((a) => a.revisionId === revisionId),
    [assignments.data, revisionId],
  );
  const lastRead = assignment?.changedSinceAcknowledged;
  const changedSince = lastRead && lastRead !== revisionId ? lastRead : null;
  const redline = useRedline(showChanges ? revisionId : null, changedSince);
  const toc = useMemo(() => (html.data ? tableOfContents(html.data) : []), [html.data]);

  if (doc.isPending) return <Loading what="The procedure" />;
  if (doc.isError)
    return (
      <div className="page">
        <PageHeading title="Procedure not available">Procedure not available</PageHeading>
        <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />
        <p>
          <Link to="/documents">Back to all procedures</Link>
        </p>
      </div>
    );

  const d = doc.data;
  const participant = hasRole(me, PARTICIPANT_ROLES);

  return (
    <div className="page page-wide">
      <div className="document-header">
        <PageHeading title={d.title}>{d.title}</PageHeading>
        <dl className="facts">
          <div>
            <dt>Number</dt>
            <dd>{d.number}</dd>
          </div>
          <div>
            <dt>Revision</dt>
            <dd>{d.currentLabel ?? 'Not yet effective'}</dd>
          </div>
          <div>
            <dt>Effective from</dt>
            <dd>{formatDate(d.currentEffectiveFrom)}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{d.ownerName ?? '—'}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>{documentType(d.type)}</dd>
          </div>
          <div>
            <dt>Next review</dt>
            <dd>{formatDate(d.nextReviewDue)}</dd>
          </div>
        </dl>
        <div className="document-links">
          <Link to={`/documents/${d.id}/history`}>History</Link>
          {revisionId && (
            <DownloadButton
              path={`/revisions/${revisionId}/pdf`}
              label="Download PDF"
              fallbackName={`${d.number}-${d.currentLabel ?? 'draft'}.pdf`}
              className="button link"
            />
          )}
          {hasRole(me, READ_ALL_ROLES) && (
            <DownloadButton
              path={`/documents/${d.id}/evidence-pack`}
              label="Evidence pack"
              fallbackName={`${d.number}-evidence.zip`}
              className="button link"
            />
          )}
        </div>
      </div>

      {hasRole(me, LEAD_ROLES) && (
        <Suspense fallback={null}>
          <DocumentLeadActions doc={d} />
        </Suspense>
      )}

      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}

      {revisionId && participant && (
        <AcknowledgePanel assignment={assignment} revisionId={revisionId} />
      )}

      {revisionId && participant && (
        <div className="actions">
          {changedSince && (
            <button
              type="button"
              className="button secondary"
              aria-expanded={showChanges}
              aria-controls="changes-since"
              onClick={() => setShowChanges((v) => !v)}
            >
              What changed since I last read it
            </button>
          )}
          <DeviationDialog
            documentId={d.id}
            documentNumber={d.number}
            revisionId={revisionId}
            assignment={assignment}
            onSent={setNotice}
          />
          <ImprovementDialog documentId={d.id} sections={toc} onSent={setNotice} />
        </div>
      )}

      {showChanges && changedSince && (
        <section id="changes-since" aria-label="What changed since you last read it">
          {redline.isPending && <Loading what="The changes" />}
          {redline.isError && <ErrorState error={redline.error} />}
          {redline.data && <Redline html={redline.data} label="Changes since you last read it" />}
        </section>
      )}

      {!revisionId && (
        <Empty>
          <p>This procedure has no effective revision yet.</p>
        </Empty>
      )}
      {revisionId && (
        <div className="document-body">
          <Toc entries={toc} />
          {html.isPending && <Loading what="The procedure text" />}
          {html.isError && <ErrorState error={html.error} onRetry={() => void html.refetch()} />}
          {html.data && <ProcedureView html={html.data} label={`${d.title}, procedure text`} />}
        </div>
      )}
    </div>
  );
}
