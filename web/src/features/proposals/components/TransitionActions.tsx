import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { FormError, TextArea } from '../../../components/fields';
import { useTransition } from '../queries/proposal-actions';
import type { ProposalDetail, ProposalStatus } from '../queries/proposals-query';
import { STATUS_LABEL, TRANSITION_LABEL } from './proposal-labels';

/** Rejecting needs a reason, so it asks for one first. */
function RejectDialog({ proposalId, onDone }: { proposalId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const move = useTransition(proposalId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate(
      { to: 'rejected', comment: reason },
      {
        onSuccess: () => {
          setOpen(false);
          setReason('');
          onDone();
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) move.reset();
      }}
      title="Reject this proposal"
      description="Say why: the submitter and everyone following it are told."
      trigger={
        <button type="button" className="button danger">
          Reject
        </button>
      }
    >
      <form onSubmit={submit} className="form">
        <FormError message={move.error ? errorSentence(move.error) : null} />
        <TextArea
          label="Reason"
          required
          maxLength={4000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="dialog-actions">
          <button
            type="submit"
            className="button danger"
            disabled={move.isPending || !reason.trim()}
          >
            Reject
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** One button per step the caller may take now (the API says which), named by its target. */
export function TransitionActions({ proposal }: { proposal: ProposalDetail }) {
  const move = useTransition(proposal.id);
  const [done, setDone] = useState<string | null>(null);
  const steps = proposal.allowedTransitions ?? [];
  if (steps.length === 0 && !done) return null;
  const go = (to: ProposalStatus) =>
    move.mutate({ to }, { onSuccess: () => setDone(`Moved to ${STATUS_LABEL[to]}.`) });

  return (
    <section aria-labelledby="next-step-heading" className="proposal-actions">
      <h2 id="next-step-heading">Next step</h2>
      <FormError message={move.error ? errorSentence(move.error) : null} />
      <p role="status" className="meta">
        {done}
      </p>
      <div className="actions">
        {steps.map((to) =>
          to === 'rejected' ? (
            <RejectDialog
              key={to}
              proposalId={proposal.id}
              onDone={() => setDone('Moved to Rejected.')}
            />
          ) : (
            <button
              key={to}
              type="button"
              className={`button ${to === 'withdrawn' ? 'danger' : 'primary'}`}
              disabled={move.isPending}
              onClick={() => go(to)}
            >
              {TRANSITION_LABEL[to]}
            </button>
          ),
        )}
      </div>
    </section>
  );
}
