import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An assignment's unique key becomes (revision_id, user_id), and a user's assignments
 * are found by a plain index on user_id.
 *
 * A fan-out writes one revision's rows. Under (user_id, revision_id) each of its 50,000
 * entries landed on another user's leaf page of a key that holds every assignment ever
 * made (6 million at a real site's history: ~50,000 leaf pages), and each page first
 * touched after a checkpoint is written to the WAL in full (~440 MB per fan-out).
 * Under (revision_id, user_id) a new revision's entries (time-ordered ids) fill fresh
 * pages at the right of the key. A user's entries still land at random places in
 * training_assignments_user_idx, but its entries are half the size (one uuid), so it has
 * half the leaf pages to touch. Measured at that history (bench:training): the fan-out's
 * median 2.91 s before, 1.47 s after.
 *
 * Not deduplicated: with one posting list per user the index was a third of that size
 * and the fan-out 0.1 s faster, but every acknowledgement (an update that does not touch
 * user_id, so not HOT while status is indexed) rewrote a posting list: PostgreSQL CPU
 * per acknowledgement went from ~0.6 to ~1.3 ms and one instance's rate from ~1,250/s
 * to ~1,065/s; without deduplication it is ~0.5 ms and ~1,940/s.
 *
 * The fan-out names the key ON CONFLICT (revision_id, user_id); inference matches columns,
 * not their order. A user's assignments read through either index fetch their rows
 * from the table, as before (status, due dates and documents were never in the key).
 */
export class AssignmentKeyOrder1766800000000 implements MigrationInterface {
  name = 'AssignmentKeyOrder1766800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE training_assignments
        ADD CONSTRAINT training_assignments_revision_id_user_id_key UNIQUE (revision_id, user_id)`);
    await q.query(
      `ALTER TABLE training_assignments DROP CONSTRAINT training_assignments_user_id_revision_id_key`,
    );
    await q.query(
      `CREATE INDEX training_assignments_user_idx ON training_assignments (user_id) WITH (deduplicate_items = off)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE training_assignments
        ADD CONSTRAINT training_assignments_user_id_revision_id_key UNIQUE (user_id, revision_id)`);
    await q.query(`DROP INDEX training_assignments_user_idx`);
    await q.query(
      `ALTER TABLE training_assignments DROP CONSTRAINT training_assignments_revision_id_user_id_key`,
    );
  }
}
