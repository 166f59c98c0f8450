import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorSentence } from '../../../api/problem';
import {
  editableKey,
  fetchEditable,
  saveDraft,
  type DraftFields,
  type EditableRevision,
} from '../queries/authoring-query';
import { clearLocalDrafts, findLocalDraft, storeLocalDraft, type LocalDraft } from './local-draft';

const fieldsOf = (rev: EditableRevision): DraftFields => ({
  body: rev.body,
  changeSummary: rev.changeSummary ?? '',
  reason: rev.reason ?? '',
  changeLevel: rev.changeLevel,
});

const same = (a: DraftFields, b: DraftFields) =>
  a.body === b.body &&
  a.changeSummary === b.changeSummary &&
  a.reason === b.reason &&
  a.changeLevel === b.changeLevel;

/**
 * The editing session of one draft: the author's fields, the saved version they are based
 * on (its ETag goes in If-Match), the local copy that survives a reload, the conflict when
 * someone else saved first, and the warning on leaving with unsaved edits.
 */
export function useDraftEditor(
  revisionId: string,
  loaded: { rev: EditableRevision; etag: string },
) {
  const qc = useQueryClient();
  const [base, setBase] = useState(() => ({ fields: fieldsOf(loaded.rev), etag: loaded.etag }));
  const [fields, setFields] = useState<DraftFields>(() => fieldsOf(loaded.rev));
  const [offer, setOffer] = useState<LocalDraft | null>(() => {
    const kept = findLocalDraft(revisionId);
    return kept && !same(kept.fields, fieldsOf(loaded.rev)) ? kept : null;
  });
  const [theirs, setTheirs] = useState<{ fields: DraftFields; etag: string } | null>(null);
  const [conflictOpen, setConflictOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const dirty = !same(fields, base.fields);

  // Kept locally as the author types (keyed by the version the edits start from).
  const storeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    clearTimeout(storeTimer.current);
    if (!dirty) return;
    storeTimer.current = setTimeout(() => storeLocalDraft(revisionId, base.etag, fields), 300);
    return () => clearTimeout(storeTimer.current);
  }, [dirty, fields, base.etag, revisionId]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers need it to show the prompt
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saved = useCallback(
    (next: { rev: EditableRevision; etag: string }) => {
      clearLocalDrafts(revisionId);
      setBase({ fields: fieldsOf(next.rev), etag: next.etag });
      setFields(fieldsOf(next.rev));
      setSavedAt(new Date());
      qc.setQueryData(editableKey(revisionId), next);
      void qc.invalidateQueries({ queryKey: ['revisions', revisionId, 'impact'] });
    },
    [qc, revisionId],
  );

  /** Saves against `etag`; a 412 opens the conflict with the saved version. True when saved. */
  const saveAgainst = useCallback(
    async (etag: string, toSave: DraftFields): Promise<boolean> => {
      setSaving(true);
      setError(null);
      try {
        saved(await saveDraft(revisionId, etag, toSave));
        setConflictOpen(false);
        setTheirs(null);
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          setConflictOpen(true);
          try {
            const current = await fetchEditable(revisionId);
            setTheirs({ fields: fieldsOf(current.rev), etag: current.etag });
          } catch (readErr) {
            setError(errorSentence(readErr));
          }
        } else {
          setError(errorSentence(err));
        }
        return false;
      } finally {
        setSaving(false);
      }
    },
    [revisionId, saved],
  );

  const save = useCallback(() => saveAgainst(base.etag, fields), [saveAgainst, base.etag, fields]);

  /** Keep mine: the latest ETag is read again at the moment of choosing, then mine is saved. */
  const keepMine = useCallback(async () => {
    try {
      const latest = await fetchEditable(revisionId);
      await saveAgainst(latest.etag, fields);
    } catch (err) {
      setError(errorSentence(err));
    }
  }, [revisionId, saveAgainst, fields]);

  const takeTheirs = useCallback(() => {
    if (!theirs) return;
    clearLocalDrafts(revisionId);
    setBase(theirs);
    setFields(theirs.fields);
    setTheirs(null);
    setConflictOpen(false);
  }, [theirs, revisionId]);

  const restore = useCallback(() => {
    if (!offer) return;
    // Based on the version it started from: saving checks that against the current one.
    setBase((b) => ({ ...b, etag: offer.etag }));
    setFields(offer.fields);
    setOffer(null);
  }, [offer]);

  const discard = useCallback(() => {
    clearLocalDrafts(revisionId);
    setOffer(null);
  }, [revisionId]);

  return {
    fields,
    setFields,
    dirty,
    saving,
    error,
    savedAt,
    save,
    offer,
    restore,
    discard,
    conflict: {
      open: conflictOpen,
      setOpen: setConflictOpen,
      theirs: theirs?.fields ?? null,
      keepMine,
      takeTheirs,
    },
  };
}
