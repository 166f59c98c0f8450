import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface TableUse {
  module: string;
  file: string;
  table: string;
}

/** The text of every string and template literal; `${…}` holes become a neutral token. */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node))
      out.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' _hole_ '));
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

const SQL_LIKE = /\b(SELECT|INSERT|UPDATE|DELETE|TRUNCATE|FROM|JOIN|TABLE)\b/;
/** Keywords (upper case, as all SQL here is written) after which SQL names a relation; a FROM list may go on with commas. */
const RELATION =
  /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING|REFERENCES|TRUNCATE)\s+(?:ONLY\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?((?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?(?:\s*,\s*[a-z_][a-z0-9_]*(?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?)*)/g;

/** Tables a piece of SQL reads or writes (CTEs of the same text that shadow a name excluded). */
export function tablesIn(sql: string, tables: ReadonlySet<string>): string[] {
  const text = sql.replace(/--[^\n]*/g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const ctes = new Set(
    [...text.matchAll(/\b([a-z_][a-z0-9_]*)\s+AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(/g)].map(
      (m) => m[1],
    ),
  );
  const found = new Set<string>();
  for (const m of text.matchAll(RELATION)) {
    const names = [m[1], ...[...m[2].matchAll(/,\s*([a-z_][a-z0-9_]*)/g)].map((c) => c[1])];
    for (const n of names) if (tables.has(n) && !ctes.has(n)) found.add(n);
  }
  return [...found];
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Statements, as opposed to a word in a sentence. */
const STATEMENT =
  /\b(SELECT\s[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS)\b|\bSELECT\s+1\b/;

/** Controllers (`*.controller.ts`) with SQL in them: their services hold it. */
export function controllersWithSql(root: string): string[] {
  return tsFiles(join(root, 'src'))
    .filter((f) => f.endsWith('.controller.ts') && literals(f).some((l) => STATEMENT.test(l)))
    .map((f) => relative(root, f));
}

/** Every table named by SQL in `src/<module>/…` (specs and migrations left out). */
export function tableUses(root: string, tables: ReadonlySet<string>): TableUse[] {
  const src = join(root, 'src');
  const uses: TableUse[] = [];
  for (const file of tsFiles(src)) {
    const path = relative(src, file);
    if (path.startsWith(join('database', 'migrations'))) continue;
    const module = path.split(/[\\/]/)[0];
    const found = new Set(
      literals(file)
        .filter((l) => SQL_LIKE.test(l))
        .flatMap((l) => tablesIn(l, tables)),
    );
    for (const table of found) uses.push({ module, file: `src/${path}`, table });
  }
  return uses;
}
