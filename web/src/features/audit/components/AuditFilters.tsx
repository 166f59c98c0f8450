import { useId, useState, type FormEvent } from 'react';
import type { AuditFilter } from '../queries/audit-query';

/** Actions the service writes, offered as suggestions; any dotted name may be typed. */
const KNOWN_ACTIONS = [
  'acknowledgement.recorded',
  'assignment.created',
  'assignment.overdue',
  'audit.checkpoint',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'document.created',
  'document.retired',
  'proposal.created',
  'proposal.transitioned',
  'revision.created',
  'revision.effective',
  'revision.submitted',
  'revision.superseded',
  'revision.updated',
  'signature.applied',
  'training_requirement.updated',
  'user.created',
  'user.updated',
];

export interface FilterForm {
  entityType: string;
  entityId: string;
  actorId: string;
  action: string;
  /** YYYY-MM-DD, a UTC day */
  from: string;
  /** YYYY-MM-DD, a UTC day, included */
  to: string;
}

export const EMPTY_FILTER: FilterForm = {
  entityType: '',
  entityId: '',
  actorId: '',
  action: '',
  from: '',
  to: '',
};

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** The form as the API's query: empty fields left out, whole UTC days as times. */
export function toApiFilter(f: FilterForm): AuditFilter {
  const out: AuditFilter = {};
  if (f.entityType.trim()) out.entityType = f.entityType.trim();
  if (f.entityId.trim()) out.entityId = f.entityId.trim();
  if (f.actorId.trim()) out.actorId = f.actorId.trim();
  if (f.action.trim()) out.action = f.action.trim();
  if (f.from) out.from = `${f.from}T00:00:00.000Z`;
  if (f.to) out.to = nextDay(f.to);
  return out;
}

const FIELDS: { key: keyof FilterForm; label: string; type?: string; placeholder?: string }[] = [
  { key: 'action', label: 'Action', placeholder: 'e.g. auth.login' },
  { key: 'entityType', label: 'Entity type', placeholder: 'e.g. revision' },
  { key: 'entityId', label: 'Entity ID', placeholder: 'UUID' },
  { key: 'actorId', label: 'Actor ID', placeholder: 'UUID' },
  { key: 'from', label: 'From', type: 'date' },
  { key: 'to', label: 'To', type: 'date' },
];

export function AuditFilters({
  initial,
  onApply,
}: {
  initial: FilterForm;
  onApply: (f: FilterForm) => void;
}) {
  const [form, setForm] = useState(initial);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(form);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter events">
      {FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
          <input
            id={`${id}-${f.key}`}
            type={f.type ?? 'text'}
            value={form[f.key]}
            placeholder={f.placeholder}
            list={f.key === 'action' ? `${id}-actions` : undefined}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
          />
        </div>
      ))}
      <datalist id={`${id}-actions`}>
        {KNOWN_ACTIONS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <p className="hint filters-hint">From and To are whole days in UTC; To is included.</p>
      <div className="actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setForm(EMPTY_FILTER);
            onApply(EMPTY_FILTER);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
