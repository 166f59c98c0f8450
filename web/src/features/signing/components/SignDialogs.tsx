import { useState, type FormEvent } from 'react';
import { ApiError, errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { DialogSubmit, FormError, PasswordField, TextArea } from '../../../components/fields';
import { formatDateTime } from '../../../components/format';
import { useSign, type Meaning } from '../queries/signing-query';

function signError(err: unknown): string | null {
  if (!err) return null;
  if (err instanceof ApiError && err.status === 401)
    return 'The password is not correct. Nothing was signed.';
  return errorSentence(err);
}

/** What the signature will record, shown before the password is typed (Part 11 manifestation). */
function Manifestation({
  name,
  meaning,
  contentSha256,
}: {
  name: string;
  meaning: string;
  contentSha256: string;
}) {
  return (
    <dl className="manifest">
      <div>
        <dt>Printed name</dt>
        <dd>{name}</dd>
      </div>
      <div>
        <dt>Meaning</dt>
        <dd>{meaning}</dd>
      </div>
      <div>
        <dt>Date and time</dt>
        <dd>{formatDateTime(new Date())} (recorded by Praxis when you sign)</dd>
      </div>
      <div>
        <dt>Content</dt>
        <dd>
          SHA-256 <code>{contentSha256.slice(0, 16)}…</code>
        </dd>
      </div>
    </dl>
  );
}

export function SignDialog({
  revisionId,
  documentId,
  meaning,
  signerName,
  contentSha256,
  onSigned,
}: {
  revisionId: string;
  documentId: string;
  meaning: Exclude<Meaning, 'rejected'>;
  signerName: string;
  contentSha256: string;
  onSigned: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const sign = useSign(revisionId, documentId);
  const action = meaning === 'approved' ? 'Approve' : 'Reviewed';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    sign.mutate(
      { meaning, password },
      { onSuccess: () => (setOpen(false), onSigned()), onSettled: () => setPassword('') },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) sign.reset();
      }}
      title={meaning === 'approved' ? 'Approve this revision' : 'Sign as reviewed'}
      description={
        <>
          <p>Your electronic signature will record:</p>
          <Manifestation
            name={signerName}
            meaning={meaning === 'approved' ? 'Approved' : 'Reviewed'}
            contentSha256={contentSha256}
          />
        </>
      }
      trigger={
        <button type="button" className="button primary">
          {action}
        </button>
      }
    >
      <form onSubmit={submit} className="form">
        <FormError message={signError(sign.error)} />
        <PasswordField value={password} onChange={setPassword} />
        <DialogSubmit label="Sign" pending={sign.isPending} />
      </form>
    </Dialog>
  );
}

export function RejectDialog({
  revisionId,
  documentId,
  signerName,
  contentSha256,
  onRejected,
}: {
  revisionId: string;
  documentId: string;
  signerName: string;
  contentSha256: string;
  onRejected: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const sign = useSign(revisionId, documentId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    sign.mutate(
      { meaning: 'rejected', password, comment: reason },
      { onSuccess: () => (setOpen(false), onRejected()), onSettled: () => setPassword('') },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) sign.reset();
      }}
      title="Reject this revision"
      description={
        <>
          <p>The revision goes back to its author as a draft. Your signature will record:</p>
          <Manifestation name={signerName} meaning="Rejected" contentSha256={contentSha256} />
        </>
      }
      trigger={
        <button type="button" className="button danger">
          Reject
        </button>
      }
    >
      <form onSubmit={submit} className="form">
        <FormError message={signError(sign.error)} />
        <TextArea
          label="Reason"
          required
          maxLength={10000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <PasswordField value={password} onChange={setPassword} />
        <DialogSubmit label="Reject" pending={sign.isPending} tone="danger" />
      </form>
    </Dialog>
  );
}
