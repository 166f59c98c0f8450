import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { ROLES_KEY } from '../common/decorators';
import { ProblemFilter } from '../common/problem.filter';
import { TemplatesController } from './templates.controller';
import { TemplatesModule } from './templates.module';

describe('TemplatesController', () => {
  let app: INestApplication;

  beforeAll(async () => {
    // No @nestjs/testing here: the module alone, without the app's guard (the roles test checks the metadata).
    app = await NestFactory.create(TemplatesModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
    await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets admins, quality leads and auditors call every route', () => {
    const proto = TemplatesController.prototype;
    for (const handler of [proto.list, proto.get]) {
      expect(Reflect.getMetadata(ROLES_KEY, handler)).toEqual(['admin', 'quality_lead', 'auditor']);
    }
  });

  it('GET /templates lists the summaries', async () => {
    const res = await request(app.getHttpServer()).get('/templates').expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((t: { key: string }) => t.key)).toEqual([
      'form',
      'policy',
      'sop',
      'work-instruction',
    ]);
    expect(res.body.items[0]).not.toHaveProperty('body');
  });

  it('GET /templates/:key returns the summary and body', async () => {
    const res = await request(app.getHttpServer()).get('/templates/sop').expect(200);
    expect(res.body).toMatchObject({ key: 'sop', type: 'sop', title: expect.any(String) });
    expect(res.body.body).toContain('## Procedure');
  });

  it('GET /templates/:key with an unknown or path-like key is a 404 problem', async () => {
    for (const key of ['nope', '..%2F..%2Fpackage.json', '%2E%2E%2Fsop']) {
      const res = await request(app.getHttpServer()).get(`/templates/${key}`).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, detail: 'Template not found' });
    }
  });
});
