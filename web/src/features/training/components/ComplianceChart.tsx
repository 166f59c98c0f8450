import type { ReactNode } from 'react';

export interface ComplianceBar {
  key: string;
  name: string;
  required: number;
  acknowledged: number;
  pending: number;
  overdue: number;
  percent: number;
}

const SEGMENTS = [
  { field: 'acknowledged', label: 'Acknowledged', className: 'bar-done' },
  { field: 'pending', label: 'Pending', className: 'bar-pending' },
  { field: 'overdue', label: 'Overdue', className: 'bar-overdue' },
] as const;

/**
 * Stacked bars (acknowledged, pending, overdue) as plain SVG: no chart library to load.
 * The figure is one image whose name sums it up; the table beside it is the full equivalent.
 */
export function ComplianceChart({ label, bars }: { label: string; bars: ComplianceBar[] }) {
  const summary = `${label}: ${bars
    .map((b) =>
      b.required ? `${b.name} ${b.percent}% acknowledged` : `${b.name}: nobody required`,
    )
    .join('; ')}. The table below gives every figure.`;
  return (
    <figure className="chart">
      <div role="img" aria-label={summary} className="chart-rows">
        {bars.map((b) => (
          <div key={b.key} className="chart-row">
            <span className="chart-name">{b.name}</span>
            <svg className="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none">
              {b.required === 0 ? (
                <rect x="0" y="0" width="100" height="10" className="bar-none" />
              ) : (
                SEGMENTS.reduce<{ x: number; rects: ReactNode[] }>(
                  (acc, s) => {
                    const w = (100 * b[s.field]) / b.required;
                    if (w > 0)
                      acc.rects.push(
                        <rect
                          key={s.field}
                          x={acc.x}
                          y="0"
                          width={w}
                          height="10"
                          className={s.className}
                        />,
                      );
                    return { x: acc.x + w, rects: acc.rects };
                  },
                  { x: 0, rects: [] },
                ).rects
              )}
            </svg>
            <span className="chart-value">{b.required ? `${b.percent}%` : '—'}</span>
          </div>
        ))}
      </div>
      <figcaption className="chart-legend">
        {SEGMENTS.map((s) => (
          <span key={s.field}>
            <span className={`swatch ${s.className}`} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
