import { useState, type FormEvent } from 'react';
import { ApiError, errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { DialogSubmit, FormError, PasswordField } from '../../../components/fields';
import { formatDate } from '../../../components/format';
import type { Assignment } from '../../reading/queries/assignments-query';
import { useAcknowledge } from '../queries/document-actions';

/**
 * "Read and understood" for the person's open assignment of this revision. When the
 * training requirement asks for a signature, the password is asked in a dialog.
 */
export function AcknowledgePanel({
  assignment,
  revisionId,
}: {
  assignment: Assignment | undefined;
  revisionId: string;
}) {
  const ack = useAcknowledge(revisionId);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');

  if (!assignment) return null;
  const done = assignment.status === 'done' || ack.isSuccess;
  if (done)
    return (
      <div className="ack-box ack-done" role="status">
        <span className="check" aria-hidden="true">
          ✓
        </span>{' '}
        <strong>Acknowledged</strong>
        {assignment.acknowledgedAt ? ` on ${formatDate(assignment.acknowledgedAt)}` : ''}. Thank
        you.
      </div>
    );

  const overdue = assignment.status === 'overdue';
  const needsSignature = assignment.requireSignature;
  const wrongPassword = ack.error instanceof ApiError && ack.error.status === 401;
  const message = wrongPassword
    ? 'The password is not correct. Nothing was recorded.'
    : ack.error
      ? errorSentence(ack.error)
      : null;

  const sign = (e: FormEvent) => {
    e.preventDefault();
    ack.mutate(
      { password },
      {
        onSuccess: () => setOpen(false),
        onSettled: () => setPassword(''),
      },
    );
  };

  return (
    <div className={`ack-box ${overdue ? 'is-overdue' : ''}`}>
      <p>
        You are asked to read this procedure and confirm you understood it
        {overdue ? (
          <>
            {' '}
            — <span className="status status-danger">Overdue</span> since{' '}
            {formatDate(assignment.dueAt)}.
          </>
        ) : (
          <> by {formatDate(assignment.dueAt)}.</>
        )}
      </p>
      {!needsSignature && <FormError message={message} />}
      {needsSignature ? (
        <Dialog
          open={open}
          onOpenChange={(o) => {
            setOpen(o);
            if (!o) ack.reset();
          }}
          title="Confirm with your password"
          description="This acknowledgement is an electronic signature: it records your name, this revision and the time."
          trigger={
            <button type="button" className="button primary">
              Read and understood
            </button>
          }
        >
          <form onSubmit={sign} className="form">
            <FormError message={message} />
            <PasswordField value={password} onChange={setPassword} />
            <DialogSubmit label="Sign" pending={ack.isPending} />
          </form>
        </Dialog>
      ) : (
        <button
          type="button"
          className="button primary"
          disabled={ack.isPending}
          onClick={() => ack.mutate({})}
        >
          Read and understood
        </button>
      )}
    </div>
  );
}
