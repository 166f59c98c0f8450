import { MigrationInterface, QueryRunner } from 'typeorm';

const appendOnly = (table: string) => [
  `CREATE FUNCTION ${table}_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '${table} is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION ${table}_guard()`,
  `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
     FOR EACH STATEMENT EXECUTE FUNCTION ${table}_guard()`,
];

/**
 * Evidence for auditors (src/evidence). Controlled copies: every PDF download is a
 * numbered copy of a revision, numbers from 1 per revision without gaps or repeats
 * (a counter row per revision, incremented in the copy's transaction). Evidence packs:
 * one row per export. Signing keys: every public key the instance has signed with, so
 * packs and checkpoints signed before a key rotation still verify. All append-only.
 */
export class Evidence1765500000000 implements MigrationInterface {
  name = 'Evidence1765500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE controlled_copy_counters (
        revision_id uuid PRIMARY KEY REFERENCES revisions(id),
        last_number integer NOT NULL CHECK (last_number > 0)
      )`);
    await q.query(`
      CREATE TABLE controlled_copies (
        id uuid PRIMARY KEY,
        revision_id uuid NOT NULL REFERENCES revisions(id),
        copy_number integer NOT NULL CHECK (copy_number > 0),
        issued_to uuid NOT NULL REFERENCES users(id),
        issued_to_name text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        UNIQUE (revision_id, copy_number)
      )`);
    await q.query(`
      CREATE TABLE evidence_packs (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents(id),
        exported_by uuid NOT NULL REFERENCES users(id),
        window_from timestamptz,
        window_to timestamptz,
        key_id text NOT NULL,
        exported_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        CHECK (window_from IS NULL OR window_to IS NULL OR window_from < window_to)
      )`);
    await q.query(`CREATE INDEX evidence_packs_document_idx ON evidence_packs (document_id)`);
    await q.query(`
      CREATE TABLE signing_keys (
        key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{64}$'),
        algorithm text NOT NULL CHECK (algorithm = 'Ed25519'),
        public_key_pem text NOT NULL,
        first_used_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
      )`);
    for (const table of ['controlled_copies', 'evidence_packs', 'signing_keys']) {
      for (const sql of appendOnly(table)) await q.query(sql);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['signing_keys', 'evidence_packs', 'controlled_copies']) {
      await q.query(`DROP TABLE ${table}`);
      await q.query(`DROP FUNCTION ${table}_guard()`);
    }
    await q.query(`DROP TABLE controlled_copy_counters`);
  }
}
