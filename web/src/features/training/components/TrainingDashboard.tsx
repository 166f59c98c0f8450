import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DownloadButton } from '../../../components/DownloadButton';
import { useDepartments } from '../queries/training-query';
import { DepartmentCompliance, DocumentCompliance } from './ComplianceSections';
import type { DrillDown } from './ComplianceTable';
import { PeopleTable } from './PeopleTable';
import { ReviewsDue } from './ReviewsDue';

/** The people behind a figure; its heading takes focus so the change is announced. */
function DrillDownSection({
  drill,
  departmentNames,
  onClose,
}: {
  drill: DrillDown;
  departmentNames: Map<string, string>;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, [drill]);
  return (
    <section aria-labelledby="drill-heading" className="section drill-down">
      <div className="section-head">
        <h2 id="drill-heading" ref={heading} tabIndex={-1}>
          People · {drill.title}
        </h2>
        <button type="button" className="button link" onClick={onClose}>
          Close this list
        </button>
      </div>
      <PeopleTable
        label={`People · ${drill.title}`}
        filter={drill.filter}
        departmentNames={departmentNames}
        moreLabel="More of these people"
        emptyText="Nobody here."
      />
    </section>
  );
}

export function TrainingDashboard() {
  const departments = useDepartments();
  const [departmentId, setDepartmentId] = useState('');
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const filterId = useId();
  const departmentNames = useMemo(
    () => new Map((departments.data ?? []).map((d) => [d.id, d.name])),
    [departments.data],
  );
  const dept = departmentId || undefined;
  const query = dept ? `?departmentId=${dept}` : '';

  return (
    <>
      <nav aria-label="On this page" className="page-toc">
        <a href="#by-document">By document</a>
        <a href="#by-department">By department</a>
        <a href="#overdue-people">Overdue people</a>
        <a href="#people">Everyone</a>
        <a href="#reviews-due">Reviews due</a>
      </nav>
      <div className="toolbar">
        <div className="field inline-field">
          <label htmlFor={filterId}>Department</label>
          <select
            id={filterId}
            value={departmentId}
            onChange={(e) => {
              setDepartmentId(e.target.value);
              setDrill(null);
            }}
          >
            <option value="">All departments</option>
            {departments.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <DownloadButton
          path={`/reports/training${query}`}
          accept="text/csv"
          label="Export CSV"
          fallbackName="training-report.csv"
        />
      </div>

      <section aria-labelledby="by-document" className="section">
        <h2 id="by-document">By document</h2>
        <DocumentCompliance departmentId={dept} onDrillDown={setDrill} />
      </section>

      {drill && (
        <DrillDownSection
          drill={drill}
          departmentNames={departmentNames}
          onClose={() => setDrill(null)}
        />
      )}

      <section aria-labelledby="by-department" className="section">
        <h2 id="by-department">By department</h2>
        <DepartmentCompliance onDrillDown={setDrill} />
      </section>

      <section aria-labelledby="overdue-people" className="section">
        <h2 id="overdue-people">Overdue people</h2>
        <PeopleTable
          label="Overdue people"
          filter={{ departmentId: dept, overdue: true }}
          departmentNames={departmentNames}
          moreLabel="More overdue people"
          emptyText="Nobody is overdue."
        />
      </section>

      <section aria-labelledby="people" className="section">
        <h2 id="people">Everyone: people × documents</h2>
        <p className="hint">
          Each active person with what they have done and what is still open, a page at a time.
        </p>
        <PeopleTable
          label="People and their open documents"
          filter={{ departmentId: dept }}
          departmentNames={departmentNames}
          moreLabel="More people"
          emptyText="No active people."
        />
      </section>

      <section aria-labelledby="reviews-due" className="section">
        <h2 id="reviews-due">Reviews due</h2>
        <ReviewsDue />
      </section>
    </>
  );
}
