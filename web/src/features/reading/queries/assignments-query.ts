import { useInfiniteQuery } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Assignment = components['schemas']['MyAssignment'];
export const assignmentsKey = ['me', 'assignments'] as const;

/** The caller's assignments (open and done), soonest due first, a page of 200 at a time. */
export function useMyAssignments() {
  return useInfiniteQuery({
    queryKey: assignmentsKey,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/me/assignments', {
          params: { query: { limit: 200, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const isOpen = (a: Assignment) => a.status === 'pending' || a.status === 'overdue';
