import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the user was (last) asked to read: set when the assignment is created and when a
 * withdrawn one is reopened. A fan-out's notifications are written by the outbox
 * dispatcher after the fan-out commits, for the assignments its event names by
 * revision and this time — not inside the publishing transaction, where 50,000
 * notification rows doubled its cost. Existing rows take their creation time.
 */
export class AssignmentAssignedAt1764900000000 implements MigrationInterface {
  name = 'AssignmentAssignedAt1764900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE training_assignments ADD COLUMN assigned_at timestamptz`);
    await q.query(`UPDATE training_assignments SET assigned_at = created_at`);
    await q.query(`
      ALTER TABLE training_assignments
        ALTER COLUMN assigned_at SET NOT NULL,
        ALTER COLUMN assigned_at SET DEFAULT now()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE training_assignments DROP COLUMN assigned_at`);
  }
}
