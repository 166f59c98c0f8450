import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../../api/client';

/** A document's revisions the caller may see, newest first. */
export function useHistory(documentId: string) {
  return useQuery({
    queryKey: ['documents', documentId, 'revisions'],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/documents/{id}/revisions', {
          params: { path: { id: documentId }, query: { limit: 200 } },
        }),
      ),
  });
}
