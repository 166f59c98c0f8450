import { EntityManager, QueryFailedError } from 'typeorm';

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a hot statement as a named prepared statement: each pooled connection parses it
 * once, and PostgreSQL can keep a generic plan instead of planning every call (planning
 * a statement of several CTEs cost more than running it). For statements on every
 * request only; `name` must always go with the same `text`. Inside the caller's
 * transaction when `em` has one, else on any pooled connection (the statement is its
 * own transaction). Driver errors come back as TypeORM's QueryFailedError, as em.query
 * gives them, so the problem filter maps them the same way.
 */
export async function preparedQuery<T>(
  em: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = em.queryRunner as { databaseConnection?: PgQueryable } | undefined;
  const target: PgQueryable =
    em.queryRunner?.isTransactionActive && runner?.databaseConnection
      ? runner.databaseConnection
      : (em.connection.driver as unknown as { master: PgQueryable }).master;
  try {
    return (await target.query({ name, text, values })).rows as T[];
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
}
