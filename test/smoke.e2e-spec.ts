import request from 'supertest';
import { api, createTestApp, TestApp } from './helpers/app';
import { adminToken } from './helpers/factories';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('signs in the bootstrap admin and answers /auth/me', async () => {
    const res = await request(t.http)
      .get(api('/auth/me'))
      .set('Authorization', `Bearer ${await adminToken(t)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'admin@test.local', roles: ['admin'], active: true });
  });
});
