import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, csrfToken, data } from '../../../api/client';
import { toApiError } from '../../../api/problem';
import type { components } from '../../../api/schema';

export type Template = components['schemas']['TemplateSummaryResponse'];
export type Department = components['schemas']['DepartmentResponse'];
export type User = components['schemas']['UserResponse'];
export type EditableRevision = components['schemas']['RevisionWithBody'];
export type Impact = components['schemas']['RevisionImpactResponse'];
export type DocumentType = components['schemas']['CreateDocumentDto']['type'];
export type ChangeLevel = components['schemas']['CreateRevisionDto']['changeLevel'];

export function useTemplates() {
  return useQuery({
    queryKey: ['templates'],
    queryFn: async () => data(await api.GET('/api/v1/templates')).items,
    staleTime: Infinity, // read from files at start: they do not change while the service runs
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async () =>
      data(await api.GET('/api/v1/departments', { params: { query: { limit: 200 } } })).items,
  });
}

/** Every user (the list is paged: read it all; an organisation has hundreds, not millions). */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: ['users'],
    enabled,
    queryFn: async () => {
      const all: User[] = [];
      let cursor: string | undefined;
      do {
        const page = data(
          await api.GET('/api/v1/users', { params: { query: { limit: 200, cursor } } }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

/** A document (the same cache entry as the document page's). */
export function useDocumentOf(id: string | undefined) {
  return useQuery({
    queryKey: ['documents', id],
    enabled: !!id,
    queryFn: async () =>
      data(await api.GET('/api/v1/documents/{id}', { params: { path: { id: id! } } })),
  });
}

export function useCreateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['CreateDocumentDto']) =>
      data(await api.POST('/api/v1/documents', { body })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}

/** A revision as its editor needs it: with its body and the ETag a save must send back. */
export async function fetchEditable(id: string): Promise<{ rev: EditableRevision; etag: string }> {
  const res = await api.GET('/api/v1/revisions/{id}', { params: { path: { id } } });
  return { rev: data(res), etag: res.response.headers.get('ETag') ?? '' };
}

export const editableKey = (id: string) => ['revisions', id, 'editable'] as const;

export function useEditableRevision(id: string, enabled: boolean) {
  return useQuery({
    queryKey: editableKey(id),
    enabled,
    queryFn: () => fetchEditable(id),
    // The editor owns the text once loaded: never refetched behind the author's back.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export type DraftFields = {
  body: string;
  changeSummary: string;
  reason: string;
  changeLevel: ChangeLevel;
};

/** PATCH with If-Match; the new ETag comes back in the header. A 412 is thrown as an ApiError. */
export async function saveDraft(
  id: string,
  etag: string,
  fields: DraftFields,
): Promise<{ rev: EditableRevision; etag: string }> {
  const res = await api.PATCH('/api/v1/revisions/{id}', {
    params: { path: { id }, header: { 'If-Match': etag } },
    body: { ...fields, reason: fields.reason || undefined },
  });
  return { rev: data(res), etag: res.response.headers.get('ETag') ?? '' };
}

/** The body rendered by the service without saving it (same renderer and sanitiser). */
export async function renderPreview(body: string, signal?: AbortSignal): Promise<string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  const res = await fetch('/api/v1/markdown/preview', {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify({ body }),
    signal,
  });
  if (!res.ok) throw await toApiError(res);
  return res.text();
}

export function useImpact(revisionId: string) {
  return useQuery({
    queryKey: ['revisions', revisionId, 'impact'],
    // It depends on the requirement and on people, which change elsewhere: ask again on each visit.
    refetchOnMount: 'always',
    queryFn: async () =>
      data(
        await api.GET('/api/v1/revisions/{id}/impact', { params: { path: { id: revisionId } } }),
      ),
  });
}

export function useSubmitRevision(revisionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['SubmitRevisionDto']) =>
      data(
        await api.POST('/api/v1/revisions/{id}/submit', {
          params: { path: { id: revisionId } },
          body,
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['documents'] }),
        // exact: the editor's own copy stays, or the page would turn read-only under the dialog
        qc.invalidateQueries({ queryKey: ['revisions', revisionId], exact: true }),
      ]);
    },
  });
}
