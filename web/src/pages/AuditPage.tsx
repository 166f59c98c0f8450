import { PageHeading } from '../components/PageHeading';
import { NotAllowed } from '../components/states';
import { AuditTrail } from '../features/audit/components/AuditTrail';
import { hasRole, READ_ALL_ROLES, useMe } from '../features/session/queries/session-query';

export default function AuditPage() {
  const { data: me } = useMe();
  const allowed = hasRole(me, READ_ALL_ROLES);
  return (
    <div className="page page-wide">
      <PageHeading title="Audit trail">Audit trail</PageHeading>
      {allowed ? (
        <>
          <p className="lead">
            Every change, sign-in and signature, in one hash chain that cannot be edited.
          </p>
          <AuditTrail />
        </>
      ) : (
        <NotAllowed who="auditors, quality leads and administrators" />
      )}
    </div>
  );
}
