import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import { summaryKey } from '../../home/queries/summary-query';

export const signingQueueKey = ['me', 'signing-queue'] as const;

export function useSigningQueue(enabled = true) {
  return useQuery({
    enabled,
    queryKey: signingQueueKey,
    queryFn: async () =>
      data(await api.GET('/api/v1/me/signing-queue', { params: { query: { limit: 200 } } })),
  });
}

export type Meaning = 'reviewed' | 'approved' | 'rejected';

/** An e-signature: the password is re-entered every time. */
export function useSign(revisionId: string, documentId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { meaning: Meaning; password: string; comment?: string }) =>
      data(
        await api.POST('/api/v1/revisions/{id}/signatures', {
          params: { path: { id: revisionId } },
          body,
        }),
      ),
    // not awaited: the caller's own onSuccess (closing the dialog, saying what happened)
    // must run before the refetch unmounts the signing buttons
    onSuccess: () => {
      void Promise.all([
        qc.invalidateQueries({ queryKey: ['revisions', revisionId] }),
        qc.invalidateQueries({ queryKey: signingQueueKey }),
        qc.invalidateQueries({ queryKey: summaryKey }),
        documentId ? qc.invalidateQueries({ queryKey: ['documents', documentId] }) : undefined,
      ]);
    },
  });
}
