import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Assignment = components['schemas']['MyAssignment'];
/** Every assignment query's key starts with this, so one invalidation refreshes them all. */
export const assignmentsKey = ['me', 'assignments'] as const;

function useAssignmentPages(status: 'open' | 'done', enabled = true) {
  return useInfiniteQuery({
    queryKey: [...assignmentsKey, status],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/me/assignments', {
          params: { query: { status, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** What is still to read (pending and overdue), soonest due first. */
export const useOpenAssignments = () => useAssignmentPages('open');
/** What was read, fetched only when asked for. */
export const useDoneAssignments = (enabled: boolean) => useAssignmentPages('done', enabled);

/** The caller's assignments of one document (whatever their status). */
export function useDocumentAssignments(documentId: string) {
  return useQuery({
    queryKey: [...assignmentsKey, 'document', documentId],
    enabled: !!documentId,
    queryFn: async () =>
      data(
        await api.GET('/api/v1/me/assignments', {
          params: { query: { documentId, limit: 200 } },
        }),
      ).items,
  });
}
