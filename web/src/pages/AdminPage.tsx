import { PageHeading } from '../components/PageHeading';
import { NotAllowed } from '../components/states';
import { DepartmentsSection } from '../features/admin/components/DepartmentsSection';
import { UsersSection } from '../features/admin/components/UsersSection';
import { WebhooksSection } from '../features/admin/components/WebhooksSection';
import { useDepartments } from '../features/admin/queries/departments-query';
import { useUsers } from '../features/admin/queries/users-query';
import { ApiKeysPanel } from '../features/api-keys/components/ApiKeysPanel';
import { hasRole, useMe } from '../features/session/queries/session-query';

const SECTIONS = [
  ['users', 'Users'],
  ['departments', 'Departments'],
  ['api-keys', 'API keys'],
  ['webhooks', 'Webhooks'],
] as const;

/** Administration: plain sections with in-page links (no tabs: every part stays findable). */
export default function AdminPage() {
  const { data: me } = useMe();
  const admin = hasRole(me, ['admin']);
  return (
    <div className="page page-wide">
      <PageHeading title="Administration">Administration</PageHeading>
      {admin ? <AdminSections /> : <NotAllowed who="administrators" />}
    </div>
  );
}

function AdminSections() {
  const departments = useDepartments();
  const users = useUsers();
  const names = new Map(users.data?.pages.flatMap((p) => p.items).map((u) => [u.id, u.name]));
  return (
    <>
      <nav aria-label="Sections" className="section-nav">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div id="users">
        <UsersSection departments={departments.data ?? []} />
      </div>
      <div id="departments">
        <DepartmentsSection />
      </div>
      <section id="api-keys" aria-labelledby="api-keys-heading" className="admin-section">
        <h2 id="api-keys-heading">API keys</h2>
        <p>Everyone’s keys. A key acts as its owner; revoke it when a script is retired.</p>
        <ApiKeysPanel ownerOf={(id) => names.get(id) ?? 'Unknown user'} />
      </section>
      <div id="webhooks">
        <WebhooksSection />
      </div>
    </>
  );
}
