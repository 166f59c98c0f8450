import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read and understood: who must read which document, their assignments per
 * effective revision, and acknowledgements (immutable, one per user and revision).
 */
export class Training1764600000000 implements MigrationInterface {
  name = 'Training1764600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_requirements (
        document_id uuid PRIMARY KEY REFERENCES documents(id),
        department_ids uuid[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}'
          CHECK (roles <@ ARRAY['admin','quality_lead','approver','staff','auditor']::text[]),
        user_ids uuid[] NOT NULL DEFAULT '{}',
        due_in_days integer NOT NULL CHECK (due_in_days BETWEEN 0 AND 365),
        retrain_on_minor boolean NOT NULL DEFAULT false,
        require_signature boolean NOT NULL DEFAULT false,
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX training_requirements_departments_idx ON training_requirements USING gin (department_ids)`,
    );
    await q.query(
      `CREATE INDEX training_requirements_roles_idx ON training_requirements USING gin (roles)`,
    );
    await q.query(
      `CREATE INDEX training_requirements_users_idx ON training_requirements USING gin (user_ids)`,
    );

    // status: pending → overdue (past due) → done (acknowledged); superseded when a
    // newer revision became effective before it was done.
    await q.query(`
      CREATE TABLE training_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        document_id uuid NOT NULL REFERENCES documents(id),
        revision_id uuid NOT NULL REFERENCES revisions(id),
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','overdue','done','superseded')),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        superseded_at timestamptz,
        overdue_notified_at timestamptz,
        UNIQUE (user_id, revision_id)
      )`);
    await q.query(
      `CREATE INDEX training_assignments_revision_idx ON training_assignments (revision_id, status)`,
    );
    await q.query(
      `CREATE INDEX training_assignments_user_idx ON training_assignments (user_id, status, due_at)`,
    );
    await q.query(
      `CREATE INDEX training_assignments_due_idx ON training_assignments (due_at) WHERE status = 'pending'`,
    );
    // The overdue job's digest step: overdue assignments nobody has been told about yet.
    await q.query(
      `CREATE INDEX training_assignments_untold_idx ON training_assignments (user_id)
        WHERE status = 'overdue' AND overdue_notified_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE acknowledgements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        revision_id uuid NOT NULL REFERENCES revisions(id),
        document_id uuid NOT NULL REFERENCES documents(id),
        content_sha256 char(64) NOT NULL,
        meaning text NOT NULL DEFAULT 'read_and_understood' CHECK (meaning = 'read_and_understood'),
        signed boolean NOT NULL DEFAULT false,
        practice_matches boolean NOT NULL DEFAULT true,
        comment text CHECK (length(comment) <= 4000),
        proposal_id uuid,
        acknowledged_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        UNIQUE (user_id, revision_id)
      )`);
    await q.query(
      `CREATE INDEX acknowledgements_revision_idx ON acknowledgements (revision_id, acknowledged_at)`,
    );
    await q.query(
      `CREATE INDEX acknowledgements_user_document_idx ON acknowledgements (user_id, document_id)`,
    );
    await q.query(`
      CREATE FUNCTION acknowledgements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'acknowledgements cannot be changed or removed: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER acknowledgements_immutable BEFORE UPDATE OR DELETE ON acknowledgements
      FOR EACH ROW EXECUTE FUNCTION acknowledgements_refuse_change()`);
    await q.query(`
      CREATE TRIGGER acknowledgements_no_truncate BEFORE TRUNCATE ON acknowledgements
      FOR EACH STATEMENT EXECUTE FUNCTION acknowledgements_refuse_change()`);

    // The training report counts users per class (same departments, same roles), a pass
    // over every user. It keeps the classes while this version stands: every statement
    // that changes who is active, their roles or their departments bumps it, in its own
    // transaction, so a snapshot that reads the same version sees the same users.
    await q.query(`
      CREATE TABLE training_people_version (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO training_people_version DEFAULT VALUES`);
    await q.query(`
      CREATE FUNCTION training_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE training_people_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_training_people
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF active, roles ON users
      FOR EACH STATEMENT EXECUTE FUNCTION training_people_changed()`);
    await q.query(`
      CREATE TRIGGER user_departments_training_people
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE ON user_departments
      FOR EACH STATEMENT EXECUTE FUNCTION training_people_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER user_departments_training_people ON user_departments`);
    await q.query(`DROP TRIGGER users_training_people ON users`);
    await q.query(`DROP FUNCTION training_people_changed()`);
    await q.query(`DROP TABLE training_people_version`);
    await q.query(`DROP TABLE acknowledgements, training_assignments, training_requirements`);
    await q.query(`DROP FUNCTION acknowledgements_refuse_change()`);
  }
}
