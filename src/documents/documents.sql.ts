/**
 * Documents and revisions as other modules' statements may see them (proposals,
 * notifications' e-mail). Imports nothing, so a module that documents itself depends on
 * can use it without a cycle of modules. Relations go in a FROM or JOIN; the planner
 * flattens them, so a join costs what a join on the table costs.
 */

/** Columns: id, number, title, status, owner_id. */
export const DOCUMENT_REFS = `(SELECT id, number, title, status, owner_id FROM documents)`;

/**
 * Documents row `d` is open to a caller without a read-all role when
 * it is effective, or one of its revisions is in review with `user` (a uuid SQL
 * expression) among the reviewers or approvers.
 */
export const documentVisibleTo = (d: string, user: string): string =>
  `(${d}.status = 'effective' OR EXISTS (SELECT 1 FROM revisions r WHERE r.document_id = ${d}.id
     AND r.status = 'in_review' AND (${user} = ANY(r.reviewer_ids) OR ${user} = ANY(r.approver_ids))))`;

/** `$1` a revision id (and optionally `$2` its document's id): number, title, label. */
export const revisionTitleSql = (ofDocument = false): string =>
  `SELECT d.number, d.title, r.label FROM revisions r JOIN documents d ON d.id = r.document_id
    WHERE r.id = $1${ofDocument ? ' AND r.document_id = $2' : ''}`;

/** `$1` a document id: number, title. */
export const DOCUMENT_TITLE_SQL = 'SELECT number, title FROM documents WHERE id = $1';
