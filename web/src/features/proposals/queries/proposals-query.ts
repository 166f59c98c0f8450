import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components, operations } from '../../../api/schema';

export type Proposal = components['schemas']['ProposalResponse'];
export type ProposalDetail = components['schemas']['ProposalDetail'];
export type TimelineEntry = components['schemas']['TimelineEntry'];
export type ProposalStatus = Proposal['status'];
export type ProposalKind = Proposal['kind'];
export type ProposalFilters = Omit<
  NonNullable<operations['ProposalsController_list']['parameters']['query']>,
  'cursor' | 'limit'
>;

export const proposalsKey = ['proposals'] as const;
export const proposalKey = (id: string) => ['proposals', id] as const;

/** The proposals the caller may see, matching the filters, oldest first, 200 a page. */
export function useProposals(filters: ProposalFilters) {
  return useInfiniteQuery({
    queryKey: [...proposalsKey, 'list', filters],
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/proposals', {
          params: {
            query: { ...filters, limit: 200, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: proposalKey(id),
    queryFn: async () =>
      data(await api.GET('/api/v1/proposals/{id}', { params: { path: { id } } })),
  });
}

/** People a triager may hand a proposal to (GET /users is for leads, admins and auditors). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'active'],
    queryFn: async () =>
      data(await api.GET('/api/v1/users', { params: { query: { limit: 200 } } })).items.filter(
        (u) => u.active,
      ),
    enabled,
    staleTime: 60_000,
  });
}
