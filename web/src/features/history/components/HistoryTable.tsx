import { DownloadButton } from '../../../components/DownloadButton';
import { formatDate, formatDateTime, humanise } from '../../../components/format';
import type { Revision } from '../../documents/queries/documents-query';

const revisionName = (r: Revision) =>
  r.label ? `revision ${r.label}` : `draft of ${formatDate(r.createdAt)}`;

/** Revisions with their signatures; a checkbox per row chooses what to compare. */
export function HistoryTable({
  revisions,
  selected,
  onToggle,
}: {
  revisions: Revision[];
  selected: string[];
  onToggle: (id: string) => void;
}) {
  return (
    <div className="table-wrap" role="region" aria-label="Revisions" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Label</th>
            <th scope="col">Status</th>
            <th scope="col">Effective from</th>
            <th scope="col">Effective to</th>
            <th scope="col">Change</th>
            <th scope="col">Signatures</th>
            <th scope="col">Copy</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare (${revisionName(r)})`}
                  checked={selected.includes(r.id)}
                  disabled={!selected.includes(r.id) && selected.length >= 2}
                  onChange={() => onToggle(r.id)}
                />
              </td>
              <th scope="row">{r.label ?? '—'}</th>
              <td>
                <span className={`status status-${r.status}`}>{humanise(r.status)}</span>
              </td>
              <td>{formatDate(r.effectiveFrom)}</td>
              <td>{formatDate(r.supersededAt ?? r.obsoletedAt)}</td>
              <td>
                <span className="meta">{humanise(r.changeLevel)}</span>
                <br />
                {r.changeSummary}
              </td>
              <td>
                {r.signatures.length === 0 ? (
                  <span className="meta">None</span>
                ) : (
                  <ul className="plain-list">
                    {r.signatures.map((s) => (
                      <li key={s.id}>
                        {s.signerName} — {humanise(s.meaning)},{' '}
                        <time dateTime={s.signedAt}>{formatDateTime(s.signedAt)}</time>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <DownloadButton
                  path={`/revisions/${r.id}/pdf`}
                  label={`Download PDF (${r.label ?? 'draft'})`}
                  fallbackName={`revision-${r.label ?? r.id}.pdf`}
                  className="button link"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
