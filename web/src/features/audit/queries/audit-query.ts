import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type AuditEvent = components['schemas']['AuditEventResponse'];
export type VerifyResult = components['schemas']['AuditVerifyResponse'];
export type Checkpoint = components['schemas']['AuditCheckpointResponse'];

/** The API's filters; from and to are ISO times (to exclusive). */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  events: (filter: AuditFilter) => ['audit-events', filter] as const,
  checkpoint: ['audit-events', 'checkpoints', 'latest'] as const,
};

/** Events newest first, a page (of the API's cursor) at a time. */
export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.events(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/audit-events', {
          params: { query: { ...filter, cursor: pageParam, limit: 50 } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Recomputes the whole chain on the server: an action the person starts, not a page load. */
export function useVerifyChain() {
  return useMutation({
    mutationFn: async () => data(await api.GET('/api/v1/audit-events/verify')),
  });
}

/** The newest signed checkpoint, or null before the first one. */
export function useLatestCheckpoint() {
  return useQuery({
    queryKey: auditKeys.checkpoint,
    queryFn: async () =>
      data(await api.GET('/api/v1/audit-events/checkpoints', { params: { query: { limit: 1 } } }))
        .items[0] ?? null,
  });
}
