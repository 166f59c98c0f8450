import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorSentence } from '../api/problem';
import { FormError, TextField } from '../components/fields';
import { documentType } from '../components/labels';
import { PageHeading } from '../components/PageHeading';
import { ErrorState, Loading, NotAllowed } from '../components/states';
import {
  useCreateDocument,
  useDepartments,
  useTemplates,
  type DocumentType,
} from '../features/authoring/queries/authoring-query';
import { hasRole, LEAD_ROLES, useMe } from '../features/session/queries/session-query';

const TYPES: DocumentType[] = ['sop', 'work_instruction', 'policy', 'form'];

/** A new document from a template: the service gives it its number and a first draft. */
export default function NewDocumentPage() {
  const { data: me } = useMe();
  const lead = hasRole(me, LEAD_ROLES);
  return (
    <div className="page">
      <PageHeading title="New document">New document</PageHeading>
      {lead ? <NewDocumentForm /> : <NotAllowed who="quality leads and administrators" />}
    </div>
  );
}

function NewDocumentForm() {
  const templates = useTemplates();
  const departments = useDepartments();
  const create = useCreateDocument();
  const navigate = useNavigate();
  const ids = { type: useId(), dept: useId(), template: useId() };
  const [title, setTitle] = useState('');
  const [type, setType] = useState<DocumentType>('sop');
  const [departmentId, setDepartmentId] = useState('');
  const [templateKey, setTemplateKey] = useState('');
  const forType = useMemo(
    () => (templates.data ?? []).filter((t) => t.type === type),
    [templates.data, type],
  );
  // The template follows the type: the first one of that type, or none.
  useEffect(() => {
    setTemplateKey((key) => (forType.some((t) => t.key === key) ? key : (forType[0]?.key ?? '')));
  }, [forType]);

  if (templates.isPending || departments.isPending) return <Loading what="Templates" />;
  if (templates.isError)
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  if (departments.isError)
    return <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        title: title.trim(),
        type,
        ...(departmentId ? { departmentId } : {}),
        ...(templateKey ? { templateKey } : {}),
      },
      {
        // The editor shows the new number (a notice, then in its facts).
        onSuccess: (doc) =>
          void navigate(
            doc.draftRevisionId ? `/revisions/${doc.draftRevisionId}/edit` : `/documents/${doc.id}`,
            { state: { created: doc.number } },
          ),
      },
    );
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-describedby="new-doc-hint">
      <p className="hint" id="new-doc-hint">
        The number is given when the draft is created, from the type and the department.
      </p>
      <TextField
        label="Title"
        value={title}
        required
        maxLength={200}
        autoComplete="off"
        onChange={(e) => setTitle(e.target.value)}
      />
      <div className="field">
        <label htmlFor={ids.type}>Type</label>
        <select
          id={ids.type}
          value={type}
          onChange={(e) => setType(e.target.value as DocumentType)}
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {documentType(t)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.dept}>Department</label>
        <select
          id={ids.dept}
          value={departmentId}
          onChange={(e) => setDepartmentId(e.target.value)}
        >
          <option value="">No department (general)</option>
          {departments.data.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.code})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.template}>Template</label>
        <select
          id={ids.template}
          value={templateKey}
          onChange={(e) => setTemplateKey(e.target.value)}
        >
          <option value="">No template (empty body)</option>
          {forType.map((t) => (
            <option key={t.key} value={t.key}>
              {t.title}
            </option>
          ))}
        </select>
      </div>
      <FormError message={create.isError ? errorSentence(create.error) : null} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create draft'}
        </button>
        <Link to="/documents" className="button secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}
