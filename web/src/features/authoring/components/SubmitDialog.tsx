import { useId, useMemo, useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { FormError } from '../../../components/fields';
import { useUsers, type User } from '../queries/authoring-query';

const SIGNING_ROLES = ['admin', 'quality_lead', 'approver'];

function PeopleSelect({
  label,
  people,
  value,
  onChange,
  hint,
}: {
  label: string;
  people: User[];
  value: string[];
  onChange: (ids: string[]) => void;
  hint: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <select
        id={id}
        multiple
        size={Math.min(6, Math.max(3, people.length))}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
      >
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.email})
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Send the draft for review and approval: signers are active people who may sign and did
 * not write it (the service refuses an author; offering one would only invite the 400).
 */
export function SubmitDialog({
  authorIds,
  disabled,
  onSubmit,
  onSubmitted,
}: {
  authorIds: string[];
  disabled: boolean;
  /** Saves pending edits first, then submits; resolves to an error sentence or null. */
  onSubmit: (body: {
    reviewerIds: string[];
    approverIds: string[];
    effectiveFrom?: string;
  }) => Promise<string | null>;
  /** After a successful submit, once the dialog has closed. */
  onSubmitted: () => void;
}) {
  const [open, setOpen] = useState(false);
  const users = useUsers(open);
  const [reviewers, setReviewers] = useState<string[]>([]);
  const [approvers, setApprovers] = useState<string[]>([]);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dateId = useId();

  const signers = useMemo(
    () =>
      (users.data ?? [])
        .filter(
          (u) =>
            u.active && u.roles.some((r) => SIGNING_ROLES.includes(r)) && !authorIds.includes(u.id),
        )
        .sort((a, b) => a.name.localeCompare(b.name)),
    [users.data, authorIds],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // React events bubble through the portal: the editor's own form must not save too.
    e.stopPropagation();
    if (approvers.length === 0) {
      setError('Choose at least one approver.');
      return;
    }
    setBusy(true);
    const failed = await onSubmit({
      reviewerIds: reviewers.filter((r) => !approvers.includes(r)),
      approverIds: approvers,
      ...(effectiveFrom ? { effectiveFrom } : {}),
    });
    setBusy(false);
    setError(failed);
    if (!failed) {
      setOpen(false);
      onSubmitted();
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
      title="Submit for review"
      description="Reviewers check it first; approvers sign it, and it takes effect when the last one approves."
      trigger={
        <button type="button" className="button secondary" disabled={disabled}>
          Submit for review
        </button>
      }
    >
      {users.isPending && <p role="status">Loading people who may sign…</p>}
      {users.isError && <FormError message={errorSentence(users.error)} />}
      {users.data && (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <PeopleSelect
            label="Reviewers"
            people={signers}
            value={reviewers}
            onChange={setReviewers}
            hint="Optional. Hold Ctrl (or ⌘) to choose several."
          />
          <PeopleSelect
            label="Approvers"
            people={signers}
            value={approvers}
            onChange={setApprovers}
            hint="At least one. The authors of this draft are not offered."
          />
          <div className="field">
            <label htmlFor={dateId}>Effective from</label>
            <input
              id={dateId}
              type="date"
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.target.value)}
              aria-describedby={`${dateId}-hint`}
            />
            <p className="hint" id={`${dateId}-hint`}>
              Optional: empty means as soon as it is approved.
            </p>
          </div>
          <FormError message={error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              Submit
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
