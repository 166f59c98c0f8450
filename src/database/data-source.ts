import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** One place that says how Praxis talks to PostgreSQL; used by the app, the CLI and tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // No entities: every statement is SQL written for its table (ARCHITECTURE.md §2).
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // Sessions run in UTC, so current_date and date casts mean the same on every server.
    // A server that does not answer at all (not even a refusal) fails a request after 10 s
    // (a 503) instead of holding it, and the workers, forever.
    extra: {
      max: poolSize,
      application_name: 'praxis',
      options: '-c TimeZone=UTC',
      connectionTimeoutMillis: 10_000,
    },
  };
}
