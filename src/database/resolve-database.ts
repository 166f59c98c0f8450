import path from 'node:path';
import { Client } from 'pg';
import { Env } from '../config/config';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedPostgresHandle | null;
}

const EMBEDDED_DATABASE = 'praxis';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR/pg, with database `praxis`. */
export async function resolveDatabase(env: Env): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(env.DATA_DIR, 'pg'),
    port: env.EMBEDDED_PG_PORT,
  });
  try {
    await ensureDatabase(embedded.url(), EMBEDDED_DATABASE);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return { url: embedded.url(EMBEDDED_DATABASE), embedded };
}

/** Creates a database on the server if it is missing. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
