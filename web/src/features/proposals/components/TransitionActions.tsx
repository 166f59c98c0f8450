import { useRef, useState, type FormEvent } from 'react';
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
    // The promise, not onSuccess: once rejected, this dialog's button is gone and it unmounts.
    move
      .mutateAsync({ to: 'rejected', comment: reason })
      .then(() => {
        setOpen(false);
        setReason('');
        onDone();
      })
      .catch(() => undefined); // shown from move.error
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

/** Implemented usually happens by itself (its revision takes effect); closing is tidying up. */
const BUTTON_TONE: Partial<Record<ProposalStatus, string>> = {
  withdrawn: 'danger',
  implemented: 'secondary',
  closed: 'secondary',
};

/** One button per step the caller may take now (the API says which), named by its target. */
export function TransitionActions({ proposal }: { proposal: ProposalDetail }) {
  const move = useTransition(proposal.id);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const steps = proposal.allowedTransitions ?? [];
  if (steps.length === 0 && !done) return null;
  // The pressed button goes away with the step taken: keep the keyboard here, not on <body>.
  const moved = (to: ProposalStatus) => {
    setDone(`Moved to ${STATUS_LABEL[to]}.`);
    heading.current?.focus();
  };
  const go = (to: ProposalStatus) => move.mutate({ to }, { onSuccess: () => moved(to) });

  return (
    <section aria-labelledby="next-step-heading" className="proposal-actions">
      <h2 id="next-step-heading" ref={heading} tabIndex={-1}>
        Next step
      </h2>
      <FormError message={move.error ? errorSentence(move.error) : null} />
      <p role="status" className="meta">
        {done}
      </p>
      <div className="actions">
        {steps.map((to) =>
          to === 'rejected' ? (
            <RejectDialog key={to} proposalId={proposal.id} onDone={() => moved('rejected')} />
          ) : (
            <button
              key={to}
              type="button"
              className={`button ${BUTTON_TONE[to] ?? 'primary'}`}
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
