import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../src/app';
import { parseTrustedKeys } from '../src/evidence/verify/trusted-keys';
import { verifyPack } from '../src/evidence/verify/verify-pack';
import { SigningService } from '../src/signing/signing.service';
import { api, createTestApp, login, TestApp, testConfig, ADMIN_EMAIL } from './helpers/app';
import { binary } from './helpers/binary';
import { auth, docs } from './helpers/documents';
import { usersByRole } from './helpers/factories';

describe('signing keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists the current key to any signed-in user, and keeps old keys after a rotation so old packs verify', async () => {
    const u = await usersByRole(t);
    const listed = await request(t.http).get(api('/signing-keys')).set(auth(u.staff)).expect(200);
    const current = t.app.get(SigningService).info;
    expect(listed.body.items).toEqual([
      {
        keyId: current.keyId,
        algorithm: 'Ed25519',
        publicKeyPem: current.publicKeyPem,
        firstUsedAt: expect.stringMatching(/Z$/),
        current: true,
      },
    ]);
    await request(t.http).get(api('/signing-keys')).expect(401);

    const doc = await docs(t).publish(u.quality_lead, u.approver);
    const old = await request(t.http)
      .get(api(`/documents/${doc.id}/evidence-pack`))
      .set(auth(u.auditor))
      .buffer(true)
      .parse(binary)
      .expect(200);

    // The same database, started with a new key.
    const rotated = await createApp(
      testConfig(t.dbUrl, {
        signingKey: generateKeyPairSync('ed25519')
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      }),
      { poolSize: 2 },
    );
    try {
      await rotated.init();
      const token = await login({ ...t, http: rotated.getHttpServer() }, ADMIN_EMAIL);
      const after = await request(rotated.getHttpServer())
        .get(api('/signing-keys'))
        .set(auth(token))
        .expect(200);
      const items = after.body.items as { keyId: string; current: boolean }[];
      expect(items).toHaveLength(2);
      expect(items[0]).toMatchObject({ keyId: current.keyId, current: false });
      expect(items[1].current).toBe(true);
      const report = await verifyPack(old.body as Buffer, { keys: parseTrustedKeys(after.text) });
      expect(report).toMatchObject({ ok: true, keyId: current.keyId });
    } finally {
      await rotated.close();
    }
  });
});
