import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type DocumentCompliance = components['schemas']['TrainingReportItem'];
export type DepartmentCompliance = components['schemas']['TrainingDepartmentItem'];
export type MatrixRow = components['schemas']['TrainingMatrixRow'];
export type ReviewDue = components['schemas']['ReviewDueItem'];
export type Department = components['schemas']['DepartmentResponse'];

export const trainingKeys = {
  report: (departmentId?: string) => ['reports', 'training', { departmentId }] as const,
  departments: ['reports', 'training', 'departments'] as const,
  matrix: (filter: MatrixFilter) => ['reports', 'training', 'users', filter] as const,
  reviewsDue: (before: string) => ['reports', 'reviews-due', before] as const,
};

/** Compliance per effective document (of one department's members, if given). */
export function useDocumentCompliance(departmentId?: string) {
  return useQuery({
    queryKey: trainingKeys.report(departmentId),
    queryFn: async () =>
      data(
        await api.GET('/api/v1/reports/training', {
          params: { query: departmentId ? { departmentId } : {} },
        }),
      ).items,
  });
}

/** Compliance per department. */
export function useDepartmentCompliance() {
  return useQuery({
    queryKey: trainingKeys.departments,
    queryFn: async () => data(await api.GET('/api/v1/reports/training/departments')).items,
  });
}

export interface MatrixFilter {
  departmentId?: string;
  documentId?: string;
  overdue?: boolean;
}

/** The users × documents matrix, one page (of the API's cursor) at a time. */
export function useMatrix(filter: MatrixFilter, pageSize = 25) {
  return useInfiniteQuery({
    queryKey: trainingKeys.matrix(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      data(
        await api.GET('/api/v1/reports/training/users', {
          params: {
            query: {
              limit: pageSize,
              cursor: pageParam,
              departmentId: filter.departmentId,
              documentId: filter.documentId,
              overdue: filter.overdue ? 'true' : undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Effective documents whose periodic review is due on or before a day (YYYY-MM-DD). */
export function useReviewsDue(before: string) {
  return useQuery({
    queryKey: trainingKeys.reviewsDue(before),
    queryFn: async () =>
      data(await api.GET('/api/v1/reports/reviews-due', { params: { query: { before } } })).items,
  });
}

/** Departments by code, for names and the filter (a few hundred at most). */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async () =>
      data(await api.GET('/api/v1/departments', { params: { query: { limit: 200 } } })).items,
    staleTime: 60_000,
  });
}
