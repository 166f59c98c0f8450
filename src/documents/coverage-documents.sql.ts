/**
 * What training (its coverage rule, fan-out, withdrawal, impact, overdue job, reports and
 * "my assignments") needs to know about documents and revisions, as SQL fragments owned
 * here, beside the tables they read. Training composes them and names neither table
 * itself. Imports nothing, so training may use them although documents does not depend
 * on it. Relations go in a FROM or JOIN; the planner flattens them (a WHERE inside one
 * becomes part of the caller's), so a statement keeps the plan a join on the tables gets.
 */

/**
 * Every revision with its label parts: id, document_id, status, change_level, label,
 * label_major, label_minor (the label and its parts are NULL until it is approved).
 */
export const REVISION_LABELS = `(SELECT id, document_id, status, change_level, label, label_major, label_minor
   FROM revisions)`;

/**
 * The effective revision of each document (at most one: a unique partial index), with
 * its label parts and since when it is in effect: id, document_id, change_level, label,
 * label_major, label_minor, effective_from. Joined on document_id it is "the effective
 * revision of document X"; joined on id, "revision X is the effective one".
 */
export const EFFECTIVE_REVISIONS = `(SELECT id, document_id, change_level, label, label_major, label_minor,
          effective_from
     FROM revisions WHERE status = 'effective')`;

/**
 * Every revision with what decides who may see it (documents/revision-access.ts,
 * canSeeRevision): id, document_id, status, reviewer_ids, approver_ids.
 */
export const REVISION_ACCESS = `(SELECT id, document_id, status, reviewer_ids, approver_ids FROM revisions)`;

/**
 * For a CTE: revision `id` (a uuid SQL expression) when it is the effective one and
 * `when` holds of it (`when(r)`: a condition over the revision row `r`), held FOR KEY
 * SHARE, the lock RevisionActivationService's FOR UPDATE waits for: it cannot be
 * superseded until the caller commits, and a caller waiting for one being superseded
 * finds no row once that commits. Columns: id, document_id, content_sha256.
 */
export const heldEffectiveRevision = (id: string, when: (r: string) => string): string => `
  SELECT hr.id, hr.document_id, hr.content_sha256 FROM revisions hr
   WHERE hr.id = ${id} AND hr.status = 'effective' AND ${when('hr')}
     FOR KEY SHARE OF hr`;

/**
 * Effective documents with their effective revision: document_id, number, title,
 * revision_id, label, label_major, label_minor, change_level.
 */
export const EFFECTIVE_DOCUMENTS = `(SELECT d.id AS document_id, d.number, d.title, r.id AS revision_id,
          r.label, r.label_major, r.label_minor, r.change_level
     FROM documents d JOIN revisions r ON r.document_id = d.id AND r.status = 'effective'
    WHERE d.status = 'effective')`;

/**
 * A whole statement: locks the documents whose ids `ids` gives (a subquery of one uuid
 * column, or a uuid expression) in id order, FOR NO KEY UPDATE, the lock every change of
 * a document's revisions or readers takes (RevisionActivationService, a new draft, the
 * training requirement). Returns id and status of each.
 */
export const lockDocuments = (ids: string): string =>
  `SELECT d.id, d.status FROM documents d WHERE d.id IN (${ids}) ORDER BY d.id FOR NO KEY UPDATE`;
