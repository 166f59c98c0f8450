import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, errorSentence } from '../api/problem';
import { FormError, TextArea, TextField } from '../components/fields';
import { formatDateTime, humanise } from '../components/format';
import { PageHeading } from '../components/PageHeading';
import { ErrorState, Loading, NotAllowed } from '../components/states';
import { ConflictDialog } from '../features/authoring/components/ConflictDialog';
import { ImpactSummary } from '../features/authoring/components/ImpactSummary';
import { LivePreview, useLivePreview } from '../features/authoring/components/LivePreview';
import { MarkdownEditor } from '../features/authoring/components/MarkdownEditor';
import { SectionChecklist } from '../features/authoring/components/SectionChecklist';
import { headingsOfHtml, normalizeSection } from '../features/authoring/components/sections';
import { SubmitDialog } from '../features/authoring/components/SubmitDialog';
import { useDraftEditor } from '../features/authoring/components/useDraftEditor';
import {
  useDocumentOf,
  useEditableRevision,
  useSubmitRevision,
  useTemplates,
  type ChangeLevel,
  type EditableRevision,
} from '../features/authoring/queries/authoring-query';
import { hasRole, LEAD_ROLES, useMe } from '../features/session/queries/session-query';

/** Edit a draft: Markdown with a live preview, the required sections, the impact, submit. */
export default function EditRevisionPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const lead = hasRole(me, LEAD_ROLES);
  const loaded = useEditableRevision(id, lead);
  const doc = useDocumentOf(loaded.data?.rev.documentId);

  if (!lead)
    return (
      <div className="page">
        <PageHeading title="Edit">Edit</PageHeading>
        <NotAllowed who="quality leads and administrators" />
      </div>
    );
  if (loaded.isPending || (loaded.data && doc.isPending)) return <Loading what="The draft" />;
  if (loaded.isError || doc.isError)
    return (
      <div className="page">
        <PageHeading title="Draft not available">Draft not available</PageHeading>
        <ErrorState error={loaded.error ?? doc.error} onRetry={() => void loaded.refetch()} />
        <p>
          <Link to="/documents">Back to all procedures</Link>
        </p>
      </div>
    );
  const d = doc.data!;
  const title = `Edit: ${d.title}`;
  if (loaded.data.rev.status !== 'draft')
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="alert alert-info" role="status">
          This revision is {humanise(loaded.data.rev.status).toLowerCase()}: only a draft can be
          edited.
        </p>
        <p>
          <Link to={`/documents/${d.id}`}>Go to the document</Link>
        </p>
      </div>
    );
  return (
    <Editor
      key={id}
      revisionId={id}
      loaded={loaded.data}
      doc={{ id: d.id, title: d.title, number: d.number, templateKey: d.templateKey }}
    />
  );
}

function Editor({
  revisionId,
  loaded,
  doc,
}: {
  revisionId: string;
  loaded: { rev: EditableRevision; etag: string };
  doc: { id: string; title: string; number: string; templateKey: string | null };
}) {
  const ed = useDraftEditor(revisionId, loaded);
  const preview = useLivePreview(ed.fields.body);
  const headings = useMemo(
    () => (preview.html === null ? null : headingsOfHtml(preview.html)),
    [preview.html],
  );
  const templates = useTemplates();
  const required = templates.data?.find((t) => t.key === doc.templateKey)?.requiredSections ?? [];
  const submitRevision = useSubmitRevision(revisionId);
  const navigate = useNavigate();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const [missing, setMissing] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);
  // Leaves once the dialog has closed (not from inside it, so it never outlives the page).
  useEffect(() => {
    if (submitted)
      void navigate(`/documents/${doc.id}`, { state: { notice: 'Submitted for review.' } });
  }, [submitted, navigate, doc.id]);
  const levelId = useId();
  const title = `Edit: ${doc.title}`;

  const set = <K extends keyof typeof ed.fields>(k: K, v: (typeof ed.fields)[K]) =>
    ed.setFields((f) => ({ ...f, [k]: v }));

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    void ed.save();
  };

  const onSubmit = async (body: {
    reviewerIds: string[];
    approverIds: string[];
    effectiveFrom?: string;
  }): Promise<string | null> => {
    if (ed.dirty && !(await ed.save())) return 'Your changes are not saved yet; see above.';
    try {
      await submitRevision.mutateAsync(body);
      return null;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const names = err.fieldErrors
          .map((f) => /missing required section: (.+)$/.exec(f.message)?.[1])
          .filter((s): s is string => !!s);
        setMissing(names.length ? names : [err.sentence]);
      }
      return errorSentence(err);
    }
  };

  return (
    <div className="page page-wide">
      <PageHeading title={title}>{title}</PageHeading>
      <dl className="facts">
        <div>
          <dt>Number</dt>
          <dd>{doc.number}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>Draft</dd>
        </div>
      </dl>
      <p>
        <Link to={`/documents/${doc.id}`}>Back to the document</Link>
      </p>
      {created && (
        <p className="alert alert-success" role="status">
          Created {created}. Its first draft is below.
        </p>
      )}
      {ed.offer && (
        <div className="alert alert-info" role="status">
          <p>
            You have unsaved changes from {formatDateTime(ed.offer.savedAt)} kept in this browser.
          </p>
          <div className="actions">
            <button type="button" className="button primary" onClick={ed.restore}>
              Restore my unsaved changes
            </button>
            <button type="button" className="button secondary" onClick={ed.discard}>
              Discard them
            </button>
          </div>
        </div>
      )}

      <form className="form editor-form" onSubmit={onSave}>
        <div className="editor-layout">
          <div className="editor-pane">
            <span className="editor-label" id="procedure-text-label">
              Procedure text
            </span>
            <p className="hint" id="procedure-text-hint">
              Markdown: # for headings, - for lists. Tab leaves the editor.
            </p>
            <MarkdownEditor
              value={ed.fields.body}
              onChange={(body) => set('body', body)}
              label="Procedure text"
              describedBy="procedure-text-hint"
            />
            <SectionChecklist
              required={required}
              headings={headings}
              missingOnSubmit={missing.filter((m) => !headings?.has(normalizeSection(m)))}
            />
          </div>
          <LivePreview html={preview.html} error={preview.error} />
        </div>

        <TextField
          label="Change summary"
          value={ed.fields.changeSummary}
          maxLength={500}
          onChange={(e) => set('changeSummary', e.target.value)}
        />
        <TextArea
          label="Reason"
          value={ed.fields.reason}
          rows={3}
          onChange={(e) => set('reason', e.target.value)}
        />
        <div className="field">
          <label htmlFor={levelId}>Change level</label>
          <select
            id={levelId}
            value={ed.fields.changeLevel}
            onChange={(e) => set('changeLevel', e.target.value as ChangeLevel)}
          >
            <option value="major">Major: everyone reads it again</option>
            <option value="minor">Minor: a correction or clarification</option>
          </select>
        </div>

        <ImpactSummary revisionId={revisionId} />

        <FormError message={ed.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={ed.saving}>
            Save draft
          </button>
          <SubmitDialog
            authorIds={loaded.rev.authorIds}
            disabled={ed.saving}
            onSubmit={onSubmit}
            onSubmitted={() => setSubmitted(true)}
          />
          <span className="save-state" role="status">
            {ed.dirty
              ? 'Unsaved changes'
              : ed.savedAt
                ? `Saved at ${ed.savedAt.toLocaleTimeString()}`
                : 'No changes'}
          </span>
        </div>
      </form>

      <ConflictDialog
        open={ed.conflict.open}
        onOpenChange={ed.conflict.setOpen}
        mine={ed.fields}
        theirs={ed.conflict.theirs}
        busy={ed.saving}
        onKeepMine={() => void ed.conflict.keepMine()}
        onTakeTheirs={ed.conflict.takeTheirs}
      />
    </div>
  );
}
