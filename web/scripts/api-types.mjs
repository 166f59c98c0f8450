// Turns the service's OpenAPI document (JSON, read from the file given) into the web
// app's API types (web/src/api/schema.d.ts). With --check it only compares and exits 1
// when the committed file is stale. test/web-api-types.e2e-spec.ts runs it against the
// document the running service serves; `npm run gen:api` rewrites the file.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const [, , input, flag] = process.argv;
const target = new URL('../src/api/schema.d.ts', import.meta.url);
const doc = JSON.parse(readFileSync(input, 'utf8'));
const header =
  "// Generated from the service's OpenAPI document by web/scripts/api-types.mjs: do not edit.\n" +
  '// `npm run gen:api` regenerates it; a test fails when it is stale.\n\n';
const text =
  header + astToString(await openapiTS(doc, { alphabetize: true, defaultNonNullable: false }));
if (flag === '--check') {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    process.stderr.write('web/src/api/schema.d.ts is stale: run `npm run gen:api`\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
