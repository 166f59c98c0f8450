import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/** A labelled input; the label is the field's accessible name. */
export function TextField({
  label,
  hint,
  ...props
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...props} />
    </div>
  );
}

export function TextArea({
  label,
  hint,
  ...props
}: { label: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={id} rows={5} aria-describedby={hint ? `${id}-hint` : undefined} {...props} />
    </div>
  );
}

/** An error inside a form or dialog, announced at once. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}

/** The password re-entered for an e-signature (labelled "Password", as the contract names it). */
export function PasswordField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      label="Password"
      type="password"
      autoComplete="current-password"
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** A dialog form's submit row, with Cancel when `onCancel` is given. */
export function DialogSubmit({
  label,
  pending,
  tone = 'primary',
  onCancel,
}: {
  label: string;
  pending: boolean;
  tone?: 'primary' | 'danger';
  onCancel?: () => void;
}) {
  return (
    <div className="dialog-actions">
      <button type="submit" className={`button ${tone}`} disabled={pending}>
        {label}
      </button>
      {onCancel && (
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

/** The body of an "are you sure?" dialog: the API's refusal as a sentence, the act, Cancel. */
export function ConfirmActions({
  label,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  label: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <>
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="button danger" disabled={pending} onClick={onConfirm}>
          {label}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
