import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useDepartmentCompliance, useDocumentCompliance } from '../queries/training-query';
import { ComplianceChart } from './ComplianceChart';
import { ComplianceTable, type DrillDown } from './ComplianceTable';

/** Compliance per effective document: chart and table (of one department's members, if chosen). */
export function DocumentCompliance({
  departmentId,
  onDrillDown,
}: {
  departmentId?: string;
  onDrillDown: (d: DrillDown) => void;
}) {
  const report = useDocumentCompliance(departmentId);
  if (report.isPending) return <Loading what="Compliance per document" />;
  if (report.isError)
    return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (report.data.length === 0)
    return (
      <Empty>
        <p>No effective document requires training of these people.</p>
      </Empty>
    );
  const items = report.data;
  return (
    <>
      <ComplianceChart
        label="Share acknowledged per document"
        bars={items.map((i) => ({ ...i, key: i.documentId, name: i.title }))}
      />
      <ComplianceTable
        label="Compliance per document"
        firstColumn="Document"
        extraColumn="Revision"
        onDrillDown={onDrillDown}
        rows={items.map((i) => ({
          ...i,
          key: i.documentId,
          plainName: i.title,
          name: (
            <>
              <Link to={`/documents/${i.documentId}`}>{i.title}</Link>
              <div className="meta">{i.documentNumber}</div>
            </>
          ),
          extra: i.label,
          people: { documentId: i.documentId, departmentId },
        }))}
      />
    </>
  );
}

/** Compliance per department: chart and table. */
export function DepartmentCompliance({ onDrillDown }: { onDrillDown: (d: DrillDown) => void }) {
  const report = useDepartmentCompliance();
  if (report.isPending) return <Loading what="Compliance per department" />;
  if (report.isError)
    return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (report.data.length === 0)
    return (
      <Empty>
        <p>There are no departments yet.</p>
      </Empty>
    );
  const items = report.data;
  return (
    <>
      <ComplianceChart
        label="Share acknowledged per department"
        bars={items.map((i) => ({ key: i.departmentId, ...i }))}
      />
      <ComplianceTable
        label="Compliance per department"
        firstColumn="Department"
        onDrillDown={onDrillDown}
        rows={items.map((i) => ({
          ...i,
          key: i.departmentId,
          plainName: i.name,
          people: { departmentId: i.departmentId },
        }))}
      />
    </>
  );
}
