import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity, access and the audit trail. The database keeps the rules itself:
 * unique e-mails and department codes, valid roles, and an audit table that is
 * append-only and refuses any row that does not extend the hash chain.
 */
export class Platform1764100000000 implements MigrationInterface {
  name = 'Platform1764100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9]{1,9}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) <= 320),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (
          cardinality(roles) > 0
          AND roles <@ ARRAY['admin','quality_lead','approver','staff','auditor']::text[]
        ),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_created_idx ON users (created_at, id)`);
    await q.query(`
      CREATE TABLE user_departments (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES departments(id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, department_id)
      )`);
    await q.query(
      `CREATE INDEX user_departments_department_idx ON user_departments (department_id)`,
    );
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        key_hash char(64) NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        -- millisecond precision, so the list cursor (an ISO time) compares exactly
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at)`);
    await q.query(`
      CREATE TABLE auth_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);

    // Audit events enter unsealed (seq, prev_hash and hash NULL) in the writer's own
    // transaction, so writers never queue behind each other. The sealer
    // (audit-sealer.service.ts) then chains committed events in batches: it gives
    // each the next seq, the previous hash and its own hash. Sealing is the only
    // change the table accepts, and only once per row.
    await q.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY,
        pos bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        seq bigint UNIQUE CHECK (seq > 0),
        occurred_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        actor_type text NOT NULL CHECK (actor_type IN ('user','api_key','system')),
        actor_id uuid,
        action text NOT NULL CHECK (action ~ '^[a-z_]+(\\.[a-z_]+)+$'),
        entity_type text NOT NULL,
        entity_id uuid,
        data jsonb NOT NULL,
        prev_hash char(64) UNIQUE,
        hash char(64) UNIQUE,
        CONSTRAINT audit_events_sealed_whole CHECK (
          (seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
          OR (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX audit_events_unsealed_idx ON audit_events (pos) WHERE seq IS NULL`);
    await q.query(
      `CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, seq)`,
    );
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq)`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, seq)`);
    await q.query(`CREATE INDEX audit_events_time_idx ON audit_events (occurred_at, seq)`);

    // Append-only. ENABLE ALWAYS keeps the triggers on even under
    // session_replication_role = replica.
    await q.query(`
      CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
            RAISE EXCEPTION 'audit events are inserted unsealed; only the sealer chains them'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
           AND NEW.id = OLD.id AND NEW.pos = OLD.pos AND NEW.occurred_at = OLD.occurred_at
           AND NEW.actor_type = OLD.actor_type AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
           AND NEW.action = OLD.action AND NEW.entity_type = OLD.entity_type
           AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.data = OLD.data THEN
          RETURN NEW; -- sealing: the one change allowed, once
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()`);
    // A sealed event must extend the chain: seq 1 starts from 64 zeros, every other
    // seq links to the hash of seq - 1. Checked after the whole sealing statement, so
    // a batch may update its rows in any order. With seq and prev_hash unique, the
    // chain can neither fork nor skip.
    await q.query(`
      CREATE FUNCTION audit_events_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.seq = 1 AND NEW.prev_hash = repeat('0', 64) THEN RETURN NULL; END IF;
        IF NEW.seq > 1 AND EXISTS (
          SELECT 1 FROM audit_events WHERE seq = NEW.seq - 1 AND hash = NEW.prev_hash) THEN
          RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit event % does not extend the chain', NEW.seq
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_link AFTER UPDATE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_check_link()`);
    await q.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only`);
    await q.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate`);
    await q.query(`ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_link`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_check_link()`);
    await q.query(`DROP FUNCTION audit_events_guard()`);
    await q.query(`DROP TABLE auth_throttle, api_keys, user_departments, users, departments`);
  }
}
