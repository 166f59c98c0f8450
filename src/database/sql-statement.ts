/**
 * Typed composition of one SQL statement out of pieces written by different modules
 * (a change, its audit event, its notifications), so the pieces still run as ONE
 * statement — one round trip, one snapshot, atomic — without passing SQL text, CTE
 * names or parameter positions between modules as strings.
 *
 * One numbering scheme: every piece numbers its own parameters from $1 (`sql(text,
 * params)`). Pieces combine with the `sql` tag (`sql\`… ${piece} …\``), whose
 * interpolations can only be pieces or CTE names, never plain values; the combined
 * piece's parameters are the pieces' in order, and their placeholders are shifted to
 * match. `SqlStatement` declares the CTEs (a name already taken gets a suffix, so two
 * modules' pieces never clash) and assembles `WITH … <final>` with one parameter list.
 *
 * Placeholders are found outside string literals, quoted identifiers and comments;
 * dollar-quoted bodies are not supported in pieces.
 */

/** A piece of SQL with the parameters its $1…$n stand for. */
export class Sql {
  private constructor(
    /** The text between placeholders (one more than `slots`). */
    private readonly chunks: readonly string[],
    /** Which parameter (0-based) each placeholder stands for. */
    private readonly slots: readonly number[],
    readonly params: readonly unknown[],
  ) {}

  /** A piece whose text numbers its own parameters $1…$n, in the order of `params`. */
  static of(text: string, params: readonly unknown[] = []): Sql {
    const { chunks, slots } = compile(text);
    const bad = slots.find((i) => i >= params.length);
    if (bad !== undefined) {
      throw new Error(`SQL piece uses $${bad + 1} but has ${params.length} parameter(s)`);
    }
    return new Sql(chunks, slots, params);
  }

  /** Pieces combined in order: each one's placeholders shifted past the ones before it. */
  static concat(parts: readonly (string | Sql | Cte)[]): Sql {
    const chunks = [''];
    const slots: number[] = [];
    const params: unknown[] = [];
    for (const part of parts) {
      if (!(part instanceof Sql)) {
        const text = typeof part === 'string' ? Sql.of(part).text : part.name;
        chunks[chunks.length - 1] += text; // a bare placeholder in `part` has thrown
        continue;
      }
      chunks[chunks.length - 1] += part.chunks[0];
      for (let i = 0; i < part.slots.length; i++) {
        slots.push(part.slots[i] + params.length);
        chunks.push(part.chunks[i + 1]);
      }
      for (const p of part.params) params.push(p);
    }
    return new Sql(chunks, slots, params);
  }

  /** The text, with this piece's placeholders $1…$n. */
  get text(): string {
    let text = this.chunks[0];
    for (let i = 0; i < this.slots.length; i++)
      text += `$${this.slots[i] + 1}${this.chunks[i + 1]}`;
    return text;
  }
}

/** A CTE declared in a statement: interpolated into a piece, it is the CTE's name. */
export class Cte {
  constructor(readonly name: string) {}
}

/**
 * `sql(text, params)`: a piece numbering its own parameters from $1.
 * `` sql`…${piece}…${cte}…` ``: pieces and CTE names combined (no plain values: they
 * must be parameters of a piece).
 */
export function sql(text: string, params?: readonly unknown[]): Sql;
export function sql(strings: TemplateStringsArray, ...parts: (Sql | Cte)[]): Sql;
export function sql(first: string | TemplateStringsArray, ...rest: readonly unknown[]): Sql {
  if (typeof first === 'string') return Sql.of(first, (rest[0] as unknown[] | undefined) ?? []);
  const parts: (string | Sql | Cte)[] = [];
  first.forEach((s, i) => {
    parts.push(s);
    if (i < rest.length) parts.push(rest[i] as Sql | Cte);
  });
  return Sql.concat(parts);
}

/** One statement: CTEs declared in order, then the final query over them. */
export class SqlStatement {
  /** Each entry: one CTE's `name AS (body)`, or several written together. */
  private readonly parts: Sql[] = [];
  private readonly names = new Set<string>();

  /**
   * Declares `name AS (body)` and returns the CTE to reference it by. A name already
   * declared gets a suffix (`name_2`), so pieces from several modules never collide.
   */
  with(name: string, body: Sql): Cte {
    let unique = name;
    for (let i = 2; this.names.has(unique); i++) unique = `${name}_${i}`;
    this.names.add(unique);
    const cte = new Cte(unique);
    this.parts.push(sql`${cte} AS (${body})`);
    return cte;
  }

  /**
   * Declares several CTEs written together in one piece (`a AS (…), b AS (…)`, which may
   * refer to each other by name), under exactly these names: for a statement's own CTEs,
   * declared before other modules' pieces. A name already taken is an error.
   */
  withAll(names: readonly string[], body: Sql): Cte[] {
    for (const name of names) {
      if (this.names.has(name)) throw new Error(`CTE ${name} is already declared`);
      this.names.add(name);
    }
    this.parts.push(body);
    return names.map((n) => new Cte(n));
  }

  /** The statement's text and parameters: `WITH <ctes> <final>`. */
  build(final: Sql): { text: string; params: unknown[] } {
    const parts: (string | Sql)[] = [];
    this.parts.forEach((part, i) => parts.push(i === 0 ? 'WITH ' : ',\n', part));
    parts.push('\n', final);
    const { text, params } = Sql.concat(parts);
    return { text, params: [...params] };
  }
}

/** Literals, quoted identifiers and comments (left alone), or a placeholder. */
const TOKENS = /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g;

/** Texts are constants (values travel as parameters): each is split once. */
const compiled = new Map<string, { chunks: string[]; slots: number[] }>();

/** `text` split at its placeholders. */
function compile(text: string): { chunks: string[]; slots: number[] } {
  let found = compiled.get(text);
  if (found) return found;
  found = { chunks: [], slots: [] };
  let from = 0;
  for (const m of text.matchAll(TOKENS)) {
    if (m[1] === undefined) continue;
    const i = Number(m[1]);
    if (i < 1) throw new Error(`SQL piece uses $${i}`);
    found.chunks.push(text.slice(from, m.index));
    found.slots.push(i - 1);
    from = m.index + m[0].length;
  }
  found.chunks.push(text.slice(from));
  // A bound on memory should texts ever be built from values (they should not be).
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(text, found);
  return found;
}
