/**
 * Training's acknowledgements as a condition for other modules' statements (documents
 * shows a reader the superseded revisions they acknowledged). Imports nothing, so
 * documents, which training depends on, can use it without a cycle of modules.
 */

/** `user` (a uuid SQL expression) has acknowledged the revision whose id is the SQL expression `revision`. */
export const acknowledged = (user: string, revision: string): string =>
  `EXISTS (SELECT 1 FROM acknowledgements k WHERE k.user_id = ${user} AND k.revision_id = ${revision})`;
