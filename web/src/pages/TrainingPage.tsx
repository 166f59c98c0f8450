import { PageHeading } from '../components/PageHeading';
import { NotAllowed } from '../components/states';
import { TrainingDashboard } from '../features/training/components/TrainingDashboard';
import { hasRole, READ_ALL_ROLES, useMe } from '../features/session/queries/session-query';

export default function TrainingPage() {
  const { data: me } = useMe();
  const allowed = hasRole(me, READ_ALL_ROLES);
  return (
    <div className="page page-wide">
      <PageHeading title="Training">Training</PageHeading>
      {allowed ? (
        <>
          <p className="lead">
            Who has read and acknowledged the effective procedures, and who is late.
          </p>
          <TrainingDashboard />
        </>
      ) : (
        <NotAllowed who="quality leads, administrators and auditors" />
      )}
    </div>
  );
}
