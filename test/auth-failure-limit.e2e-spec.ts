import request from 'supertest';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { api, createTestApp, TestApp } from './helpers/app';
import { adminToken } from './helpers/factories';

/** Requests that fail to authenticate are limited per address, before any look-up. */
describe('failed authentications per address', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ trustProxy: true, rateLimitPerMinute: 5 })));
  afterAll(() => t.close());

  const withKey = (key: string, from: string) =>
    request(t.http).get(api('/documents')).set('X-API-Key', key).set('X-Forwarded-For', from);

  it('answers 429 with Retry-After past RATE_LIMIT_PER_MINUTE bad credentials, without looking the key up, and only for that address', async () => {
    const lookups = jest.spyOn(t.app.get(ApiKeysService), 'authenticate');
    const from = '203.0.113.90';
    for (let i = 0; i < 5; i++) expect((await withKey(`prx_bad_${i}`, from)).status).toBe(401);
    expect(lookups).toHaveBeenCalledTimes(5);

    const refused = await withKey('prx_bad_again', from);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const wait = Number(refused.headers['retry-after']);
    expect(Number.isInteger(wait) && wait > 0 && wait <= 60).toBe(true);
    const bearer = await request(t.http)
      .get(api('/documents'))
      .set('Authorization', 'Bearer not.a.token')
      .set('X-Forwarded-For', from);
    expect(bearer.status).toBe(429);
    expect(lookups).toHaveBeenCalledTimes(5); // the database was not asked again

    // another address is not affected, nor are public routes
    expect((await withKey('prx_bad_elsewhere', '203.0.113.91')).status).toBe(401);
    const admin = await adminToken(t);
    const ok = await request(t.http)
      .get(api('/auth/me'))
      .set('Authorization', `Bearer ${admin}`)
      .set('X-Forwarded-For', '203.0.113.92');
    expect(ok.status).toBe(200);
    lookups.mockRestore();
  });
});
