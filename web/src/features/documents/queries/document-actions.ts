import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import { assignmentsKey } from '../../reading/queries/assignments-query';
import { summaryKey } from '../../home/queries/summary-query';

/** "Read and understood" (and "does not match how we work", which also acknowledges). */
export function useAcknowledge(revisionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { password?: string; practiceMatches?: boolean; comment?: string }) =>
      data(
        await api.POST('/api/v1/revisions/{id}/acknowledgements', {
          params: { path: { id: revisionId } },
          body,
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: assignmentsKey }),
        qc.invalidateQueries({ queryKey: summaryKey }),
      ]);
    },
  });
}

export type ProposalInput = {
  documentId: string;
  kind: 'improvement' | 'practice_deviation' | 'error' | 'new_procedure';
  title: string;
  description: string;
  section?: string;
};

export function useRaiseProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProposalInput) => data(await api.POST('/api/v1/proposals', { body })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: summaryKey });
    },
  });
}
