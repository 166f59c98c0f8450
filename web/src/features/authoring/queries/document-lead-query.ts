import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import { ApiError } from '../../../api/problem';
import type { components } from '../../../api/schema';
import type { ChangeLevel } from './authoring-query';

export type Requirement = components['schemas']['TrainingRequirementDto'];

/** The open revision's status (draft, in review, approved), to offer the right action. */
export function useOpenRevision(id: string | null) {
  return useQuery({
    queryKey: ['revisions', id],
    enabled: !!id,
    queryFn: async () =>
      data(await api.GET('/api/v1/revisions/{id}', { params: { path: { id: id! } } })),
  });
}

/** The document's training requirement, or null when it has none (404). */
export function useRequirement(documentId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['documents', documentId, 'training-requirement'],
    enabled,
    queryFn: async () => {
      try {
        return data(
          await api.GET('/api/v1/documents/{id}/training-requirement', {
            params: { path: { id: documentId } },
          }),
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
}

export function usePutRequirement(documentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: Requirement) =>
      data(
        await api.PUT('/api/v1/documents/{id}/training-requirement', {
          params: { path: { id: documentId } },
          body,
        }),
      ),
    onSuccess: async (saved) => {
      qc.setQueryData(['documents', documentId, 'training-requirement'], saved);
      await qc.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'revisions' && q.queryKey[2] === 'impact',
      });
    },
  });
}

export function useStartRevision(documentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { changeLevel: ChangeLevel; changeSummary: string }) =>
      data(
        await api.POST('/api/v1/documents/{id}/revisions', {
          params: { path: { id: documentId } },
          body,
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['documents', documentId] });
    },
  });
}

export function useRetire(documentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { reason: string; password: string }) =>
      data(
        await api.POST('/api/v1/documents/{id}/retire', {
          params: { path: { id: documentId } },
          body,
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}
