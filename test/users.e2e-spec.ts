import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role, ROLES } from '../src/common/roles';
import { api, createTestApp, login, PASSWORD, TestApp } from './helpers/app';
import {
  adminToken,
  createDepartment,
  createUser,
  TestUser,
  usersByRole,
} from './helpers/factories';

const PROBLEM = /^application\/problem\+json/;
const USER_KEYS = [
  'active',
  'createdAt',
  'departmentIds',
  'email',
  'id',
  'name',
  'passwordMustChange',
  'roles',
  'updatedAt',
];
const NON_ADMINS: Role[] = ['quality_lead', 'approver', 'staff', 'auditor'];
type Method = 'get' | 'post' | 'patch';

function call(t: TestApp, token: string, method: Method, path: string, body?: object) {
  const req = request(t.http)[method](api(path)).set('Authorization', `Bearer ${token}`);
  return body === undefined ? req : req.send(body);
}

const newUser = (over: Record<string, unknown> = {}) => ({
  email: `new-${randomUUID()}@test.local`,
  name: 'New Person',
  password: PASSWORD,
  roles: ['staff'],
  ...over,
});

/** Walks a list with limit=1 and returns every item in the order the pages gave them. */
async function walk(t: TestApp, token: string, path: string): Promise<{ id: string }[]> {
  const seen: { id: string }[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await call(t, token, 'get', `${path}?limit=1${q}`).expect(200);
    expect(res.body.items.length).toBeLessThanOrEqual(1);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (cursor === null) return seen;
  }
  throw new Error(`${path}: the cursor never ran out`);
}

describe('users and departments', () => {
  let t: TestApp;
  let admin: string;
  let u: Record<Role, TestUser>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    u = await usersByRole(t);
  });
  afterAll(() => t.close());
  const usersWithEmail = async (email: string): Promise<number> =>
    (await t.ds.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]))[0].n;

  describe('POST /users', () => {
    it('creates a user (201) who can sign in, and never returns or audits the password', async () => {
      const dept = await createDepartment(t);
      const body = newUser({ email: '  Mixed.Case@Example.COM ', departmentIds: [dept.id] });
      const res = await call(t, admin, 'post', '/users', body).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
      expect(res.body).toMatchObject({
        email: 'mixed.case@example.com',
        name: 'New Person',
        roles: ['staff'],
        departmentIds: [dept.id],
        active: true,
      });
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
      expect(JSON.stringify(res.body)).not.toMatch(/password(?!MustChange)|\$argon2/i);
      const got = await call(t, admin, 'get', `/users/${res.body.id}`).expect(200);
      expect(got.body).toEqual(res.body);
      expect(JSON.stringify(got.body)).not.toMatch(/password(?!MustChange)|\$argon2/i);
      const audit = await call(t, admin, 'get', `/audit-events?entityId=${res.body.id}`);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['user.created']);
      expect(JSON.stringify(audit.body)).not.toMatch(/password(?!MustChange)|\$argon2/i);
      await expect(login(t, 'mixed.case@example.com')).resolves.toEqual(expect.any(String));
    });

    it('refuses a duplicate e-mail with 409, also when only the case differs', async () => {
      const email = `dup-${randomUUID()}@test.local`;
      await call(t, admin, 'post', '/users', newUser({ email })).expect(201);
      for (const again of [email, email.toUpperCase(), ` ${email.replace('dup', 'DUP')} `]) {
        const res = await call(t, admin, 'post', '/users', newUser({ email: again }));
        expect(res.status).toBe(409);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body).toMatchObject({ status: 409, title: 'Conflict' });
      }
      expect(await usersWithEmail(email)).toBe(1);
    });

    it.each(NON_ADMINS)('refuses %s with 403', async (role) => {
      const body = newUser();
      const res = await call(t, u[role].token, 'post', '/users', body);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(await usersWithEmail(body.email)).toBe(0);
    });

    it.each([
      ['a bad e-mail', { email: 'not-an-email' }, 'email'],
      ['a short password', { password: 'short' }, 'password'],
      ['an unknown role', { roles: ['superuser'] }, 'roles'],
      ['empty roles', { roles: [] }, 'roles'],
      ['a missing name', { name: undefined }, 'name'],
      ['an unknown field', { isSuperuser: true }, 'isSuperuser'],
      ['a department id that is not a UUID', { departmentIds: ['QA'] }, 'departmentIds'],
      ['a department that does not exist', { departmentIds: [randomUUID()] }, 'departmentIds'],
    ])('refuses %s with 400 naming the field', async (_what, over, field) => {
      const body = newUser(over);
      const res = await call(t, admin, 'post', '/users', body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await usersWithEmail(body.email)).toBe(0);
    });
  });

  describe('GET /users and /users/:id', () => {
    it.each(['admin', 'quality_lead', 'auditor'] as Role[])('lets %s read', async (role) => {
      const list = await call(t, u[role].token, 'get', '/users?limit=200').expect(200);
      expect(list.body.items.map((x: TestUser) => x.email)).toContain(u.staff.email);
      expect(JSON.stringify(list.body)).not.toMatch(/password(?!MustChange)|\$argon2/i);
      const one = await call(t, u[role].token, 'get', `/users/${u.staff.id}`).expect(200);
      expect(one.body).toMatchObject({ id: u.staff.id, email: u.staff.email, roles: ['staff'] });
    });

    it.each(['staff', 'approver'] as Role[])('refuses %s with 403', async (role) => {
      await call(t, u[role].token, 'get', '/users').expect(403);
      await call(t, u[role].token, 'get', `/users/${u.admin.id}`).expect(403);
    });

    it('answers 404 for an unknown id and 400 for an id that is not a UUID', async () => {
      const missing = await call(t, admin, 'get', `/users/${randomUUID()}`);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(PROBLEM);
      const bad = await call(t, admin, 'get', '/users/12345');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
      await call(t, admin, 'patch', `/users/${randomUUID()}`, { name: 'x' }).expect(404);
    });
  });

  describe('PATCH /users/:id', () => {
    const updateEvents = async (id: string): Promise<{ data: { changes: object } }[]> =>
      (await call(t, admin, 'get', `/audit-events?entityId=${id}&action=user.updated`).expect(200))
        .body.items;

    it('changes name, roles, departments and active, and audits each change from/to', async () => {
      const [d1, d2] = [await createDepartment(t), await createDepartment(t)];
      const x = await createUser(t, { roles: ['staff'], departmentIds: [d1.id] });
      const res = await call(t, admin, 'patch', `/users/${x.id}`, {
        name: 'Renamed',
        roles: ['staff', 'approver'],
        departmentIds: [d2.id],
        active: false,
      }).expect(200);
      expect(res.body).toMatchObject({
        name: 'Renamed',
        roles: ['approver', 'staff'],
        departmentIds: [d2.id],
        active: false,
      });
      const got = await call(t, admin, 'get', `/users/${x.id}`).expect(200);
      expect(got.body).toEqual(res.body);
      const events = await updateEvents(x.id);
      expect(events).toHaveLength(1);
      expect(events[0].data.changes).toEqual({
        name: { from: 'Test User', to: 'Renamed' },
        roles: { from: ['staff'], to: ['approver', 'staff'] },
        departmentIds: { from: [d1.id], to: [d2.id] },
        active: { from: true, to: false },
      });
    });

    it('writes no audit event when nothing changes', async () => {
      const x = await createUser(t, { name: 'Same' });
      await call(t, admin, 'patch', `/users/${x.id}`, { name: 'Same', roles: ['staff'] }).expect(
        200,
      );
      expect(await updateEvents(x.id)).toHaveLength(0);
    });

    it.each(NON_ADMINS)('refuses %s with 403', async (role) => {
      await call(t, u[role].token, 'patch', `/users/${u.staff.id}`, { name: 'Hacked' }).expect(403);
      const got = await call(t, admin, 'get', `/users/${u.staff.id}`);
      expect(got.body.name).toBe('Test User');
    });

    it.each([
      [{ roles: [] }, 'roles'],
      [{ roles: ['root'] }, 'roles'],
      [{ active: 'no' }, 'active'],
      [{ name: '' }, 'name'],
      [{ email: 'new@test.local' }, 'email'],
      [{ departmentIds: [randomUUID()] }, 'departmentIds'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const res = await call(t, admin, 'patch', `/users/${u.staff.id}`, body).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  describe('departments', () => {
    it('an admin creates one (201); every role can list it', async () => {
      const res = await call(t, admin, 'post', '/departments', {
        code: 'QA1',
        name: ' Quality ',
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        code: 'QA1',
        name: 'Quality',
        createdAt: expect.any(String),
      });
      for (const role of ROLES) {
        const list = await call(t, u[role].token, 'get', '/departments?limit=200').expect(200);
        expect(list.body.items).toContainEqual(res.body);
      }
    });

    it('refuses a duplicate code with 409 and a malformed code with 400', async () => {
      await call(t, admin, 'post', '/departments', { code: 'DUP', name: 'One' }).expect(201);
      const dup = await call(t, admin, 'post', '/departments', { code: 'DUP', name: 'Two' });
      expect(dup.status).toBe(409);
      expect(dup.headers['content-type']).toMatch(PROBLEM);
      for (const code of ['qa', 'Q', '1AB', 'ABCDEFGHIJK', 'A-B', '']) {
        const res = await call(t, admin, 'post', '/departments', { code, name: 'x' }).expect(400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'code' })]),
        );
      }
    });

    it.each(NON_ADMINS)('refuses POST by %s with 403', async (role) => {
      await call(t, u[role].token, 'post', '/departments', { code: 'NOPE', name: 'x' }).expect(403);
      expect(await t.ds.query(`SELECT 1 FROM departments WHERE code = 'NOPE'`)).toHaveLength(0);
    });
  });

  describe('pagination', () => {
    it.each(['/users', '/departments'])(
      '%s?limit=1 walks every item once, ending with nextCursor null',
      async (path) => {
        await createDepartment(t);
        await createUser(t);
        const all = await call(t, admin, 'get', `${path}?limit=200`).expect(200);
        expect(all.body.nextCursor).toBeNull();
        expect(all.body.items.length).toBeGreaterThan(2);
        const walked = await walk(t, admin, path);
        expect(walked.map((x) => x.id)).toEqual(all.body.items.map((x: { id: string }) => x.id));
      },
    );

    it.each([
      'not-a-cursor',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ])('refuses cursor %s with 400', async (cursor) => {
      const res = await call(t, admin, 'get', `/users?cursor=${cursor}`).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });
});

describe('the last active admin', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const activeAdmins = async (): Promise<number> =>
    (
      await t.ds.query(`SELECT count(*)::int AS n FROM users WHERE active AND 'admin' = ANY(roles)`)
    )[0].n;

  it('cannot be demoted or deactivated (409); with a second admin it can', async () => {
    const token = await adminToken(t);
    const me = (await call(t, token, 'get', '/auth/me').expect(200)).body as { id: string };
    for (const change of [
      { roles: ['staff'] },
      { active: false },
      { roles: ['quality_lead'], active: false },
    ]) {
      const res = await call(t, token, 'patch', `/users/${me.id}`, change);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    expect(await activeAdmins()).toBe(1);
    const other = await createUser(t, { roles: ['admin'] });
    await call(t, token, 'patch', `/users/${other.id}`, { active: false }).expect(200);
    await call(t, token, 'patch', `/users/${me.id}`, { roles: ['staff'] }).expect(409);
    await call(t, token, 'patch', `/users/${other.id}`, { active: true }).expect(200);
    await call(t, token, 'patch', `/users/${me.id}`, { roles: ['admin', 'staff'] }).expect(200);
    await call(t, token, 'patch', `/users/${me.id}`, { roles: ['staff'] }).expect(200);
    expect(await activeAdmins()).toBe(1);
    // re-activated: the token from before deactivation stays dead, a new sign-in works
    await call(t, other.token, 'patch', `/users/${me.id}`, { roles: ['admin'] }).expect(401);
    const otherAgain = await login(t, other.email);
    await call(t, otherAgain, 'patch', `/users/${me.id}`, { roles: ['admin'] }).expect(200);
  });

  it('survives two admins demoting each other at the same moment', async () => {
    let survivor = await adminToken(t);
    const newAdmin = async () => {
      const res = await call(t, survivor, 'post', '/users', newUser({ roles: ['admin'] })).expect(
        201,
      );
      return { id: res.body.id as string, token: await login(t, res.body.email) };
    };
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await newAdmin(), await newAdmin()];
      const others: { id: string }[] = await t.ds.query(
        `SELECT id FROM users WHERE active AND 'admin' = ANY(roles) AND id <> ALL($1::uuid[])`,
        [[a.id, b.id]],
      );
      for (const o of others)
        await call(t, a.token, 'patch', `/users/${o.id}`, { roles: ['staff'] }).expect(200);
      expect(await activeAdmins()).toBe(2);
      const [ab, ba] = await Promise.all([
        call(t, a.token, 'patch', `/users/${b.id}`, { roles: ['staff'] }),
        call(t, b.token, 'patch', `/users/${a.id}`, { roles: ['staff'] }),
      ]);
      // One wins. The other gets 409 (it would leave no admin) when both were authenticated
      // before either committed, or 403 when it was authenticated after the winner's change
      // (it is no longer an admin: the principal cache drops the demoted role at once).
      const [won, lost] = [ab.status, ba.status].sort();
      expect(won).toBe(200);
      expect([403, 409]).toContain(lost);
      expect(await activeAdmins()).toBe(1);
      survivor = ab.status === 200 ? a.token : b.token;
    }
  });
});
