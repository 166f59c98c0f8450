import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Controlled documents, their revisions and e-signatures. The database keeps the
 * rules: unique numbers, at most one effective and one open revision per
 * document, immutable bodies once a revision leaves draft, and signatures that can
 * be neither changed nor removed.
 */
export class Documents1764200000000 implements MigrationInterface {
  name = 'Documents1764200000000';

  public async up(q: QueryRunner): Promise<void> {
    // Per-prefix counters (SOP-QA, WI-GEN…): the row is locked by the creating
    // transaction, so numbers are unique and gaps only come from rollbacks.
    await q.query(`
      CREATE TABLE document_number_counters (
        prefix text PRIMARY KEY,
        last_value integer NOT NULL CHECK (last_value >= 0)
      )`);
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE CHECK (number ~ '^(SOP|WI|POL|FRM)-[A-Z][A-Z0-9]{1,9}-[0-9]{4,}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        type text NOT NULL CHECK (type IN ('sop','work_instruction','policy','form')),
        department_id uuid REFERENCES departments(id),
        owner_id uuid NOT NULL REFERENCES users(id),
        category text CHECK (length(category) <= 100),
        template_key text,
        review_interval_months integer NOT NULL DEFAULT 24 CHECK (review_interval_months BETWEEN 1 AND 120),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','effective','obsolete')),
        next_review_due date,
        review_due_flagged_on date,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        retired_reason text
      )`);
    await q.query(`CREATE INDEX documents_list_idx ON documents (created_at, id)`);
    await q.query(
      `CREATE INDEX documents_review_due_idx ON documents (next_review_due) WHERE status = 'effective'`,
    );

    await q.query(`
      CREATE TABLE revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents(id),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','in_review','approved','effective','superseded','obsolete')),
        change_level text NOT NULL CHECK (change_level IN ('major','minor')),
        label_major integer,
        label_minor integer,
        label text GENERATED ALWAYS AS (label_major || '.' || label_minor) STORED,
        change_summary text NOT NULL DEFAULT '' CHECK (length(change_summary) <= 2000),
        reason text CHECK (length(reason) <= 4000),
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL DEFAULT '',
        content_sha256 char(64) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        review_round integer NOT NULL DEFAULT 0,
        reviewer_ids uuid[] NOT NULL DEFAULT '{}',
        approver_ids uuid[] NOT NULL DEFAULT '{}',
        proposal_ids uuid[] NOT NULL DEFAULT '{}',
        -- millisecond precision, so the history cursor (an ISO time) compares exactly
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        approved_at timestamptz,
        effective_from timestamptz,
        superseded_at timestamptz,
        obsoleted_at timestamptz,
        search tsvector,
        CHECK ((label_major IS NULL) = (label_minor IS NULL)),
        UNIQUE (document_id, label_major, label_minor)
      )`);
    await q.query(
      `CREATE INDEX revisions_document_idx ON revisions (document_id, created_at DESC)`,
    );
    // One effective revision per document; one open (draft, in review, or approved
    // and waiting for its effective date) revision per document.
    await q.query(
      `CREATE UNIQUE INDEX revisions_one_effective ON revisions (document_id) WHERE status = 'effective'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX revisions_one_open ON revisions (document_id) WHERE status IN ('draft','in_review','approved')`,
    );
    await q.query(
      `CREATE INDEX revisions_due_idx ON revisions (effective_from) WHERE status = 'approved'`,
    );
    await q.query(
      `CREATE INDEX revisions_search_idx ON revisions USING gin (search) WHERE status = 'effective'`,
    );

    // The body can only change while a revision is a draft, and its hash is always
    // the SHA-256 of the body as stored.
    await q.query(`
      CREATE FUNCTION revisions_guard_body() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.body IS DISTINCT FROM OLD.body AND OLD.status <> 'draft' THEN
          RAISE EXCEPTION 'the body of a % revision cannot change', OLD.status
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.document_id <> OLD.document_id THEN
          RAISE EXCEPTION 'a revision cannot move to another document' USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.content_sha256 := encode(sha256(convert_to(NEW.body, 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER revisions_body BEFORE INSERT OR UPDATE ON revisions
      FOR EACH ROW EXECUTE FUNCTION revisions_guard_body()`);
    await q.query(`
      CREATE FUNCTION revisions_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'revisions are kept: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER revisions_keep BEFORE DELETE ON revisions
      FOR EACH ROW EXECUTE FUNCTION revisions_refuse_delete()`);

    await q.query(`
      CREATE TABLE signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        revision_id uuid NOT NULL REFERENCES revisions(id),
        review_round integer NOT NULL,
        signer_id uuid NOT NULL REFERENCES users(id),
        signer_name text NOT NULL,
        meaning text NOT NULL CHECK (meaning IN ('reviewed','approved','rejected')),
        comment text CHECK (length(comment) <= 4000),
        signed_at timestamptz NOT NULL DEFAULT now(),
        content_sha256 char(64) NOT NULL,
        UNIQUE (revision_id, review_round, signer_id, meaning)
      )`);
    await q.query(`CREATE INDEX signatures_revision_idx ON signatures (revision_id, signed_at)`);
    await q.query(`
      CREATE FUNCTION signatures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'signatures cannot be changed or removed: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER signatures_immutable BEFORE UPDATE OR DELETE ON signatures
      FOR EACH ROW EXECUTE FUNCTION signatures_refuse_change()`);
    await q.query(`
      CREATE TRIGGER signatures_no_truncate BEFORE TRUNCATE ON signatures
      FOR EACH STATEMENT EXECUTE FUNCTION signatures_refuse_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signatures, revisions, documents, document_number_counters`);
    await q.query(
      `DROP FUNCTION signatures_refuse_change(), revisions_refuse_delete(), revisions_guard_body()`,
    );
  }
}
