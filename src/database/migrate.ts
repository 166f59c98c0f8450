import { parseEnv } from '../config/config';
import { resolveDatabase } from './resolve-database';
import { runMigrations } from './run-migrations';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL, or to the embedded database. */
async function main(): Promise<void> {
  const db = await resolveDatabase(parseEnv(process.env));
  try {
    const applied = await runMigrations(db.url);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  } finally {
    await db.embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
