import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from './helpers/app';

/**
 * The web app's API types are generated from the OpenAPI document the service
 * serves. This fails when they are stale; UPDATE_API_TYPES=1 (`npm run gen:api`)
 * rewrites them instead.
 */
describe('web app API types', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(path.join(tmpdir(), 'praxis-openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('web/src/api/schema.d.ts matches the served OpenAPI document', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(res.body));
    const args = ['web/scripts/api-types.mjs', file];
    if (process.env.UPDATE_API_TYPES !== '1') args.push('--check');
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
