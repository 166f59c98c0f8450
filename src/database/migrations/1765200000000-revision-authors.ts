import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separation of duties. Everyone who changed the body of a revision is one of its
 * authors (author_ids; the creator always is), and no author may review or approve
 * it: the database refuses a submission naming an author as reviewer or approver,
 * and a "reviewed" or "approved" signature by an author, so no path around the
 * service's checks can let someone sign off their own words. A signature also needs
 * an active signer holding a signing role at the moment it is written (a demoted
 * approver cannot sign what they were assigned before). A submission naming the same
 * signer twice is refused too (it could never be completed).
 */
export class RevisionAuthors1765200000000 implements MigrationInterface {
  name = 'RevisionAuthors1765200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE revisions ADD COLUMN author_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE revisions SET author_ids = ARRAY[author_id]`);
    await q.query(`
      CREATE FUNCTION revisions_guard_authors() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT NEW.author_id = ANY(NEW.author_ids) THEN
          NEW.author_ids := NEW.author_ids || NEW.author_id;
        END IF;
        IF TG_OP = 'UPDATE' AND NOT OLD.author_ids <@ NEW.author_ids THEN
          RAISE EXCEPTION 'the authors of a revision cannot be forgotten'
            USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status = 'in_review' AND (TG_OP = 'INSERT' OR OLD.status <> 'in_review'
            OR NEW.reviewer_ids IS DISTINCT FROM OLD.reviewer_ids
            OR NEW.approver_ids IS DISTINCT FROM OLD.approver_ids) THEN
          IF NEW.reviewer_ids && NEW.author_ids OR NEW.approver_ids && NEW.author_ids THEN
            RAISE EXCEPTION 'an author of a revision cannot review or approve it'
              USING ERRCODE = 'check_violation';
          END IF;
          IF cardinality(NEW.reviewer_ids) <> (SELECT count(DISTINCT x) FROM unnest(NEW.reviewer_ids) x)
             OR cardinality(NEW.approver_ids) <> (SELECT count(DISTINCT x) FROM unnest(NEW.approver_ids) x) THEN
            RAISE EXCEPTION 'a signer is named twice' USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER revisions_authors BEFORE INSERT OR UPDATE ON revisions
      FOR EACH ROW EXECUTE FUNCTION revisions_guard_authors()`);
    // The signing roles are SIGNER_ROLES in src/documents/lifecycle.ts.
    await q.query(`
      CREATE FUNCTION signatures_guard_signer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.meaning IN ('reviewed', 'approved') AND EXISTS (
             SELECT 1 FROM revisions r WHERE r.id = NEW.revision_id AND NEW.signer_id = ANY(r.author_ids)) THEN
          RAISE EXCEPTION 'an author of a revision cannot review or approve it'
            USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.signer_id AND u.active
                          AND u.roles && ARRAY['admin', 'quality_lead', 'approver']::text[]) THEN
          RAISE EXCEPTION 'the signer does not hold a signing role' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER signatures_signer BEFORE INSERT ON signatures
      FOR EACH ROW EXECUTE FUNCTION signatures_guard_signer()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER signatures_signer ON signatures`);
    await q.query(`DROP FUNCTION signatures_guard_signer()`);
    await q.query(`DROP TRIGGER revisions_authors ON revisions`);
    await q.query(`DROP FUNCTION revisions_guard_authors()`);
    await q.query(`ALTER TABLE revisions DROP COLUMN author_ids`);
  }
}
