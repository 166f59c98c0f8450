import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, data, getText } from '../../../api/client';
import type { components } from '../../../api/schema';

export type DocumentItem = components['schemas']['DocumentResponse'];
export type SearchHit = components['schemas']['SearchHit'];
export type Revision = components['schemas']['RevisionResponse'];

/** The documents list, 100 at a time (a "Show more" asks for the next page). */
export function useDocuments(opts: { effectiveOnly: boolean }) {
  return useInfiniteQuery({
    queryKey: ['documents', 'list', opts],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/documents', {
          params: {
            query: {
              limit: 100,
              ...(opts.effectiveOnly ? { status: 'effective' } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Full-text search over effective procedures; snippets mark the matched words. */
export function useSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    queryFn: async () => data(await api.GET('/api/v1/search', { params: { query: { q } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: ['documents', id],
    enabled: !!id,
    queryFn: async () =>
      data(await api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
  });
}

export function useRevision(id: string | null | undefined) {
  return useQuery({
    queryKey: ['revisions', id],
    queryFn: async () =>
      data(await api.GET('/api/v1/revisions/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** The revision rendered by the service (sanitised there: no script, no handlers). */
export function useRevisionHtml(id: string | null | undefined) {
  return useQuery({
    queryKey: ['revisions', id, 'html'],
    queryFn: () => getText(`/revisions/${id}/html`),
    enabled: !!id,
    staleTime: Infinity, // a revision's body never changes once it is effective
  });
}

/** A word-level redline from `against` to `id`, rendered by the service. */
export function useRedline(id: string | null | undefined, against: string | null | undefined) {
  return useQuery({
    queryKey: ['revisions', id, 'diff', against],
    queryFn: () =>
      getText(`/revisions/${id}/diff?against=${encodeURIComponent(against!)}&format=html`),
    enabled: !!id && !!against,
  });
}
