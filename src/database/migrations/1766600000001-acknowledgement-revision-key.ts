import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An acknowledgement's revision and document are checked by one foreign key,
 * (revision_id, document_id) → revisions (id, document_id), instead of one each. Its
 * check locks only the revision row, which the acknowledgement already holds FOR KEY
 * SHARE (training/acknowledgements.service.ts), where the two keys ran two checks and
 * locked the document row too: under many clients acknowledging one document, a row
 * every one of them locked (a new MultiXact and a WAL record each). It is also a
 * stronger rule: the document must be the revision's own (revisions_body keeps a
 * revision from moving to another document, so the referenced pair never changes).
 */
export class AcknowledgementRevisionKey1766600000001 implements MigrationInterface {
  name = 'AcknowledgementRevisionKey1766600000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE revisions ADD CONSTRAINT revisions_id_document_key UNIQUE (id, document_id)`,
    );
    await q.query(`
      ALTER TABLE acknowledgements
        ADD CONSTRAINT acknowledgements_revision_document_fkey
            FOREIGN KEY (revision_id, document_id) REFERENCES revisions (id, document_id),
        DROP CONSTRAINT acknowledgements_revision_id_fkey,
        DROP CONSTRAINT acknowledgements_document_id_fkey`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE acknowledgements
        ADD CONSTRAINT acknowledgements_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revisions (id),
        ADD CONSTRAINT acknowledgements_document_id_fkey FOREIGN KEY (document_id) REFERENCES documents (id),
        DROP CONSTRAINT acknowledgements_revision_document_fkey`);
    await q.query(`ALTER TABLE revisions DROP CONSTRAINT revisions_id_document_key`);
  }
}
