import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { FormError, TextField } from '../../../components/fields';
import type { ChangeLevel } from '../queries/authoring-query';
import { useOpenRevision, useStartRevision } from '../queries/document-lead-query';
import { RequirementDialog } from './RequirementDialog';
import { RetireDialog } from './RetireDialog';

interface Doc {
  id: string;
  status: 'draft' | 'effective' | 'obsolete';
  draftRevisionId: string | null;
}

/** The lead's actions on a document (loaded on demand: staff never download them). */
export default function DocumentLeadActions({ doc }: { doc: Doc }) {
  const open = useOpenRevision(doc.draftRevisionId);
  const location = useLocation();
  const navigate = useNavigate();
  // Shown once: the history entry forgets it, so a reload later does not repeat stale news.
  const [notice] = useState((location.state as { notice?: string } | null)?.notice);
  useEffect(() => {
    if (notice) void navigate(location.pathname, { replace: true, state: null });
  }, [notice, navigate, location.pathname]);
  if (doc.status === 'obsolete') return null;
  const status = open.data?.status;
  return (
    <section className="lead-actions" aria-label="Authoring">
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <div className="actions">
        {doc.draftRevisionId && status === 'draft' && (
          <Link className="button primary" to={`/revisions/${doc.draftRevisionId}/edit`}>
            Edit draft
          </Link>
        )}
        {doc.draftRevisionId && status && status !== 'draft' && (
          <span className={`status status-${status}`}>
            A revision is {status === 'in_review' ? 'in review' : 'approved, not yet effective'}
          </span>
        )}
        {!doc.draftRevisionId && doc.status === 'effective' && (
          <StartRevisionDialog docId={doc.id} />
        )}
        <RequirementDialog documentId={doc.id} />
        <RetireDialog documentId={doc.id} />
      </div>
    </section>
  );
}

function StartRevisionDialog({ docId }: { docId: string }) {
  const [open, setOpen] = useState(false);
  const [changeLevel, setChangeLevel] = useState<ChangeLevel>('minor');
  const [changeSummary, setChangeSummary] = useState('');
  const start = useStartRevision(docId);
  const navigate = useNavigate();
  const levelId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(
      { changeLevel, changeSummary: changeSummary.trim() },
      { onSuccess: (rev) => void navigate(`/revisions/${rev.id}/edit`) },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Start a new revision"
      description="A draft copy of the effective text, to edit and submit for approval."
      trigger={
        <button type="button" className="button primary">
          Start a new revision
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={levelId}>Change level</label>
          <select
            id={levelId}
            value={changeLevel}
            onChange={(e) => setChangeLevel(e.target.value as ChangeLevel)}
          >
            <option value="minor">Minor</option>
            <option value="major">Major</option>
          </select>
        </div>
        <TextField
          label="Change summary"
          required
          maxLength={500}
          value={changeSummary}
          onChange={(e) => setChangeSummary(e.target.value)}
        />
        <FormError message={start.isError ? errorSentence(start.error) : null} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={start.isPending}>
            Start revision
          </button>
        </div>
      </form>
    </Dialog>
  );
}
