import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { FormError, TextField } from '../../../components/fields';
import { useCreateApiKey } from '../queries/api-keys-query';
import { KeyShownOnce } from './KeyShownOnce';

/** Name a key, create it, then show it once; closing the dialog forgets it. */
export function CreateApiKeyDialog() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const create = useCreateApiKey();
  const key = create.data?.key;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setName('');
      create.reset();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={key ? 'Your new API key' : 'Create API key'}
      description={
        key ? undefined : (
          <p>A key acts as you, with your roles. Name it after the script that will use it.</p>
        )
      }
      trigger={
        <button type="button" className="button primary">
          Create API key
        </button>
      }
    >
      {key ? (
        <>
          <KeyShownOnce value={key} />
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={() => onOpenChange(false)}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <FormError message={create.error ? errorSentence(create.error) : null} />
          <TextField
            label="Key name"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="dialog-actions">
            <button type="submit" className="button primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create key'}
            </button>
            <button type="button" className="button secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
