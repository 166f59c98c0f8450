import { PageHeading } from '../components/PageHeading';
import { ChangePasswordForm } from '../features/account/components/ChangePasswordForm';
import { SignOutEverywhere } from '../features/account/components/SignOutEverywhere';
import { ApiKeysPanel } from '../features/api-keys/components/ApiKeysPanel';
import { useMe } from '../features/session/queries/session-query';

/** The signed-in person's own account, for every role. */
export default function AccountPage() {
  const { data: me } = useMe();
  return (
    <div className="page">
      <PageHeading title="Account">Account</PageHeading>
      {me && (
        <p className="lead">
          {me.name} · {me.email}
        </p>
      )}
      {me?.passwordMustChange && (
        <p className="alert alert-info">
          An administrator set your password. Change it below before you sign or acknowledge with
          your password.
        </p>
      )}
      <section className="account-section">
        <ChangePasswordForm />
      </section>
      <SignOutEverywhere />
      <section aria-labelledby="keys-heading" className="account-section">
        <h2 id="keys-heading">My API keys</h2>
        <p>Scripts use a key to act as you, with your roles.</p>
        {me && <ApiKeysPanel onlyUserId={me.id} />}
      </section>
    </div>
  );
}
