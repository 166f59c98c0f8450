import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable credentials. `users.token_generation` is copied into every access token
 * and session; bumping it (password change, deactivation, "sign out everywhere")
 * makes all of them stale at once, and re-activation cannot revive them.
 *
 * `sessions` backs the web app's cookie sign-in: only the SHA-256 of the token is
 * stored. Idle and absolute expiry are computed from `last_seen_at` and
 * `created_at` with the configured limits, so changing them applies to open sessions.
 */
export class Sessions1765300000000 implements MigrationInterface {
  name = 'Sessions1765300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0
         CHECK (token_generation >= 0)`,
    );
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash char(64) NOT NULL UNIQUE,
        generation integer NOT NULL,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE ended_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
    await q.query(`ALTER TABLE users DROP COLUMN token_generation`);
  }
}
