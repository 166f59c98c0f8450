import { ErrorState } from '../../../components/states';
import { formatDateTime } from '../../../components/format';
import { useLatestCheckpoint, useVerifyChain, type VerifyResult } from '../queries/audit-query';

const REASONS: Record<string, string> = {
  broken_link: 'the event there does not recompute or does not link to the one before',
  truncated: 'events a signed checkpoint covers are missing from there on',
  rewritten: 'the chain no longer has the hash a signed checkpoint recorded there',
  checkpoint_forged: 'the stored checkpoint there does not verify with this instance’s key',
};

function Result({ result }: { result: VerifyResult }) {
  if (result.valid)
    return (
      <div className="alert alert-success">
        <p>
          <strong>Chain intact</strong>: {result.count.toLocaleString('en-GB')} events recomputed
          and linked.
        </p>
        {result.checkpoint && (
          <p className="meta">
            Matches the signed checkpoint at seq {result.checkpoint.seq} (
            {formatDateTime(result.checkpoint.time)}).
          </p>
        )}
      </div>
    );
  return (
    <div className="alert alert-error">
      <p>
        <strong>Chain broken</strong> at seq {result.firstInvalidSeq}
        {result.reason ? `: ${REASONS[result.reason] ?? result.reason}` : ''}.
      </p>
      <p className="meta">{result.count.toLocaleString('en-GB')} events read.</p>
    </div>
  );
}

/** Verify chain on demand, beside the newest signed checkpoint. */
export function VerifyPanel() {
  const verify = useVerifyChain();
  const checkpoint = useLatestCheckpoint();
  return (
    <section aria-labelledby="integrity" className="section verify-panel">
      <h2 id="integrity">Integrity</h2>
      <div className="verify-grid">
        <div>
          <button
            type="button"
            className="button primary"
            disabled={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {verify.isPending ? 'Verifying…' : 'Verify chain'}
          </button>
          <div role="status" aria-live="polite" className="verify-result">
            {verify.data && <Result result={verify.data} />}
          </div>
          {verify.isError && <ErrorState error={verify.error} />}
        </div>
        <div className="checkpoint">
          <h3>Latest signed checkpoint</h3>
          {checkpoint.isPending && <p className="meta">Loading…</p>}
          {checkpoint.isError && <ErrorState error={checkpoint.error} />}
          {checkpoint.isSuccess && !checkpoint.data && (
            <p className="meta">None yet: the first is signed once events have been added.</p>
          )}
          {checkpoint.data && (
            <dl className="event-ids">
              <div>
                <dt>Seq</dt>
                <dd>{checkpoint.data.seq}</dd>
              </div>
              <div>
                <dt>Signed</dt>
                <dd>{formatDateTime(checkpoint.data.time)}</dd>
              </div>
              <div>
                <dt>Hash</dt>
                <dd className="mono">{checkpoint.data.hash}</dd>
              </div>
              <div>
                <dt>Key</dt>
                <dd className="mono">
                  {checkpoint.data.algorithm} {checkpoint.data.keyId.slice(0, 16)}…
                </dd>
              </div>
            </dl>
          )}
        </div>
      </div>
    </section>
  );
}
