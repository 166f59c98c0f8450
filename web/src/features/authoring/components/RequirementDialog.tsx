import { useId, useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { FormError } from '../../../components/fields';
import { humanise } from '../../../components/format';
import { useDepartments, useUsers } from '../queries/authoring-query';
import {
  usePutRequirement,
  useRequirement,
  type Requirement,
} from '../queries/document-lead-query';

const ROLES = ['staff', 'approver', 'quality_lead', 'admin'] as const;
const EMPTY: Requirement = {
  departmentIds: [],
  roles: [],
  userIds: [],
  dueInDays: 14,
  retrainOnMinor: false,
  requireSignature: false,
};

/** Who must read the document, and by when: applies at once to the effective revision. */
export function RequirementDialog({ documentId }: { documentId: string }) {
  const [open, setOpen] = useState(false);
  const current = useRequirement(documentId, open);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Training requirement"
      description="Everyone it covers gets an assignment when a revision becomes effective (and now, for the effective one)."
      trigger={
        <button type="button" className="button secondary">
          Training requirement
        </button>
      }
    >
      {current.isPending && <p role="status">Loading the requirement…</p>}
      {current.isError && <FormError message={errorSentence(current.error)} />}
      {current.data !== undefined && (
        <RequirementForm
          documentId={documentId}
          initial={current.data ?? EMPTY}
          onSaved={() => setOpen(false)}
        />
      )}
    </Dialog>
  );
}

function RequirementForm({
  documentId,
  initial,
  onSaved,
}: {
  documentId: string;
  initial: Requirement;
  onSaved: () => void;
}) {
  const departments = useDepartments();
  const users = useUsers();
  const put = usePutRequirement(documentId);
  const [r, setR] = useState<Requirement>(initial);
  const ids = { people: useId(), due: useId(), retrain: useId(), sign: useId() };
  const toggle = (list: string[] | undefined, v: string) =>
    list?.includes(v) ? list.filter((x) => x !== v) : [...(list ?? []), v];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    put.mutate(r, { onSuccess: onSaved });
  };

  return (
    <form className="form" onSubmit={submit}>
      <fieldset className="choices">
        <legend>Departments</legend>
        {departments.isError && <FormError message={errorSentence(departments.error)} />}
        {(departments.data ?? []).map((d) => (
          <label key={d.id} className="choice">
            <input
              type="checkbox"
              checked={r.departmentIds?.includes(d.id) ?? false}
              onChange={() => setR({ ...r, departmentIds: toggle(r.departmentIds, d.id) })}
            />{' '}
            {d.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="choices">
        <legend>Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="choice">
            <input
              type="checkbox"
              checked={r.roles?.includes(role) ?? false}
              onChange={() => setR({ ...r, roles: toggle(r.roles, role) as Requirement['roles'] })}
            />{' '}
            {humanise(role)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.people}>People</label>
        <select
          id={ids.people}
          multiple
          size={5}
          value={r.userIds ?? []}
          onChange={(e) =>
            setR({ ...r, userIds: [...e.target.selectedOptions].map((o) => o.value) })
          }
        >
          {(users.data ?? [])
            .filter((u) => u.active)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.due}>Due in days</label>
        <input
          id={ids.due}
          type="number"
          min={0}
          max={365}
          required
          value={r.dueInDays}
          onChange={(e) => setR({ ...r, dueInDays: Number(e.target.value) })}
        />
      </div>
      <label className="choice" htmlFor={ids.retrain}>
        <input
          id={ids.retrain}
          type="checkbox"
          checked={r.retrainOnMinor}
          onChange={(e) => setR({ ...r, retrainOnMinor: e.target.checked })}
        />{' '}
        Retrain on minor changes
      </label>
      <label className="choice" htmlFor={ids.sign}>
        <input
          id={ids.sign}
          type="checkbox"
          checked={r.requireSignature ?? false}
          onChange={(e) => setR({ ...r, requireSignature: e.target.checked })}
        />{' '}
        Require a signature (password) to acknowledge
      </label>
      <FormError message={put.isError ? errorSentence(put.error) : null} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={put.isPending}>
          Save requirement
        </button>
      </div>
    </form>
  );
}
