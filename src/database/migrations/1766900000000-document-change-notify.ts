import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a document's revisions or their signatures (the revision history, and
 * who may see which revision) sends NOTIFY praxis_documents with the document's id ('*'
 * for a truncate) when it commits. Each instance's revision-history cache
 * (src/documents/revision-history-cache.ts) listens and drops that document's pages, so no
 * writer, however it reaches these tables, can leave a stale history. Signatures are
 * never updated or deleted (signatures_immutable), so only their inserts notify.
 */
export class DocumentChangeNotify1766900000000 implements MigrationInterface {
  name = 'DocumentChangeNotify1766900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION praxis_documents_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('praxis_documents', '*');
        ELSIF TG_TABLE_NAME = 'revisions' THEN
          PERFORM pg_notify('praxis_documents', COALESCE(NEW.document_id, OLD.document_id)::text);
          IF TG_OP = 'UPDATE' AND NEW.document_id IS DISTINCT FROM OLD.document_id THEN
            PERFORM pg_notify('praxis_documents', OLD.document_id::text);
          END IF;
        ELSE
          PERFORM pg_notify('praxis_documents',
            (SELECT r.document_id::text FROM revisions r WHERE r.id = NEW.revision_id));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER revisions_documents_notify AFTER INSERT OR UPDATE OR DELETE ON revisions
        FOR EACH ROW EXECUTE FUNCTION praxis_documents_notify()`);
    await q.query(`
      CREATE TRIGGER revisions_documents_notify_truncate AFTER TRUNCATE ON revisions
        FOR EACH STATEMENT EXECUTE FUNCTION praxis_documents_notify()`);
    await q.query(`
      CREATE TRIGGER signatures_documents_notify AFTER INSERT ON signatures
        FOR EACH ROW EXECUTE FUNCTION praxis_documents_notify()`);
    // Like the audit triggers: also while replicating or restoring.
    for (const [table, trigger] of [
      ['revisions', 'revisions_documents_notify'],
      ['revisions', 'revisions_documents_notify_truncate'],
      ['signatures', 'signatures_documents_notify'],
    ])
      await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${trigger}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER signatures_documents_notify ON signatures`);
    await q.query(`DROP TRIGGER revisions_documents_notify_truncate ON revisions`);
    await q.query(`DROP TRIGGER revisions_documents_notify ON revisions`);
    await q.query(`DROP FUNCTION praxis_documents_notify()`);
  }
}
