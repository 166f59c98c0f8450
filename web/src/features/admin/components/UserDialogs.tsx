import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { ConfirmActions, DialogSubmit, FormError, TextField } from '../../../components/fields';
import type { Department } from '../queries/departments-query';
import {
  ROLE_OPTIONS,
  useCreateUser,
  useResetPassword,
  useUpdateUser,
  type Role,
  type User,
} from '../queries/users-query';
import { CheckboxGroup } from './CheckboxGroup';

const deptOptions = (departments: Department[]) =>
  departments.map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }));

export function CreateUserDialog({ departments }: { departments: Department[] }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [roles, setRoles] = useState<Role[]>(['staff']);
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const create = useCreateUser();
  const close = () => {
    setOpen(false);
    setForm({ name: '', email: '', password: '' });
    setRoles(['staff']);
    setDepartmentIds([]);
    create.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...form, roles, departmentIds }, { onSuccess: close });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : close())}
      title="Create user"
      trigger={
        <button type="button" className="button primary">
          Create user
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={create.error ? errorSentence(create.error) : null} />
        <TextField
          label="Name"
          required
          maxLength={200}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextField
          label="Email"
          type="email"
          required
          autoComplete="off"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <TextField
          label="Initial password"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
          hint="At least 12 characters. Tell the person by a separate channel."
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} value={roles} onChange={setRoles} />
        <CheckboxGroup
          legend="Departments"
          options={deptOptions(departments)}
          value={departmentIds}
          onChange={setDepartmentIds}
        />
        <DialogSubmit pending={create.isPending} label="Create" onCancel={close} />
      </form>
    </Dialog>
  );
}

export function EditAccessDialog({ user, departments }: { user: User; departments: Department[] }) {
  const [open, setOpen] = useState(false);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [departmentIds, setDepartmentIds] = useState<string[]>(user.departmentIds);
  const update = useUpdateUser();
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // each opening starts from what the user has now
    setRoles(user.roles);
    setDepartmentIds(user.departmentIds);
    update.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: user.id, roles, departmentIds }, { onSuccess: () => setOpen(false) });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Roles and departments of ${user.name}`}
      description={<p>Training that these departments or roles require is assigned at once.</p>}
      trigger={
        <button type="button" className="button secondary" aria-label={`Edit ${user.name}`}>
          Edit
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={update.error ? errorSentence(update.error) : null} />
        <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} value={roles} onChange={setRoles} />
        <CheckboxGroup
          legend="Departments"
          options={deptOptions(departments)}
          value={departmentIds}
          onChange={setDepartmentIds}
        />
        <DialogSubmit pending={update.isPending} label="Save" onCancel={() => setOpen(false)} />
      </form>
    </Dialog>
  );
}

export function ResetPasswordDialog({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [password, setPassword] = useState('');
  const reset = useResetPassword();
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    setNewPassword('');
    setPassword('');
    reset.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate({ id: user.id, newPassword, password });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Reset the password of ${user.name}`}
      description={
        <p>
          Their open sessions end; they sign in with the new password, which is temporary: they must
          change it before they can sign. API keys keep working.
        </p>
      }
      trigger={
        <button
          type="button"
          className="button secondary"
          aria-label={`Reset password of ${user.name}`}
        >
          Reset password
        </button>
      }
    >
      {reset.isSuccess ? (
        <>
          <p className="alert alert-success" role="status">
            The password is set. Tell {user.name} by a separate channel.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={() => onOpenChange(false)}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <FormError message={reset.error ? errorSentence(reset.error) : null} />
          <TextField
            label="New password"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
            hint="At least 12 characters."
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
          <TextField
            label="Your password"
            type="password"
            required
            autoComplete="current-password"
            hint="Re-enter your own password to confirm."
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <DialogSubmit
            pending={reset.isPending}
            label="Set password"
            onCancel={() => setOpen(false)}
          />
        </form>
      )}
    </Dialog>
  );
}

/** Deactivation ends sessions and revokes API keys at once, so it asks first. */
export function ActiveToggle({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateUser();
  if (!user.active)
    return (
      <>
        <button
          type="button"
          className="button secondary"
          aria-label={`Reactivate ${user.name}`}
          disabled={update.isPending}
          onClick={() => update.mutate({ id: user.id, active: true })}
        >
          Reactivate
        </button>
        {update.error && (
          <span className="inline-error" role="alert">
            {errorSentence(update.error)}
          </span>
        )}
      </>
    );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        update.reset();
      }}
      title={`Deactivate ${user.name}?`}
      description={
        <p>
          They can no longer sign in; their open sessions end and their API keys are revoked now.
          Their signatures and acknowledgements stay in the record.
        </p>
      }
      trigger={
        <button type="button" className="button danger" aria-label={`Deactivate ${user.name}`}>
          Deactivate
        </button>
      }
    >
      <ConfirmActions
        label="Deactivate user"
        pending={update.isPending}
        error={update.error ? errorSentence(update.error) : null}
        onConfirm={() =>
          update.mutate({ id: user.id, active: false }, { onSuccess: () => setOpen(false) })
        }
        onCancel={() => setOpen(false)}
      />
    </Dialog>
  );
}
