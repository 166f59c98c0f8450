import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '../components/states';
import { formatDate, formatDateTime, humanise } from '../components/format';
import { PageHeading } from '../components/PageHeading';
import { ProcedureView, Redline } from '../features/documents/components/ProcedureView';
import {
  useDocument,
  useRedline,
  useRevision,
  useRevisionHtml,
} from '../features/documents/queries/documents-query';
import { useMe } from '../features/session/queries/session-query';
import { RejectDialog, SignDialog } from '../features/signing/components/SignDialogs';

export default function ReviewPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const rev = useRevision(id);
  const doc = useDocument(rev.data?.documentId ?? '');
  const against = doc.data?.currentRevisionId;
  const compareTo = against && against !== id ? against : null;
  const redline = useRedline(compareTo ? id : null, compareTo);
  const fullText = useRevisionHtml(doc.data && !compareTo ? id : null);
  const [notice, setNotice] = useState<string | null>(null);
  // a rejected draft is no longer the signer's to see: what is shown stays, its buttons go
  const [rejected, setRejected] = useState(false);

  if (rev.isPending || (rev.isSuccess && doc.isPending)) return <Loading what="The revision" />;
  // after a rejection the draft is no longer the signer's to see: keep what was shown
  if ((rev.isError && !rev.data) || (doc.isError && !doc.data))
    return (
      <div className="page">
        <PageHeading title="Review not available">Review not available</PageHeading>
        <ErrorState error={rev.error ?? doc.error} onRetry={() => void rev.refetch()} />
        <p>
          <Link to="/signing">Back to Awaiting my signature</Link>
        </p>
      </div>
    );

  const r = rev.data;
  const d = doc.data!;
  const userId = me?.id ?? '';
  const signed = (meaning: string) =>
    r.signatures.some((s) => s.signerId === userId && s.meaning === meaning);
  const inReview = r.status === 'in_review' && !rejected;
  const canApprove = inReview && r.approverIds.includes(userId) && !signed('approved');
  const canReview = inReview && r.reviewerIds.includes(userId) && !signed('reviewed');
  const title = `Review: ${d.title}`;

  return (
    <div className="page page-wide">
      <PageHeading title={title}>{title}</PageHeading>
      <dl className="facts">
        <div>
          <dt>Number</dt>
          <dd>{d.number}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${r.status}`}>{humanise(r.status)}</span>
          </dd>
        </div>
        <div>
          <dt>Change</dt>
          <dd>{humanise(r.changeLevel)}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{formatDateTime(r.submittedAt)}</dd>
        </div>
        <div>
          <dt>Effective from</dt>
          <dd>{r.effectiveFrom ? formatDate(r.effectiveFrom) : 'When approved'}</dd>
        </div>
      </dl>
      <section className="change-box" aria-label="About this change">
        <p>
          <strong>Summary:</strong> {r.changeSummary || '—'}
        </p>
        {r.reason && (
          <p>
            <strong>Reason:</strong> {r.reason}
          </p>
        )}
      </section>

      {notice && (
        <p className="alert alert-success" role="status">
          {notice} <Link to={`/documents/${d.id}/history`}>See its history</Link>
        </p>
      )}

      {(canApprove || canReview) && me && (
        <div className="actions sign-actions">
          {canReview && (
            <SignDialog
              revisionId={r.id}
              documentId={d.id}
              meaning="reviewed"
              signerName={me.name}
              contentSha256={r.contentSha256}
              onSigned={() => setNotice('Signed as reviewed.')}
            />
          )}
          {canApprove && (
            <SignDialog
              revisionId={r.id}
              documentId={d.id}
              meaning="approved"
              signerName={me.name}
              contentSha256={r.contentSha256}
              onSigned={() => setNotice('Approved. Your signature is recorded.')}
            />
          )}
          <RejectDialog
            revisionId={r.id}
            documentId={d.id}
            signerName={me.name}
            contentSha256={r.contentSha256}
            onRejected={() => {
              setRejected(true);
              setNotice('Rejected. The revision went back to its author.');
            }}
          />
        </div>
      )}
      {!inReview && !notice && (
        <p className="alert alert-info" role="status">
          This revision is {humanise(r.status).toLowerCase()}; it no longer waits for signatures.{' '}
          <Link to={`/documents/${d.id}/history`}>See its history</Link>
        </p>
      )}

      {compareTo ? (
        <section aria-labelledby="redline-heading">
          <h2 id="redline-heading">Changes against the effective revision</h2>
          {redline.isPending && <Loading what="The changes" />}
          {redline.isError && <ErrorState error={redline.error} />}
          {redline.data && (
            <Redline html={redline.data} label="Changes against the effective revision" />
          )}
        </section>
      ) : (
        <section aria-labelledby="text-heading">
          <h2 id="text-heading">Full text (no effective revision to compare with)</h2>
          {fullText.isPending && <Loading what="The text" />}
          {fullText.isError && <ErrorState error={fullText.error} />}
          {fullText.data && <ProcedureView html={fullText.data} label="Revision text" />}
        </section>
      )}
    </div>
  );
}
