import { sql, SqlStatement } from './sql-statement';

describe('SqlStatement', () => {
  it('numbers every piece’s parameters in one sequence, in the order they appear', () => {
    const stmt = new SqlStatement();
    const src = stmt.with('src', sql('SELECT $2::int AS a, $1::text AS b', ['x', 1]));
    const out = stmt.with('out', sql`SELECT a, ${sql('$1', [true])} AS c FROM ${src}`);
    const { text, params } = stmt.build(sql`SELECT * FROM ${out} WHERE a = ${sql('$1', [7])}`);
    expect(params).toEqual(['x', 1, true, 7]);
    expect(text).toContain('src AS (SELECT $2::int AS a, $1::text AS b)');
    expect(text).toContain('out AS (SELECT a, $3 AS c FROM src)');
    expect(text).toMatch(/SELECT \* FROM out WHERE a = \$4$/);
  });

  it('gives a name already declared a suffix, and refuses a fixed name already taken', () => {
    const stmt = new SqlStatement();
    const [mine] = stmt.withAll(['notified'], sql('notified AS (SELECT 1)'));
    const theirs = stmt.with('notified', sql('SELECT 2'));
    expect([mine.name, theirs.name]).toEqual(['notified', 'notified_2']);
    expect(() => stmt.withAll(['notified_2'], sql('notified_2 AS (SELECT 3)'))).toThrow(
      /already declared/,
    );
  });

  it('leaves $n in literals, quoted names and comments alone and rejects stray placeholders', () => {
    const piece = sql(`SELECT '$1', "$2", $1 -- costs $3\n`, ['v']);
    expect(sql`${sql('$1', [0])}, ${piece}`.text).toBe(`$1, SELECT '$1', "$2", $2 -- costs $3\n`);
    expect(() => sql('SELECT $2', ['only one'])).toThrow(/\$2 but has 1/);
    expect(() => sql`SELECT $1`).toThrow(/\$1 but has 0/);
  });
});
