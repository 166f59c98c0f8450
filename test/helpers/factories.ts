import request from 'supertest';
import { Role } from '../../src/common/roles';
import { UserResponse } from '../../src/users/dto/user.dto';
import { ADMIN_EMAIL, api, login, PASSWORD, TestApp } from './app';

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export interface TestUser extends UserResponse {
  password: string;
  token: string;
}

/** An admin token for the test app's bootstrap admin (cached per app). */
const adminTokens = new WeakMap<TestApp, Promise<string>>();
export function adminToken(t: TestApp): Promise<string> {
  let p = adminTokens.get(t);
  if (!p) {
    p = login(t, ADMIN_EMAIL);
    adminTokens.set(t, p);
  }
  return p;
}

/** Creates a user through the API (as the admin) and signs them in. */
export async function createUser(
  t: TestApp,
  overrides: {
    roles?: Role[];
    departmentIds?: string[];
    email?: string;
    name?: string;
    password?: string;
  } = {},
): Promise<TestUser> {
  const password = overrides.password ?? PASSWORD;
  const body = {
    email: overrides.email ?? `user-${unique()}@test.local`,
    name: overrides.name ?? 'Test User',
    password,
    roles: overrides.roles ?? ['staff'],
    departmentIds: overrides.departmentIds ?? [],
  };
  const res = await request(t.http)
    .post(api('/users'))
    .set('Authorization', `Bearer ${await adminToken(t)}`)
    .send(body);
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  const user = res.body as UserResponse;
  return { ...user, password, token: await login(t, user.email, password) };
}

export async function createDepartment(
  t: TestApp,
  code = `D${unique().toUpperCase().slice(-8)}`,
  name = 'Test Department',
) {
  const res = await request(t.http)
    .post(api('/departments'))
    .set('Authorization', `Bearer ${await adminToken(t)}`)
    .send({ code, name });
  if (res.status !== 201)
    throw new Error(`create department: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; name: string };
}

/** One user per role, signed in. */
export async function usersByRole(t: TestApp): Promise<Record<Role, TestUser>> {
  const [admin, quality_lead, approver, staff, auditor] = await Promise.all(
    (['admin', 'quality_lead', 'approver', 'staff', 'auditor'] as Role[]).map((r) =>
      createUser(t, { roles: [r] }),
    ),
  );
  return { admin, quality_lead, approver, staff, auditor };
}

/** Changes a user through the API (as the admin); anything but 200 fails the test. */
export async function patchUser(t: TestApp, id: string, body: Record<string, unknown>) {
  return request(t.http)
    .patch(api(`/users/${id}`))
    .set('Authorization', `Bearer ${await adminToken(t)}`)
    .send(body)
    .expect(200);
}
