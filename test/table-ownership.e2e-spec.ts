import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TABLE_OWNERS } from '../src/database/table-owners';
import { createTestDatabase } from './helpers/app';
import { controllersWithSql, tablesIn, tableUses } from './helpers/sql-tables';

async function migratedTables(): Promise<string[]> {
  const db = await createTestDatabase();
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await c.end();
    await db.drop();
  }
}

describe('table ownership (ARCHITECTURE.md §2)', () => {
  let tables: string[];
  beforeAll(async () => {
    tables = await migratedTables();
  });

  it('gives every migrated table exactly one owning module, and names no table that does not exist', () => {
    const owners: Record<string, string> = TABLE_OWNERS;
    expect(tables.filter((t) => !owners[t])).toEqual([]);
    expect(Object.keys(owners).filter((t) => !tables.includes(t))).toEqual([]);
  });

  it("lets a module's SQL name only the tables it owns", () => {
    const owners: Record<string, string> = TABLE_OWNERS;
    const uses = tableUses(join(__dirname, '..'), new Set(tables));
    expect(uses.length).toBeGreaterThan(50); // the scan does find SQL
    const foreign = uses.filter((u) => owners[u.table] !== u.module);
    expect(foreign.map((u) => `${u.module} ${u.file} ${u.table}`)).toEqual([]);
  });

  it('ARCHITECTURE.md §2 names the same owner for every table as table-owners.ts', () => {
    const doc = readFileSync(join(__dirname, '..', 'ARCHITECTURE.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## 2. '), doc.indexOf('## 3. '));
    const documented: Record<string, string> = {};
    for (const [, tables, owner] of section.matchAll(/^\| ((?:`[a-z_]+`(?:, )?)+) \| ([a-z]+)/gm))
      for (const [, t] of tables.matchAll(/`([a-z_]+)`/g)) documented[t] = owner;
    expect(documented).toEqual(TABLE_OWNERS);
  });

  it('keeps SQL out of controllers', () => {
    expect(controllersWithSql(join(__dirname, '..'))).toEqual([]);
  });

  it('finds the tables in the SQL shapes the code uses', () => {
    const known = new Set(['users', 'departments', 'documents', 'revisions', 'outbox']);
    const sql = `WITH documents AS (SELECT 1) SELECT u.id FROM users u, departments d
      JOIN revisions r ON r.id = $1 -- FROM outbox
      WHERE d.name = 'FROM outbox' FOR UPDATE OF u`;
    expect(tablesIn(sql, known).sort()).toEqual(['departments', 'revisions', 'users']);
    expect(tablesIn('TRUNCATE public.users; UPDATE "revisions" SET x = 1', known)).toEqual([
      'users',
      'revisions',
    ]);
    expect(tablesIn(`INSERT INTO outbox (id) SELECT 1; DELETE FROM documents`, known)).toEqual([
      'outbox',
      'documents',
    ]);
  });
});
