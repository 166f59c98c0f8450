import { EntityManager } from 'typeorm';
import { EFFECTIVE_REVISIONS, lockDocuments } from '../documents/coverage-documents.sql';
import { coversAnyOf } from './coverage.sql';

/**
 * Serialises a change of what some users must read with revisions taking effect: locks,
 * in id order, every document whose requirement covers these users now or whose
 * effective revision they hold an assignment for — FOR NO KEY UPDATE, as
 * RevisionActivationService and the requirement PUT lock a document. A revision taking
 * effect meanwhile either committed first (the caller's next statement sees it) or
 * waits for the caller's transaction (and its fan-out then sees the new coverage).
 * Without it, a user joining a department could be assigned the revision being
 * superseded and never the one replacing it, or one leaving keep an assignment for it.
 */
export async function lockDocumentsCovering(em: EntityManager, userIds: string[]): Promise<void> {
  await em.query(
    lockDocuments(`
      SELECT tr.document_id FROM training_requirements tr
       WHERE ${coversAnyOf('tr', '$1::uuid[]')}
      UNION
      SELECT a.document_id FROM training_assignments a
        JOIN ${EFFECTIVE_REVISIONS} r ON r.id = a.revision_id
       WHERE a.user_id = ANY($1::uuid[])`),
    [userIds],
  );
}
