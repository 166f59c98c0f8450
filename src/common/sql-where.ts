/**
 * Builds a parameterised WHERE clause from optional filters: each `?` in a
 * condition becomes the next $n, and the values go into `params`, never into the SQL.
 */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  constructor(...always: string[]) {
    this.conditions.push(...always);
  }

  /** Adds a condition; its `?` placeholders take `values` in order. */
  add(condition: string, ...values: unknown[]): this {
    let sql = condition;
    for (const v of values) sql = sql.replace('?', `$${this.params.push(v)}`);
    this.conditions.push(sql);
    return this;
  }

  /** A parameter for use outside the clause (e.g. LIMIT); returns its placeholder. */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  /** `WHERE a AND b`, or nothing when there are no conditions. */
  clause(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
