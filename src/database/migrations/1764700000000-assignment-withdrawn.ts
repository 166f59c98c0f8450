import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignments can be withdrawn: no longer required because the document was retired
 * or the requirement no longer covers the user (narrowed, moved, lost a role,
 * deactivated). withdrawn_at says when; it is set exactly while the status is
 * withdrawn (a reopened row clears it).
 */
export class AssignmentWithdrawn1764700000000 implements MigrationInterface {
  name = 'AssignmentWithdrawn1764700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE training_assignments ADD COLUMN withdrawn_at timestamptz`);
    await q.query(
      `ALTER TABLE training_assignments DROP CONSTRAINT training_assignments_status_check`,
    );
    await q.query(`
      ALTER TABLE training_assignments
        ADD CONSTRAINT training_assignments_status_check
          CHECK (status IN ('pending','overdue','done','superseded','withdrawn')),
        ADD CONSTRAINT training_assignments_withdrawn_at_check
          CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE training_assignments DROP CONSTRAINT training_assignments_withdrawn_at_check`,
    );
    // The old schema has no withdrawn state: the nearest is superseded (closed, not done).
    await q.query(`
      UPDATE training_assignments SET status = 'superseded', superseded_at = withdrawn_at
       WHERE status = 'withdrawn'`);
    await q.query(`
      ALTER TABLE training_assignments
        DROP CONSTRAINT training_assignments_status_check,
        ADD CONSTRAINT training_assignments_status_check
          CHECK (status IN ('pending','overdue','done','superseded'))`);
    await q.query(`ALTER TABLE training_assignments DROP COLUMN withdrawn_at`);
  }
}
