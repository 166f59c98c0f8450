import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** Advisory lock so that app instances starting together migrate one at a time. */
const MIGRATION_LOCK = 0x5052584d;

/** Applies pending migrations (each in its own transaction); returns their names. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url, 1)).initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await ds.destroy();
  }
}
