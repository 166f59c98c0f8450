import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { onSessionEnded } from '../../../api/client';
import { ErrorState, Loading } from '../../../components/states';
import { meKey, useMe } from '../queries/session-query';

/** Pages behind sign-in: without a session, go to Sign in and come back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const qc = useQueryClient();
  const location = useLocation();

  useEffect(
    () =>
      onSessionEnded(() => {
        qc.setQueryData(meKey, null);
      }),
    [qc],
  );

  if (me.isPending) return <Loading what="Praxis" standalone />;
  if (me.isError)
    return <ErrorState error={me.error} standalone onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return (
      <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />
    );
  }
  return children;
}
