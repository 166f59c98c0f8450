import { useId } from 'react';
import type { DocumentItem } from '../../documents/queries/documents-query';
import type {
  ProposalFilters as Filters,
  ProposalKind,
  ProposalStatus,
} from '../queries/proposals-query';
import { KIND_LABEL, STATUS_LABEL } from './proposal-labels';

function Select({
  label,
  value,
  onChange,
  options,
  any,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: string }[];
  any: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The board's filters; each change applies at once (they live in the address, so links keep them). */
export function ProposalFilters({
  value,
  onChange,
  documents,
  people,
}: {
  value: Filters;
  onChange: (next: Filters) => void;
  documents: DocumentItem[];
  people: { id: string; name: string }[];
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const overdueId = useId();
  return (
    <form className="proposal-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <Select
        label="Status"
        any="Any status"
        value={value.status}
        onChange={(v) => set({ status: v as ProposalStatus | undefined })}
        options={Object.entries(STATUS_LABEL).map(([v, l]) => ({ value: v, label: l }))}
      />
      <Select
        label="Kind"
        any="Any kind"
        value={value.kind}
        onChange={(v) => set({ kind: v as ProposalKind | undefined })}
        options={Object.entries(KIND_LABEL).map(([v, l]) => ({ value: v, label: l }))}
      />
      <Select
        label="Document"
        any="Any document"
        value={value.documentId}
        onChange={(v) => set({ documentId: v })}
        options={documents.map((d) => ({ value: d.id, label: `${d.number} ${d.title}` }))}
      />
      <Select
        label="Assignee"
        any="Anyone"
        value={value.assigneeId}
        onChange={(v) => set({ assigneeId: v })}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
      />
      <div className="field proposal-filter-check">
        <input
          id={overdueId}
          type="checkbox"
          checked={value.overdue === true}
          onChange={(e) => set({ overdue: e.target.checked ? true : undefined })}
        />
        <label htmlFor={overdueId}>Only those past their triage date</label>
      </div>
    </form>
  );
}
