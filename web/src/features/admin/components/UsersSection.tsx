import { Empty, ErrorState, Loading } from '../../../components/states';
import { useMe } from '../../session/queries/session-query';
import type { Department } from '../queries/departments-query';
import { ROLE_OPTIONS, useUsers } from '../queries/users-query';
import {
  ActiveToggle,
  CreateUserDialog,
  EditAccessDialog,
  ResetPasswordDialog,
} from './UserDialogs';

const roleLabel = new Map(ROLE_OPTIONS.map((r) => [r.value as string, r.label]));

export function UsersSection({ departments }: { departments: Department[] }) {
  const q = useUsers();
  const { data: me } = useMe();
  const users = q.data?.pages.flatMap((p) => p.items) ?? [];
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  return (
    <section aria-labelledby="users-heading" className="admin-section">
      <h2 id="users-heading">Users</h2>
      <div className="actions">
        <CreateUserDialog departments={departments} />
      </div>
      {q.isPending && <Loading what="Users" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && users.length === 0 && (
        <Empty>
          <p>No users yet.</p>
        </Empty>
      )}
      {users.length > 0 && (
        <div className="table-wrap" role="region" aria-label="User list" tabIndex={0}>
          <table className="table stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Roles</th>
                <th scope="col">Departments</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'is-inactive'}>
                  <th scope="row">{u.name}</th>
                  <td data-label="Email">{u.email}</td>
                  <td data-label="Roles">{u.roles.map((r) => roleLabel.get(r) ?? r).join(', ')}</td>
                  <td data-label="Departments">
                    {u.departmentIds.map((id) => deptName.get(id) ?? 'Unknown').join(', ') || '—'}
                  </td>
                  <td data-label="Status">
                    {u.active ? (
                      <span className="status status-approved">Active</span>
                    ) : (
                      <span className="status status-obsolete">Deactivated</span>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <EditAccessDialog user={u} departments={departments} />
                      {/* one's own password changes on Account; one cannot lock oneself out */}
                      {u.id !== me?.id && <ResetPasswordDialog user={u} />}
                      {u.id !== me?.id && <ActiveToggle user={u} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          Show more users
        </button>
      )}
    </section>
  );
}
