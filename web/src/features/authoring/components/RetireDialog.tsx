import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { FormError, TextArea, TextField } from '../../../components/fields';
import { useRetire } from '../queries/document-lead-query';

/** Retire (obsolete) the document; the password is asked again, as for a signature. */
export function RetireDialog({ documentId }: { documentId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const retire = useRetire(documentId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    retire.mutate(
      { reason: reason.trim(), password },
      {
        onSuccess: () => setOpen(false),
        onSettled: () => setPassword(''),
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        retire.reset();
      }}
      title="Retire this document"
      description="It becomes obsolete: nobody reads it any more, and open assignments close. Enter your password to confirm."
      trigger={
        <button type="button" className="button danger">
          Retire
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <TextArea
          label="Reason"
          required
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <FormError message={retire.isError ? errorSentence(retire.error) : null} />
        <div className="actions">
          <button type="submit" className="button danger" disabled={retire.isPending}>
            Retire document
          </button>
        </div>
      </form>
    </Dialog>
  );
}
