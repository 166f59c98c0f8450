import {
  Controller,
  DynamicModule,
  Get,
  INestApplication,
  Module,
  RequestMethod,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import {
  DiscoveryService,
  MetadataScanner,
  ModulesContainer,
  NestFactory,
  Reflector,
} from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { IS_PUBLIC, Public, Roles, ROLES_KEY } from '../src/common/decorators';
import { ProblemFilter } from '../src/common/problem.filter';
import { Role } from '../src/common/roles';
import { BootstrapService } from '../src/seed/bootstrap.service';
import {
  ADMIN_EMAIL,
  api,
  createTestApp,
  createTestDatabase,
  login,
  PASSWORD,
  TestApp,
  testConfig,
} from './helpers/app';

const PREFIX = 'api/v1';

interface Route {
  name: string; // "GET users/:id"
  method: string;
  path: string; // without the global prefix, no leading slash
  isPublic: boolean;
  roles: Role[] | undefined;
}

/** Every controller method that has a route, with what the global guard will read from it. */
function routesOf(app: INestApplication): Route[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { metatype, instance } = wrapper;
    if (!metatype || !instance) continue;
    const prefixes = [Reflect.getMetadata(PATH_METADATA, metatype) as string | string[]].flat();
    const proto = Object.getPrototypeOf(instance) as Record<string, () => unknown>;
    for (const key of scanner.getAllMethodNames(proto)) {
      const handler = proto[key];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const targets = [handler, metatype];
      for (const prefix of prefixes)
        for (const p of [paths].flat()) {
          const path = [prefix, p].join('/').split('/').filter(Boolean).join('/');
          routes.push({
            name: `${method} ${path}`,
            method,
            path,
            isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
            roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
          });
        }
    }
  }
  return routes.sort((a, b) => a.name.localeCompare(b.name));
}

const undeclared = (routes: Route[]) =>
  routes.filter((r) => !r.isPublic && !r.roles?.length).map((r) => r.name);
const withIds = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('platform', () => {
  let t: TestApp;
  let routes: Route[];
  beforeAll(async () => {
    t = await createTestApp();
    routes = routesOf(t.app);
  });
  afterAll(() => t.close());

  describe('route guard walk', () => {
    it('finds the routes (the walk is not empty) and every one is @Public() or declares roles', () => {
      expect(routes.map((r) => r.name)).toEqual(
        expect.arrayContaining([
          'POST users',
          'PATCH users/:id',
          'GET health/live',
          'POST auth/login',
          'GET metrics',
        ]),
      );
      expect(undeclared(routes)).toEqual([]);
      expect(routes.filter((r) => r.isPublic).map((r) => r.name)).toEqual([
        'GET health/live',
        'GET health/ready',
        'GET metrics',
        'POST auth/login',
        'POST auth/session',
      ]);
    });

    it('answers every non-public route with 401 problem+json without credentials, or with bad ones', async () => {
      const closed = routes.filter((r) => !r.isPublic);
      expect(closed.length).toBeGreaterThan(5);
      for (const r of closed) {
        const url = `/${PREFIX}/${withIds(r.path)}`;
        const m = (r.method === 'ALL' ? 'get' : r.method.toLowerCase()) as
          'get' | 'post' | 'put' | 'patch' | 'delete';
        for (const creds of [
          {},
          { Authorization: 'Bearer not.a.token' },
          { 'X-API-Key': 'pk_nope' },
        ]) {
          const res = await request(t.http)[m](url).set(creds).send({});
          expect({ route: r.name, creds, status: res.status }).toEqual({
            route: r.name,
            creds,
            status: 401,
          });
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      }
    });
  });

  it('(c) reports liveness, readiness and Prometheus metrics with route labels', async () => {
    await request(t.http).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok' });
    const id = randomUUID();
    await request(t.http)
      .get(api(`/users/${id}`))
      .expect(401);
    const metrics = await request(t.http).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/^# HELP http_request_duration_seconds /m);
    expect(metrics.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/users\/:id",status="401"\} [1-9]/m,
    );
    expect(metrics.text).not.toContain(id);
  });

  describe('(d) OpenAPI', () => {
    let doc: { openapi: string; paths: Record<string, Record<string, { security?: object[] }>> };
    beforeAll(async () => {
      const res = await request(t.http).get('/api/docs-json').expect(200);
      doc = res.body;
    });

    it('is OpenAPI 3 and lists every route with its method', () => {
      expect(doc.openapi).toMatch(/^3\./);
      const missing = routes.filter((r) => {
        const candidates = [`/${PREFIX}/${r.path}`, `/${r.path}`].map(openApiPath);
        return !candidates.some((p) => doc.paths[p]?.[r.method.toLowerCase()]);
      });
      expect(missing.map((r) => r.name)).toEqual([]);
    });

    it('gives every non-public operation a security requirement, and public ones none', () => {
      for (const r of routes) {
        const path = [`/${PREFIX}/${r.path}`, `/${r.path}`]
          .map(openApiPath)
          .find((p) => doc.paths[p]);
        const op = doc.paths[path!][r.method.toLowerCase()];
        const schemes = (op.security ?? []).flatMap((s) => Object.keys(s)).sort();
        expect({ route: r.name, schemes }).toEqual({
          route: r.name,
          schemes: r.isPublic ? [] : ['api-key', 'bearer', 'session'],
        });
      }
    });

    it('serves Swagger UI as HTML at /api/docs', async () => {
      const res = await request(t.http).get('/api/docs').redirects(1).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/swagger-ui/i);
    });
  });

  it('(e) sends helmet headers and an X-Request-Id on every kind of response', async () => {
    const responses = await Promise.all([
      request(t.http).get('/health/live'),
      request(t.http).get(api('/users')),
      request(t.http).get(api('/nowhere')),
      request(t.http).post(api('/auth/login')).send('{'),
      request(t.http)
        .post(api('/auth/login'))
        .set('Content-Type', 'application/json')
        .send(`"${'x'.repeat(11 * 1024 * 1024)}"`),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 400, 413]);
    for (const res of responses) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      // Procedures may show absolute https images; scripts stay same-origin only.
      const csp = res.headers['content-security-policy'].split(';');
      expect(csp).toContain("img-src 'self' data: https:");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(responses.map((r) => r.headers['x-request-id'])).size).toBe(responses.length);
    const given = await request(t.http).get('/health/live').set('X-Request-Id', 'trace-42.a_b');
    expect(given.headers['x-request-id']).toBe('trace-42.a_b');
    for (const bad of ['has spaces', 'x'.repeat(101), '<script>']) {
      const res = await request(t.http).get('/health/live').set('X-Request-Id', bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('(f) routing and bodies as the contract has them', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = await login(t, ADMIN_EMAIL);
  });
  afterAll(() => t.close());
  const problem = (res: request.Response, status: number) => {
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status,
      type: 'application/problem+json; charset=utf-8',
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    return res.body as { type: string; detail: string; errors?: { field: string }[] };
  };

  it('matches paths whatever their case and with a trailing slash, and answers HEAD where GET is', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    for (const path of ['/API/V1/AUTH/ME', '/api/v1/auth/me/', '/Api/v1/Auth/Me/'])
      expect((await request(t.http).get(path).set(auth)).body).toMatchObject({
        email: ADMIN_EMAIL,
      });
    const head = await request(t.http).head(api('/auth/me')).set(auth).expect(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(head.text ?? '').toBe('');
    await request(t.http).head('/health/live').expect(200);
    expect(problem(await request(t.http).get(api('/auth/nowhere')).set(auth), 404).detail).toBe(
      'Cannot GET /api/v1/auth/nowhere',
    );
  });

  it('answers a path that does not decode with 400 problem+json naming the segment', async () => {
    const res = await request(t.http)
      .get(api('/revisions/%zz/html'))
      .set('Authorization', `Bearer ${token}`);
    expect(problem(res, 400)).toMatchObject({
      type: 'urn:praxis:problem:bad-request',
      detail: "Failed to decode param '%zz'",
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('lets a body that is not JSON reach validation (400, not 415), and an empty JSON body too', async () => {
    const login = () => request(t.http).post(api('/auth/login'));
    const cases = [
      login().set('Content-Type', 'text/plain').send('{"email":"a@b.c","password":"x"}'),
      login().set('Content-Type', 'application/json').set('Content-Length', '0'),
      login().set('Content-Type', 'application/json').send(''),
      login().set('Content-Type', 'application/x-www-form-urlencoded').send('email=a@b.c'),
    ];
    for (const res of await Promise.all(cases))
      expect(problem(res, 400).type).toBe('urn:praxis:problem:validation');
    // application/*+json is JSON; a JSON string at the top is not a body any route takes
    const vendor = await login()
      .set('Content-Type', 'application/vnd.praxis+json; charset=utf-8')
      .send(JSON.stringify({ email: ADMIN_EMAIL, password: PASSWORD }));
    expect(vendor.status).toBe(200);
    const scalar = await login().set('Content-Type', 'application/json').send('"text"');
    expect(problem(scalar, 400)).toMatchObject({
      type: 'urn:praxis:problem:malformed-body',
      detail: 'The request body is not valid JSON',
    });
  });
});

/** A test-only controller: one route that declares no roles, one with an empty list, one public. */
@Controller('probe')
class ProbeController {
  @Get('undeclared') undeclared() {
    return { reached: true };
  }
  @Get('empty-roles') @Roles() emptyRoles() {
    return { reached: true };
  }
  @Get('admins') @Roles('admin') admins() {
    return { reached: true };
  }
  @Get('open') @Public() open() {
    return { reached: true };
  }
}
@Module({})
class ProbeRoot {}

describe('(b) deny by default', () => {
  let app: INestApplication;
  let drop: () => Promise<void>;
  let token: string;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const root: DynamicModule = {
      module: ProbeRoot,
      imports: [AppModule.forRoot(testConfig(db.url))],
      controllers: [ProbeController],
    };
    app = await NestFactory.create<NestFastifyApplication>(root, new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
    await app.get(BootstrapService).run();
    const res = await request(app.getHttpServer())
      .post('/auth/login')
      .send({ email: ADMIN_EMAIL, password: PASSWORD })
      .expect(200);
    token = res.body.accessToken;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('refuses a route that declares no roles with 403, even to an admin', async () => {
    const as = (path: string) =>
      request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
    await request(app.getHttpServer()).get('/probe/open').expect(200, { reached: true });
    await as('/probe/admins').expect(200, { reached: true });
    for (const path of ['/probe/undeclared', '/probe/empty-roles']) {
      const res = await as(path);
      expect(res.status).toBe(403);
      expect(res.body).not.toHaveProperty('reached');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      await request(app.getHttpServer()).get(path).expect(403);
    }
  });

  it('the route walk flags exactly the probe routes that declare nothing', () => {
    expect(undeclared(routesOf(app))).toEqual(['GET probe/empty-roles', 'GET probe/undeclared']);
  });
});
