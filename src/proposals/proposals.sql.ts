/**
 * Statements on proposals for modules that proposals itself depends on (documents,
 * notifications). Imports nothing, so using it creates no cycle of modules.
 */

/** `$1` a proposal id: number, title. */
export const PROPOSAL_TITLE_SQL = 'SELECT number, title FROM proposals WHERE id = $1';

/** `$1` proposal ids (uuid[]), `$2` a document id: the ids among them that are about that document. */
export const PROPOSALS_OF_DOCUMENT_SQL =
  'SELECT id FROM proposals WHERE id = ANY($1::uuid[]) AND document_id = $2';
