import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/run-migrations';
import { databaseUrl } from './helpers/db-url';

/**
 * Real PostgreSQL for the whole run: DATABASE_URL if set, else an embedded
 * cluster in .data/pg-test (fsync off: throwaway data). One template database is
 * migrated once; each test file clones its own from it (test/helpers/app.ts).
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: '.data/pg-test',
      port: Number(process.env.PRAXIS_TEST_PG_PORT ?? 25433),
      settings: {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '300',
      },
    });
    (globalThis as { __praxisPg?: unknown }).__praxisPg = pg;
    serverUrl = pg.url('postgres');
  }
  const template = `praxis_tpl_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrl(serverUrl, template));
  process.env.PRAXIS_TEST_SERVER_URL = serverUrl;
  process.env.PRAXIS_TEST_TEMPLATE = template;
}
