import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops (user_id, status, due_at): the unique key (user_id, revision_id) already finds a
 * user's assignments (a few hundred over years), and every index led by user_id takes the
 * rows of a fan-out at random places: with six million assignments, dropping this one took
 * the bench's fan-out of 50,000 from 3.7 to 3.2 s (page reads, and a full-page image in the
 * WAL for each page first touched after a checkpoint). Every acknowledgement changes the
 * status (no HOT update), so it also writes one index entry fewer.
 */
export class AssignmentUserIndex1765000000000 implements MigrationInterface {
  name = 'AssignmentUserIndex1765000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX training_assignments_user_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX training_assignments_user_idx ON training_assignments (user_id, status, due_at)`,
    );
  }
}
