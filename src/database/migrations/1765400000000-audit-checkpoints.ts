import { MigrationInterface, QueryRunner } from 'typeorm';

/** The guard of 1764100000000-platform.ts, with the INSERT branch as given. */
const guard = (onInsert: string) => `
  CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
        RAISE EXCEPTION 'audit events are inserted unsealed; only the sealer chains them'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      ${onInsert}
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
  END $$`;

/**
 * Audit hardening. (1) The database stamps every audit event with its own clock at
 * insert, whatever the client sent, so nobody with INSERT rights can back-date one.
 * (2) Signed checkpoints of the chain head (audit-checkpoint.service.ts): a checkpoint
 * covers the chain up to and including `seq`, whose hash was `hash` at `time`, signed
 * with the instance's Ed25519 key. Copies go to webhook subscribers and exports, so a
 * rewrite by someone who can switch the triggers off (re-hashing after an edit,
 * dropping the newest events) no longer verifies. Append-only like audit_events.
 */
export class AuditCheckpoints1765400000000 implements MigrationInterface {
  name = 'AuditCheckpoints1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(guard(`NEW.occurred_at := date_trunc('milliseconds', clock_timestamp());`));

    await q.query(`
      CREATE TABLE audit_checkpoints (
        id uuid PRIMARY KEY,
        seq bigint NOT NULL UNIQUE CHECK (seq > 0),
        hash char(64) NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        time timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_checkpoints_key_idx ON audit_checkpoints (key_id, seq)`);
    await q.query(`
      CREATE FUNCTION audit_checkpoints_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_guard()`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_guard()`);
    await q.query(
      `ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_append_only`,
    );
    await q.query(
      `ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_no_truncate`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_checkpoints`);
    await q.query(`DROP FUNCTION audit_checkpoints_guard()`);
    await q.query(guard(''));
  }
}
