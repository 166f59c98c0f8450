import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import { ApiError } from '../../../api/problem';
import type { components } from '../../../api/schema';

export type Me = components['schemas']['UserResponse'];
export const meKey = ['me'] as const;

/** The signed-in person, or null when there is no session (401). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return data(await api.GET('/api/v1/auth/me'));
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) =>
      data(await api.POST('/api/v1/auth/session', { body })).user,
    onSuccess: (user) => {
      qc.clear();
      qc.setQueryData(meKey, user);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.DELETE('/api/v1/auth/session');
      } catch (err) {
        // 401: the session had already ended, which is what signing out wants
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      }
    },
    // only once the server has ended the session: a failure must not leave a shared
    // terminal looking signed out while the cookie still works
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export const SIGNING_ROLES = ['admin', 'quality_lead', 'approver'] as const;
export const LEAD_ROLES = ['admin', 'quality_lead'] as const;
export const READ_ALL_ROLES = ['admin', 'quality_lead', 'auditor'] as const;

export function hasRole(me: Me | null | undefined, roles: readonly string[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r));
}
