import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Improvement proposals, who watches them, and their timeline (transitions and
 * comments). The database keeps the rules: unique numbers from one locked counter
 * row, valid kinds and statuses, a document for every kind but new_procedure, and
 * a timeline that can only grow.
 */
export class Proposals1764400000000 implements MigrationInterface {
  name = 'Proposals1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    // One row: the creating transaction holds its lock until commit, so numbers
    // are unique and in order, with gaps only from rollbacks.
    await q.query(`
      CREATE TABLE proposal_number_counter (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_value integer NOT NULL CHECK (last_value >= 0)
      )`);
    await q.query(`INSERT INTO proposal_number_counter (last_value) VALUES (0)`);
    const statuses = `('submitted','under_review','accepted','rejected','implemented','closed','withdrawn')`;
    await q.query(`
      CREATE TABLE proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE CHECK (number ~ '^IP-[0-9]{4,}$'),
        document_id uuid REFERENCES documents(id),
        revision_id uuid REFERENCES revisions(id),
        kind text NOT NULL CHECK (kind IN ('improvement','practice_deviation','error','new_procedure')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 20000),
        section text CHECK (length(section) BETWEEN 1 AND 300),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ${statuses}),
        submitter_id uuid NOT NULL REFERENCES users(id),
        assignee_id uuid REFERENCES users(id),
        triage_due_at timestamptz NOT NULL,
        decided_at timestamptz,
        implemented_at timestamptz,
        implemented_by_revision_id uuid REFERENCES revisions(id),
        closed_at timestamptz,
        -- millisecond precision, so the list cursor (an ISO time) compares exactly
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT proposals_document_required CHECK (document_id IS NOT NULL OR kind = 'new_procedure'),
        CONSTRAINT proposals_revision_needs_document CHECK (revision_id IS NULL OR document_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX proposals_list_idx ON proposals (created_at, id)`);
    await q.query(`CREATE INDEX proposals_document_idx ON proposals (document_id, created_at)`);
    await q.query(`CREATE INDEX proposals_submitter_idx ON proposals (submitter_id)`);
    await q.query(`CREATE INDEX proposals_assignee_idx ON proposals (assignee_id)`);
    await q.query(
      `CREATE INDEX proposals_triage_due_idx ON proposals (triage_due_at)
        WHERE status IN ('submitted','under_review')`,
    );
    await q.query(`
      CREATE TABLE proposal_watchers (
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (proposal_id, user_id)
      )`);
    await q.query(`CREATE INDEX proposal_watchers_user_idx ON proposal_watchers (user_id)`);
    // The timeline: a transition carries from/to and an optional comment, a comment its body.
    await q.query(`
      CREATE TABLE proposal_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        type text NOT NULL CHECK (type IN ('transition','comment')),
        actor_id uuid REFERENCES users(id),
        from_status text CHECK (from_status IN ${statuses}),
        to_status text CHECK (to_status IN ${statuses}),
        comment text CHECK (length(comment) <= 4000),
        body text CHECK (length(body) BETWEEN 1 AND 10000),
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        CHECK (
          (type = 'transition' AND from_status IS NOT NULL AND to_status IS NOT NULL AND body IS NULL)
          OR (type = 'comment' AND body IS NOT NULL AND from_status IS NULL AND to_status IS NULL AND comment IS NULL)
        )
      )`);
    await q.query(
      `CREATE INDEX proposal_events_timeline_idx ON proposal_events (proposal_id, seq)`,
    );
    await q.query(`
      CREATE FUNCTION proposal_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the proposal timeline is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER proposal_events_append_only BEFORE UPDATE OR DELETE ON proposal_events
      FOR EACH ROW EXECUTE FUNCTION proposal_events_refuse_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE proposal_events, proposal_watchers, proposals, proposal_number_counter`,
    );
    await q.query(`DROP FUNCTION proposal_events_refuse_change()`);
  }
}
