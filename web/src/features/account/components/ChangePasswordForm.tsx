import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorSentence } from '../../../api/problem';
import { FormError, TextField } from '../../../components/fields';
import { useChangePassword } from '../queries/account-query';

export function ChangePasswordForm() {
  const change = useChangePassword();
  const navigate = useNavigate();
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const [mismatch, setMismatch] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.next !== form.repeat) return setMismatch(true);
    setMismatch(false);
    change.mutate(
      { currentPassword: form.current, newPassword: form.next },
      { onSuccess: () => void navigate('/sign-in?ended=password', { replace: true }) },
    );
  };
  const error = mismatch
    ? 'The new password and its repetition differ.'
    : change.error instanceof ApiError && change.error.status === 401
      ? 'The current password is not correct.'
      : change.error
        ? errorSentence(change.error)
        : null;
  return (
    <form className="form" onSubmit={submit} aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <p className="hint">Every session of yours ends, this one too: you sign in again.</p>
      <FormError message={error} />
      <TextField
        label="Current password"
        type="password"
        required
        autoComplete="current-password"
        value={form.current}
        onChange={(e) => setForm({ ...form, current: e.target.value })}
      />
      <TextField
        label="New password"
        type="password"
        required
        minLength={12}
        maxLength={256}
        autoComplete="new-password"
        hint="At least 12 characters."
        value={form.next}
        onChange={(e) => setForm({ ...form, next: e.target.value })}
      />
      <TextField
        label="Repeat new password"
        type="password"
        required
        autoComplete="new-password"
        value={form.repeat}
        onChange={(e) => setForm({ ...form, repeat: e.target.value })}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={change.isPending}>
          Change password
        </button>
      </div>
    </form>
  );
}
