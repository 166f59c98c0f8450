import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type ApiKey = components['schemas']['ApiKeyResponse'];
export const apiKeysKey = ['api-keys'] as const;

/** The caller's keys; for an administrator, everyone's (the API decides). */
export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: async () =>
      data(await api.GET('/api/v1/api-keys', { params: { query: { limit: 200 } } })).items,
  });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) =>
      data(await api.POST('/api/v1/api-keys', { body: { name } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
