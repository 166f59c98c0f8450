import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../../api/client';

export const summaryKey = ['me', 'summary'] as const;

/** What needs the signed-in person now: the Home page's counts and the header's unread badge. */
export function useSummary() {
  return useQuery({
    queryKey: summaryKey,
    queryFn: async () => data(await api.GET('/api/v1/me/summary')),
    refetchInterval: 60_000,
  });
}
