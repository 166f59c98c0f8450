import { useState } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { ConfirmActions } from '../../../components/fields';
import { formatDateTime } from '../../../components/format';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useApiKeys, useRevokeApiKey, type ApiKey } from '../queries/api-keys-query';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';

/**
 * API keys with create and revoke. `ownerOf` names each key's owner (the administrator's
 * view of everyone's keys); `onlyUserId` keeps one person's own keys (the account page,
 * where an administrator too sees only their own).
 */
export function ApiKeysPanel({
  ownerOf,
  onlyUserId,
}: {
  ownerOf?: (userId: string) => string;
  onlyUserId?: string;
}) {
  const q = useApiKeys();
  const keys = (q.data ?? []).filter((k) => !onlyUserId || k.userId === onlyUserId);
  return (
    <>
      <div className="actions">
        <CreateApiKeyDialog />
      </div>
      {q.isPending && <Loading what="API keys" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && keys.length === 0 && (
        <Empty>
          <p>No API keys yet. Scripts and integrations sign in with one.</p>
        </Empty>
      )}
      {keys.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Key list" tabIndex={0}>
          <table className="table stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Name</th>
                {ownerOf && <th scope="col">Owner</th>}
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  {ownerOf && <td data-label="Owner">{ownerOf(k.userId)}</td>}
                  <td data-label="Starts with">
                    <code>{k.prefix}…</code>
                  </td>
                  <td data-label="Created">{formatDateTime(k.createdAt)}</td>
                  <td data-label="Last used">
                    {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}
                  </td>
                  <td data-label="Status">
                    {k.revokedAt ? (
                      <span className="status status-obsolete">Revoked</span>
                    ) : (
                      <span className="status status-approved">Active</span>
                    )}
                  </td>
                  <td>{!k.revokedAt && <RevokeDialog apiKey={k} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function RevokeDialog({ apiKey }: { apiKey: ApiKey }) {
  const [open, setOpen] = useState(false);
  const revoke = useRevokeApiKey();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) revoke.reset();
      }}
      title={`Revoke “${apiKey.name}”?`}
      description={<p>Scripts using this key stop working at once. This cannot be undone.</p>}
      trigger={
        <button type="button" className="button danger" aria-label={`Revoke ${apiKey.name}`}>
          Revoke
        </button>
      }
    >
      <ConfirmActions
        label="Revoke key"
        pending={revoke.isPending}
        error={revoke.error ? errorSentence(revoke.error) : null}
        onConfirm={() => revoke.mutate(apiKey.id, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      />
    </Dialog>
  );
}
