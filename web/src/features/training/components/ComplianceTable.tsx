import type { ReactNode } from 'react';
import type { MatrixFilter } from '../queries/training-query';

export interface ComplianceRow {
  key: string;
  /** The row header: a document's number and title, or a department's name. */
  name: ReactNode;
  /** Plain text naming the row, for the drill-down buttons' names. */
  plainName: string;
  extra?: ReactNode;
  required: number;
  acknowledged: number;
  pending: number;
  overdue: number;
  percent: number;
  /** The matrix filter giving the people behind this row. */
  people: MatrixFilter;
}

export interface DrillDown {
  title: string;
  filter: MatrixFilter;
}

/**
 * The figures behind a chart, one row each; "required" and "overdue" open the people
 * behind them.
 */
export function ComplianceTable({
  label,
  firstColumn,
  extraColumn,
  rows,
  onDrillDown,
}: {
  label: string;
  firstColumn: string;
  extraColumn?: string;
  rows: ComplianceRow[];
  onDrillDown: (d: DrillDown) => void;
}) {
  const drill = (n: number, name: string, title: string, filter: MatrixFilter) =>
    n > 0 ? (
      <button
        type="button"
        className="link-button"
        aria-label={`${n}: show ${name}`}
        onClick={() => onDrillDown({ title, filter })}
      >
        {n}
      </button>
    ) : (
      n
    );
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="table numeric-table">
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {extraColumn && <th scope="col">{extraColumn}</th>}
            <th scope="col">Required</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Pending</th>
            <th scope="col">Overdue</th>
            <th scope="col">Complete</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {extraColumn && <td>{r.extra}</td>}
              <td>
                {drill(
                  r.required,
                  `the people required for ${r.plainName}`,
                  `Required: ${r.plainName}`,
                  r.people,
                )}
              </td>
              <td>{r.acknowledged}</td>
              <td>{r.pending}</td>
              <td className={r.overdue > 0 ? 'is-overdue' : undefined}>
                {drill(
                  r.overdue,
                  `the overdue people for ${r.plainName}`,
                  `Overdue: ${r.plainName}`,
                  { ...r.people, overdue: true },
                )}
              </td>
              <td>{r.required ? `${r.percent}%` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
