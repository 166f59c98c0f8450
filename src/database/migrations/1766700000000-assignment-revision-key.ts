import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An assignment's revision and document are checked by one foreign key,
 * (revision_id, document_id) → revisions (id, document_id), instead of one each, as
 * acknowledgements' are (acknowledgement-revision-key): a fan-out of 50,000 assignments
 * ran 100,000 checks against the revision and the document, now 50,000 against the
 * revision alone. It is also a stronger rule: the document must be the revision's own.
 * NOT VALID, then validated: the check of the rows already there does not hold up
 * writes to the table for its duration.
 */
export class AssignmentRevisionKey1766700000000 implements MigrationInterface {
  name = 'AssignmentRevisionKey1766700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE training_assignments
        ADD CONSTRAINT training_assignments_revision_document_fkey
            FOREIGN KEY (revision_id, document_id) REFERENCES revisions (id, document_id) NOT VALID,
        DROP CONSTRAINT training_assignments_revision_id_fkey,
        DROP CONSTRAINT training_assignments_document_id_fkey`);
    await q.query(
      `ALTER TABLE training_assignments VALIDATE CONSTRAINT training_assignments_revision_document_fkey`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE training_assignments
        ADD CONSTRAINT training_assignments_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revisions (id),
        ADD CONSTRAINT training_assignments_document_id_fkey FOREIGN KEY (document_id) REFERENCES documents (id),
        DROP CONSTRAINT training_assignments_revision_document_fkey`);
  }
}
