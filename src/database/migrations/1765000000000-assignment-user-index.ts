import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops (user_id, status, due_at): the unique key (user_id, revision_id) already finds a
 * user's assignments (a few hundred over years), and every index led by user_id takes the
 * rows of a fan-out at random places. With six million assignments, each such index cost a
 * fan-out of 50,000 about a second of page reads and writes, and every acknowledgement
 * (it changes the status, so no HOT update) one more index entry.
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
