import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { api, createTestApp, PASSWORD, TestApp } from './helpers/app';
import { adminToken, createUser, TestUser } from './helpers/factories';

const PROBLEM = /^application\/problem\+json/;
const MiB = 1024 * 1024;

/** A response that is a client error, told as problem+json whose status matches the response. */
function expectProblem(
  res: { status: number; headers: Record<string, string>; text: string },
  status?: number,
  label = '',
) {
  const where = `${label} → ${res.status} ${res.text.slice(0, 300)}`;
  expect({ where, ok: res.status >= 400 && res.status < 500 }).toEqual({ where, ok: true });
  if (status !== undefined) expect({ where, status: res.status }).toEqual({ where, status });
  expect(res.headers['content-type']).toMatch(PROBLEM);
  const body = JSON.parse(res.text) as { status: number; title: string; type: string };
  expect(body).toMatchObject({
    status: res.status,
    title: expect.any(String),
    type: expect.any(String),
  });
}

/** A raw request, so that the body can be chunked or the Content-Length can lie. */
function raw(
  t: TestApp,
  opts: { path: string; headers: Record<string, string | number>; chunks: Buffer[] },
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const { port } = t.http.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: opts.path, headers: opts.headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string>,
            text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.flushHeaders();
    for (const c of opts.chunks) req.write(c);
    req.end();
  });
}

describe('hostile input', () => {
  let t: TestApp;
  let admin: string;
  let staff: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    await new Promise<void>((r) => t.http.listen(0, '127.0.0.1', r));
    admin = await adminToken(t);
    staff = await createUser(t, { roles: ['staff'] });
  });
  afterAll(() => t.close());

  /** A request with a JSON content type, as the admin unless told otherwise (null: anonymous). */
  const send = (
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    token: string | null = admin,
  ) => {
    const req = request(t.http)[method](api(path)).set('Content-Type', 'application/json');
    return token === null ? req : req.set('Authorization', `Bearer ${token}`);
  };
  const post = (path: string, token: string | null = admin) => send('post', path, token);
  const get = (path: string) => send('get', path);
  const user = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      email: `h-${randomUUID()}@test.local`,
      name: 'H',
      password: PASSWORD,
      roles: ['staff'],
      ...over,
    });

  it('answers malformed JSON with 400', async () => {
    for (const body of ['{"email":', '{email: 1}', "{'a':1}", '{"a":1}}', '\u0000']) {
      const res = await post('/users').send(body);
      expectProblem(res, 400);
      expect(res.body.type).toBe('urn:praxis:problem:malformed-body');
    }
  });

  it('answers a body over 10 MiB with 413, told by Content-Length, before reading it', async () => {
    const res = await raw(t, {
      path: api('/users'),
      headers: { 'Content-Type': 'application/json', 'Content-Length': 10 * MiB + 1 },
      chunks: [],
    });
    expectProblem(res, 413);
  });

  it('answers a chunked body that grows past 10 MiB with 413', async () => {
    const chunks = [
      Buffer.from('{"name":"'),
      ...Array.from({ length: 11 }, () => Buffer.alloc(MiB, 'a')),
      Buffer.from('"}'),
    ];
    const res = await raw(t, {
      path: api('/users'),
      headers: {
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
        Authorization: `Bearer ${admin}`,
      },
      chunks,
    });
    expectProblem(res, 413);
  });

  it('accepts a body just under 10 MiB (documents) as far as validation, which refuses the long title', async () => {
    const res = await post('/documents').send({ type: 'sop', title: 'a'.repeat(10 * MiB - 200) });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'title' })]),
    );
  });

  it('refuses NUL characters and unpaired surrogates with 400 naming the field, not 500', async () => {
    for (const [over, field] of [
      [{ name: 'a\u0000b' }, 'name'],
      [{ email: 'nul\u0000@test.local' }, 'email'],
      [{ email: 'x\ud800@test.local' }, 'email'],
      [{ name: 'a\udc00' }, 'name'],
    ] as const) {
      const res = await post('/users').send(user(over));
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    const dept = await post('/departments').send({ code: 'NUL', name: 'x\u0000' });
    expectProblem(dept, 400);
    const login = await post('/auth/login', null).send({
      email: 'a\ud800@test.local',
      password: 'x',
    });
    expectProblem(login, 400);
    expect(
      await t.ds.query(`SELECT 1 FROM users WHERE name LIKE '%' || chr(65533) || '%'`),
    ).toHaveLength(0);
  });

  it('refuses JSON nested too deeply with 400, even before sign-in', async () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    // 2,000 levels: sign-in takes at most 16 KiB
    const login = await post('/auth/login', null).send(`{"email":${deep(2000)},"password":"x"}`);
    expectProblem(login, 400);
    const users = await post('/users').send(`{"name":${deep(5000)}}`);
    expectProblem(users, 400);
    expect(users.body.errors).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/^name\.a/) }),
    ]);
  });

  it('refuses huge arrays quickly with 400', async () => {
    // 100,000 elements: as many as fit in the 1 MiB that /users takes
    const roles = Array.from({ length: 100_000 }, (_, i) => `r${i}`);
    const started = Date.now();
    const res = await post('/users').send(user({ roles }));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'roles' })]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stores SQL-looking strings literally and finds nothing with them', async () => {
    const name = `Robert'); DROP TABLE users; --`;
    const created = await post('/users').send(user({ name })).expect(201);
    const got = await get(`/users/${created.body.id}`).expect(200);
    expect(got.body.name).toBe(name);
    const dept = await post('/departments')
      .send({ code: 'SQLI', name: `x' OR '1'='1` })
      .expect(201);
    expect(dept.body.name).toBe(`x' OR '1'='1`);
    const audit = await get(
      `/audit-events?entityType=${encodeURIComponent(`user' OR '1'='1`)}`,
    ).expect(200);
    expect(audit.body.items).toEqual([]);
    const cursor = Buffer.from(JSON.stringify([`zzz' OR 1=1 --`])).toString('base64url');
    const page = await get(`/users?cursor=${cursor}`).expect(200);
    expect(page.body.items).toEqual([]);
    await post('/auth/login', null)
      .send({ email: 'admin@test.local', password: `' OR 1=1 --` })
      .expect(401);
  });

  it('does not let __proto__ or constructor in a body pollute prototypes', async () => {
    for (const extra of [
      '"__proto__":{"polluted":true}',
      '"constructor":{"prototype":{"polluted":true}}',
    ]) {
      const res = await post('/users').send(user().replace(/}$/, `,${extra}}`));
      expect(res.status).toBeLessThan(500);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      if (res.status === 201) expect(res.body).not.toHaveProperty('polluted');
    }
  });

  it('treats an empty JSON body as {}: 400 for a create, a no-op for a patch', async () => {
    expectProblem(await post('/users').send(''), 400);
    const res = await send('patch', `/users/${staff.id}`).send('').expect(200);
    expect(res.body).toMatchObject({ id: staff.id, name: staff.name, roles: staff.roles });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    expectProblem(await get('/no-such-thing'), 404);
    expectProblem(await request(t.http).get('/no-such-thing'), 404);
    expectProblem(await send('delete', '/users'), 404);
  });

  describe('a table of hostile bodies against every write endpoint', () => {
    const endpoints = () => [
      { name: 'POST /users', send: () => post('/users') },
      { name: 'PATCH /users/:id', send: () => send('patch', `/users/${staff.id}`) },
      { name: 'POST /departments', send: () => post('/departments') },
      { name: 'POST /api-keys', send: () => post('/api-keys', staff.token) },
      { name: 'POST /auth/login', send: () => post('/auth/login', null), limit: 16 * 1024 },
    ];
    const bodies: [string, string][] = [
      ['a JSON array', '[{"name":"x"}]'],
      ['an empty array', '[]'],
      ['a JSON string', '"hello"'],
      ['a number', '42'],
      ['null', 'null'],
      ['true', 'true'],
      [
        'an unknown field',
        '{"name":"x","code":"AB","email":"a@test.local","password":"p","bogus":1}',
      ],
      ['a number for name', '{"name":42,"code":42,"email":42,"password":42,"roles":["staff"]}'],
      ['a string for roles', '{"name":"x","roles":"admin","email":"a@test.local","password":"p"}'],
      [
        'objects for strings',
        '{"name":{"$gt":""},"code":{},"email":{"$ne":null},"password":{"$ne":null}}',
      ],
      [
        'arrays for strings',
        '{"name":["x"],"code":["AB"],"email":["a@test.local"],"password":["p"]}',
      ],
      ['a NUL in name', '{"name":"a\\u0000","code":"AB","email":"a@test.local","password":"p"}'],
      [
        'a 100 kB name',
        JSON.stringify({
          name: 'x'.repeat(100_000),
          code: 'A'.repeat(100_000),
          email: `${'a'.repeat(100_000)}@test.local`,
          password: 'p'.repeat(100_000),
        }),
      ],
      ['deep nesting', `{"name":${'['.repeat(100)}${']'.repeat(100)}}`],
      ['a trailing comma', '{"name":"x",}'],
      [
        'unpaired surrogates',
        '{"name":"\\ud800","code":"AB","email":"a\\udc00@test.local","password":"\\ud800"}',
      ],
      ['nesting 5000 deep', `{"email":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`],
    ];
    it('answers every one with 400 problem+json (413 past the route’s size), never 5xx', async () => {
      for (const ep of endpoints())
        for (const [label, body] of bodies) {
          const tooLarge = Buffer.byteLength(body) > (ep.limit ?? Infinity);
          expectProblem(
            await ep.send().send(body),
            tooLarge ? 413 : 400,
            `${ep.name} with ${label}`,
          );
        }
    });

    it('answers 400 for non-UUID ids and bad list queries', async () => {
      type M = 'get' | 'patch' | 'delete';
      const cases: [M, string][] = [
        ['get', '/users/abc'],
        ['get', '/users/1'],
        ['get', '/users/00000000-0000-0000-0000-00000000000g'],
        ['get', `/users/${encodeURIComponent("' OR 1=1 --")}`],
        ['get', '/users/%E0%A4%A'],
        ['patch', '/users/not-a-uuid'],
        ['delete', '/api-keys/123'],
        ...['/users', '/departments', '/api-keys', '/audit-events'].flatMap((p): [M, string][] => [
          ['get', `${p}?limit=abc`],
          ['get', `${p}?limit=0`],
          ['get', `${p}?limit=201`],
          ['get', `${p}?limit=-1`],
          ['get', `${p}?limit=1.5`],
          ['get', `${p}?limit=1&limit=2`],
          ['get', `${p}?cursor=a&cursor=b`],
          ['get', `${p}?cursor=${'x'.repeat(600)}`],
          ['get', `${p}?cursor=%00`],
          ['get', `${p}?nope=1`],
        ]),
      ];
      for (const [method, path] of cases)
        expectProblem(
          await send(method, path).send(method === 'patch' ? { name: 'x' } : undefined),
          400,
          `${method} ${path}`,
        );
    });

    it('answers odd content types, encodings and credentials with a 4xx problem', async () => {
      const cases = [
        post('/users').set('Content-Type', 'application/json; charset=latin1').send(user()),
        post('/users').set('Content-Encoding', 'gzip').send('not gzip at all'),
        post('/users').set('Content-Encoding', 'snappy').send(user()),
        post('/users').set('Content-Type', 'text/plain').send(user()),
        post('/users', `${'x'.repeat(10_000)}`).send(user()),
        post('/users', null).set('Authorization', 'Basic YWRtaW46YWRtaW4=').send(user()),
        send('get', '/users', null).set('X-API-Key', `' OR 1=1 --`),
      ];
      const results = await Promise.all(cases);
      results.forEach((res, i) =>
        expectProblem(res, [415, 400, 415, 400, 401, 401, 401][i], `case ${i}`),
      );
    });
  });
});
