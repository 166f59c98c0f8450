import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { FormError, TextField } from '../../../components/fields';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useCreateDepartment, useDepartments } from '../queries/departments-query';

/** Departments are few and never deleted: a list and a short form beside it. */
export function DepartmentsSection() {
  const q = useDepartments();
  const create = useCreateDepartment();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { code, name },
      {
        onSuccess: () => {
          setCode('');
          setName('');
        },
      },
    );
  };
  return (
    <section aria-labelledby="departments-heading" className="admin-section">
      <h2 id="departments-heading">Departments</h2>
      {q.isPending && <Loading what="Departments" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && q.data.length === 0 && (
        <Empty>
          <p>No departments yet.</p>
        </Empty>
      )}
      {q.data && q.data.length > 0 && (
        <ul className="plain-list department-list">
          {q.data.map((d) => (
            <li key={d.id}>
              {d.name} <span className="meta">({d.code})</span>
            </li>
          ))}
        </ul>
      )}
      <form className="form inline-form" onSubmit={submit} aria-labelledby="new-department">
        <h3 id="new-department">New department</h3>
        <FormError message={create.error ? errorSentence(create.error) : null} />
        {create.isSuccess && (
          <p className="alert alert-success" role="status">
            Department {create.data.code} created.
          </p>
        )}
        <TextField
          label="Code"
          required
          pattern="[A-Z][A-Z0-9]{1,9}"
          hint="2–10 capital letters or digits, starting with a letter, e.g. QA."
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
        />
        <TextField
          label="Department name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button primary" disabled={create.isPending}>
            Create department
          </button>
        </div>
      </form>
    </section>
  );
}
