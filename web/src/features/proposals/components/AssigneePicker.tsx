import { useId, useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { FormError } from '../../../components/fields';
import { useAssign } from '../queries/proposal-actions';
import { useAssignableUsers, type ProposalDetail } from '../queries/proposals-query';

/** For triagers: hand the proposal to someone else without moving it on. */
export function AssigneePicker({ proposal }: { proposal: ProposalDetail }) {
  const id = useId();
  const users = useAssignableUsers(true);
  const assign = useAssign(proposal.id);
  const [chosen, setChosen] = useState(proposal.assigneeId ?? '');
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    assign.mutate(chosen, {
      onSuccess: (p) => setDone(`Assigned to ${p.assigneeName ?? 'them'}.`),
    });
  };
  return (
    <form className="assignee-picker" onSubmit={submit}>
      <FormError
        message={
          assign.error
            ? errorSentence(assign.error)
            : users.error
              ? errorSentence(users.error)
              : null
        }
      />
      <div className="field">
        <label htmlFor={id}>Assign to</label>
        <select
          id={id}
          value={chosen}
          disabled={!users.data}
          onChange={(e) => {
            setChosen(e.target.value);
            setDone(null);
          }}
        >
          {!proposal.assigneeId && <option value="">Nobody yet</option>}
          {/* the current assignee may be inactive or beyond the first page of users */}
          {proposal.assigneeId && !(users.data ?? []).some((u) => u.id === proposal.assigneeId) && (
            <option value={proposal.assigneeId}>
              {proposal.assigneeName ?? 'Current assignee'}
            </option>
          )}
          {(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="button secondary"
        disabled={assign.isPending || !chosen || chosen === proposal.assigneeId}
      >
        Reassign
      </button>
      <p role="status" className="meta">
        {done}
      </p>
    </form>
  );
}
