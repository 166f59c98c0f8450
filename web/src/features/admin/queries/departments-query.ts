import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Department = components['schemas']['DepartmentResponse'];
export const departmentsKey = ['admin', 'departments'] as const;

/** An organisation has a handful of departments: the first 200 are all of them. */
export function useDepartments(enabled = true) {
  return useQuery({
    enabled,
    queryKey: departmentsKey,
    queryFn: async () =>
      data(await api.GET('/api/v1/departments', { params: { query: { limit: 200 } } })).items,
  });
}

export function useCreateDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { code: string; name: string }) =>
      data(await api.POST('/api/v1/departments', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: departmentsKey }),
  });
}
