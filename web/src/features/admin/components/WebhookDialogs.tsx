import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { ConfirmActions, DialogSubmit, FormError, TextField } from '../../../components/fields';
import { useCreateWebhook, useDeleteWebhook, type Webhook } from '../queries/webhooks-query';

/** "revision.effective, proposal.transitioned" or one per line → the API's list. */
const splitEvents = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);

export function CreateWebhookDialog() {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ url: '', events: '', secret: '' });
  const create = useCreateWebhook();
  const close = () => {
    setOpen(false);
    setForm({ url: '', events: '', secret: '' });
    create.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: form.url, events: splitEvents(form.events), secret: form.secret },
      { onSuccess: close },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : close())}
      title="Create webhook"
      description={
        <p>Praxis POSTs each chosen event to the URL, signed with the secret (HMAC-SHA256).</p>
      }
      trigger={
        <button type="button" className="button primary">
          Create webhook
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={create.error ? errorSentence(create.error) : null} />
        <TextField
          label="URL"
          type="url"
          required
          placeholder="https://hooks.example.com/praxis"
          value={form.url}
          onChange={(e) => setForm({ ...form, url: e.target.value })}
        />
        <TextField
          label="Events"
          required
          hint="Audit actions separated by commas, e.g. revision.effective, proposal.transitioned; or * for every event."
          value={form.events}
          onChange={(e) => setForm({ ...form, events: e.target.value })}
        />
        <TextField
          label="Secret"
          type="password"
          required
          maxLength={500}
          autoComplete="off"
          hint="Shared with the receiver to check signatures. Never shown again."
          value={form.secret}
          onChange={(e) => setForm({ ...form, secret: e.target.value })}
        />
        <DialogSubmit label="Create" pending={create.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}

export function DeleteWebhookDialog({ webhook }: { webhook: Webhook }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteWebhook();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        remove.reset();
      }}
      title="Delete this webhook?"
      description={
        <p>
          Nothing more is sent to <code>{webhook.url}</code>.
        </p>
      }
      trigger={
        <button
          type="button"
          className="button danger"
          aria-label={`Delete webhook ${webhook.url}`}
        >
          Delete
        </button>
      }
    >
      <ConfirmActions
        label="Delete webhook"
        pending={remove.isPending}
        error={remove.error ? errorSentence(remove.error) : null}
        onConfirm={() => remove.mutate(webhook.id, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      />
    </Dialog>
  );
}
