import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import { summaryKey } from '../../home/queries/summary-query';
import { proposalKey, proposalsKey, type ProposalStatus } from './proposals-query';

/** After any change: the proposal, the board and Home's triage counts are stale. */
function useRefresh(id: string) {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: proposalKey(id) }),
      qc.invalidateQueries({ queryKey: [...proposalsKey, 'list'] }),
      qc.invalidateQueries({ queryKey: summaryKey }),
    ]);
  };
}

export function useTransition(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: async (body: { to: ProposalStatus; comment?: string }) =>
      data(
        await api.POST('/api/v1/proposals/{id}/transitions', { params: { path: { id } }, body }),
      ),
    onSuccess: refresh,
  });
}

export function useComment(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: async (body: string) =>
      data(
        await api.POST('/api/v1/proposals/{id}/comments', {
          params: { path: { id } },
          body: { body },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAssign(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: async (assigneeId: string) =>
      data(
        await api.PATCH('/api/v1/proposals/{id}', {
          params: { path: { id } },
          body: { assigneeId },
        }),
      ),
    onSuccess: refresh,
  });
}

/** A new draft of the proposal's document, linked to it (it is implemented when that takes effect). */
export function useStartRevision(proposal: { id: string; documentId: string; title: string }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (changeLevel: 'major' | 'minor') =>
      data(
        await api.POST('/api/v1/documents/{id}/revisions', {
          params: { path: { id: proposal.documentId } },
          body: { changeLevel, changeSummary: proposal.title, proposalIds: [proposal.id] },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['documents', proposal.documentId] });
    },
  });
}
