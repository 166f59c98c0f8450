import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorSentence } from '../../../api/problem';
import { useStartRevision } from '../queries/proposal-actions';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The open revision a 409 names ("…already has an open revision (draft): <id>"). */
function openRevision(err: unknown): { id: string; draft: boolean } | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const id = UUID.exec(err.detail ?? '')?.[0];
  return id ? { id, draft: /\(draft\)/.test(err.detail ?? '') } : null;
}

/**
 * An accepted proposal becomes a new draft of its document, linked to it (so it is
 * implemented when that revision takes effect); then the editor opens.
 */
export function StartRevision({
  proposal,
}: {
  proposal: { id: string; documentId: string; title: string };
}) {
  const id = useId();
  const navigate = useNavigate();
  const [level, setLevel] = useState<'major' | 'minor'>('minor');
  const start = useStartRevision(proposal);
  const open = openRevision(start.error);
  return (
    <section aria-labelledby={`${id}-h`} className="start-revision">
      <h2 id={`${id}-h`}>Put it into the procedure</h2>
      <div className="start-revision-row">
        <div className="field">
          <label htmlFor={id}>Change level</label>
          <select
            id={id}
            value={level}
            onChange={(e) => setLevel(e.target.value as 'major' | 'minor')}
          >
            <option value="minor">Minor</option>
            <option value="major">Major</option>
          </select>
        </div>
        <button
          type="button"
          className="button primary"
          disabled={start.isPending}
          onClick={() =>
            start.mutate(level, {
              onSuccess: (rev) => void navigate(`/revisions/${rev.id}/edit`),
            })
          }
        >
          Start a revision for this
        </button>
      </div>
      {start.error && (
        <div className="alert alert-error" role="alert">
          <p>
            {open
              ? `This document already has ${open.draft ? 'a draft' : 'a revision under review or awaiting its date'}. Finish it first, then start the revision for this proposal.`
              : errorSentence(start.error)}
          </p>
          {open && (
            <p>
              {open.draft ? (
                <Link to={`/revisions/${open.id}/edit`}>Open the draft already in progress</Link>
              ) : (
                <Link to={`/documents/${proposal.documentId}/history`}>
                  See the revision already under way
                </Link>
              )}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
