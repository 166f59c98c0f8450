import { normalizeSection } from './sections';

/** The template's required sections, each ticked once the body has it as a heading. */
export function SectionChecklist({
  required,
  headings,
  missingOnSubmit,
}: {
  required: string[];
  headings: Set<string> | null;
  missingOnSubmit: string[];
}) {
  if (required.length === 0) return null;
  const present = required.filter((s) => headings?.has(normalizeSection(s)));
  return (
    <section className="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">
        Required sections{' '}
        <span className="meta">
          ({present.length} of {required.length})
        </span>
      </h2>
      <ul>
        {required.map((s) => {
          const ok = present.includes(s);
          return (
            <li key={s} className={ok ? 'check-done' : 'check-open'}>
              <span aria-hidden="true">{ok ? '✓' : '○'}</span> {s}
              <span className="visually-hidden">{ok ? ', present' : ', missing'}</span>
            </li>
          );
        })}
      </ul>
      {missingOnSubmit.length > 0 && (
        <p className="alert alert-error" role="alert">
          Submitting needs these sections as headings: {missingOnSubmit.join(', ')}.
        </p>
      )}
    </section>
  );
}
