import type { DraftFields } from '../queries/authoring-query';

/**
 * Unsaved edits kept in this browser, so a reload or a crash loses nothing. Keyed by the
 * revision and the ETag the edits started from: restored edits are saved against that
 * version, so someone else's save in between still shows the conflict dialog.
 */
export interface LocalDraft {
  etag: string;
  fields: DraftFields;
  savedAt: string;
}

const PREFIX = 'praxis:draft:';
const keyOf = (revisionId: string, etag: string) => `${PREFIX}${revisionId}:${etag}`;

export function storeLocalDraft(revisionId: string, etag: string, fields: DraftFields): void {
  try {
    clearLocalDrafts(revisionId);
    localStorage.setItem(
      keyOf(revisionId, etag),
      JSON.stringify({ etag, fields, savedAt: new Date().toISOString() } satisfies LocalDraft),
    );
  } catch {
    // Storage full or disabled: the beforeunload warning still protects the edits.
  }
}

/** The edits kept for this revision (from whichever version they started), if any. */
export function findLocalDraft(revisionId: string): LocalDraft | null {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(`${PREFIX}${revisionId}:`)) continue;
      const parsed = JSON.parse(localStorage.getItem(key) ?? 'null') as LocalDraft | null;
      if (parsed && typeof parsed.fields?.body === 'string') return parsed;
    }
  } catch {
    // unreadable: nothing to offer
  }
  return null;
}

export function clearLocalDrafts(revisionId: string): void {
  const doomed: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(`${PREFIX}${revisionId}:`)) doomed.push(key);
  }
  doomed.forEach((k) => localStorage.removeItem(k));
}
