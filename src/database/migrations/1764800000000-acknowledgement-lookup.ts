import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Has this user acknowledged this revision?" is asked on every acknowledgement. With
 * both (user_id, revision_id) unique and (revision_id, acknowledged_at) indexed, the
 * planner — whose statistics never know how many acknowledgements a newly effective
 * revision has already gathered — chose the revision index and filtered every one of
 * them by user: linear in the crowd, exactly when everyone is acknowledging. One index
 * keyed (revision_id, user_id) answers the lookup, the uniqueness and the per-revision
 * scans alike; the list by time sorts the revision's rows instead.
 */
export class AcknowledgementLookup1764800000000 implements MigrationInterface {
  name = 'AcknowledgementLookup1764800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE acknowledgements
        ADD CONSTRAINT acknowledgements_revision_user_key UNIQUE (revision_id, user_id)`);
    await q.query(
      `ALTER TABLE acknowledgements DROP CONSTRAINT acknowledgements_user_id_revision_id_key`,
    );
    await q.query(`DROP INDEX acknowledgements_revision_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX acknowledgements_revision_idx ON acknowledgements (revision_id, acknowledged_at)`,
    );
    await q.query(
      `ALTER TABLE acknowledgements ADD CONSTRAINT acknowledgements_user_id_revision_id_key UNIQUE (user_id, revision_id)`,
    );
    await q.query(
      `ALTER TABLE acknowledgements DROP CONSTRAINT acknowledgements_revision_user_key`,
    );
  }
}
