import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type User = components['schemas']['UserResponse'];
export type Role = User['roles'][number];
export const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'admin', label: 'Administrator' },
  { value: 'quality_lead', label: 'Quality lead' },
  { value: 'approver', label: 'Approver' },
  { value: 'staff', label: 'Staff' },
  { value: 'auditor', label: 'Auditor' },
];

export const usersKey = ['admin', 'users'] as const;

/** Users by e-mail, 100 at a time ("Show more users" fetches the next page). */
export function useUsers(enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: usersKey,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/users', { params: { query: { limit: 100, cursor: pageParam } } }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['CreateUserDto']) =>
      data(await api.POST('/api/v1/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string } & components['schemas']['UpdateUserDto']) =>
      data(await api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

/**
 * Sets a forgotten password, re-authenticated with the admin's own (`password`); the
 * person's sessions end (their API keys keep working) and they must change it before signing.
 */
export function useResetPassword() {
  return useMutation({
    mutationFn: async ({
      id,
      ...body
    }: { id: string } & components['schemas']['ResetPasswordDto']) => {
      await api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body });
    },
  });
}
