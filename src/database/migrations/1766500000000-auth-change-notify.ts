import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can end or alter a principal (a user's activity, roles, name, e-mail
 * or token generation; an API key's revocation; a session's end, or its last-seen time
 * set back; any delete or truncate)
 * sends NOTIFY praxis_auth with the user's id ('*' for a truncate) when it commits. Each
 * instance's principal cache (src/auth/principal-cache.ts) listens and drops that user's
 * entries, so no writer, however it reaches these tables, can leave a stale principal.
 */
export class AuthChangeNotify1766500000000 implements MigrationInterface {
  name = 'AuthChangeNotify1766500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION praxis_auth_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('praxis_auth', '*');
        ELSIF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('praxis_auth', COALESCE(NEW.id, OLD.id)::text);
        ELSE
          PERFORM pg_notify('praxis_auth', COALESCE(NEW.user_id, OLD.user_id)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_auth_notify AFTER UPDATE ON users FOR EACH ROW
        WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.roles IS DISTINCT FROM NEW.roles
           OR OLD.token_generation IS DISTINCT FROM NEW.token_generation
           OR OLD.email IS DISTINCT FROM NEW.email OR OLD.name IS DISTINCT FROM NEW.name
           OR OLD.id IS DISTINCT FROM NEW.id)
        EXECUTE FUNCTION praxis_auth_notify()`);
    await q.query(`
      CREATE TRIGGER api_keys_auth_notify AFTER UPDATE ON api_keys FOR EACH ROW
        WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.user_id IS DISTINCT FROM NEW.user_id
           OR OLD.key_hash IS DISTINCT FROM NEW.key_hash)
        EXECUTE FUNCTION praxis_auth_notify()`);
    await q.query(`
      CREATE TRIGGER sessions_auth_notify AFTER UPDATE ON sessions FOR EACH ROW
        WHEN (OLD.ended_at IS DISTINCT FROM NEW.ended_at OR OLD.user_id IS DISTINCT FROM NEW.user_id
           OR OLD.token_hash IS DISTINCT FROM NEW.token_hash OR OLD.generation IS DISTINCT FROM NEW.generation
           OR OLD.created_at IS DISTINCT FROM NEW.created_at
           -- last seen moved back (set by hand: idle expiry now); the once-a-minute
           -- touch moves it forward and needs no notice
           OR OLD.last_seen_at > NEW.last_seen_at)
        EXECUTE FUNCTION praxis_auth_notify()`);
    for (const table of ['users', 'api_keys', 'sessions']) {
      await q.query(`
        CREATE TRIGGER ${table}_auth_notify_delete AFTER DELETE ON ${table} FOR EACH ROW
          EXECUTE FUNCTION praxis_auth_notify()`);
      await q.query(`
        CREATE TRIGGER ${table}_auth_notify_truncate AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION praxis_auth_notify()`);
      // Like the audit triggers: also while replicating or restoring.
      for (const t of [`${table}_auth_notify_delete`, `${table}_auth_notify_truncate`])
        await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${t}`);
      await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${table}_auth_notify`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'api_keys', 'sessions']) {
      for (const t of ['auth_notify', 'auth_notify_delete', 'auth_notify_truncate'])
        await q.query(`DROP TRIGGER ${table}_${t} ON ${table}`);
    }
    await q.query(`DROP FUNCTION praxis_auth_notify()`);
  }
}
