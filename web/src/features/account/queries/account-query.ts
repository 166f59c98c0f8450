import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { meKey } from '../../session/queries/session-query';

/**
 * Both end every session of the person, this one included: afterwards nothing cached
 * belongs to anyone, and the app is signed out.
 */
function useEndsSessions<T>(call: (body: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: T) => {
      await call(body);
    },
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export const useChangePassword = () =>
  useEndsSessions((body: { currentPassword: string; newPassword: string }) =>
    api.POST('/api/v1/auth/password', { body }),
  );

export const useSignOutEverywhere = () =>
  useEndsSessions(() => api.POST('/api/v1/auth/sign-out-everywhere'));
