import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { AppConfig } from '../../src/config/config';
import { BootstrapService } from '../../src/seed/bootstrap.service';
import { databaseUrl } from './db-url';

export const ADMIN_EMAIL = 'admin@test.local';
export const PASSWORD = 'correct horse battery';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  ds: DataSource;
  config: AppConfig;
  dbUrl: string;
  close(): Promise<void>;
}

function server(): { url: string; template: string } {
  const url = process.env.PRAXIS_TEST_SERVER_URL;
  const template = process.env.PRAXIS_TEST_TEMPLATE;
  if (!url || !template)
    throw new Error('run through jest: test/global-setup.ts prepares the database');
  return { url, template };
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: server().url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A database of this test file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { url, template } = server();
  const name = `praxis_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (err) {
      // another worker cloning the same template at this instant
      if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    url: databaseUrl(url, name),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** One instance signing key per test process (as embedded mode would generate). */
const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

export function testConfig(
  databaseUrlValue: string,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: databaseUrlValue,
    embedded: false,
    jwtSecret: 'test-secret-that-is-long-enough-0123456789',
    signingKey: SIGNING_KEY,
    jwtTtlSeconds: 3600,
    rateLimitPerMinute: 0,
    logLevel: 'silent',
    seedDemo: false,
    adminEmail: ADMIN_EMAIL,
    adminPassword: PASSWORD,
    login: { maxPerAccount: 5, maxPerAddress: 50, windowSeconds: 900 },
    session: { idleMinutes: 30, maxHours: 12 },
    trustProxy: false,
    // tests deliver webhooks to receivers on 127.0.0.1
    webhookAllowPrivate: true,
    webhookMaxAttempts: 8,
    smtpUrl: null,
    smtpFrom: 'Praxis <praxis@localhost>',
    publicUrl: 'http://praxis.test',
    proposalTriageDays: 5,
    auditCheckpointIntervalSeconds: 300,
    searchTimeoutMs: 5000,
    ...overrides,
  };
}

/**
 * The real app on its own database, with one admin (ADMIN_EMAIL / PASSWORD).
 * `sessionTimeZone` asks for database sessions in that zone (to prove answers stay UTC).
 */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  opts: { sessionTimeZone?: string } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const url = new URL(db.url);
  if (opts.sessionTimeZone) url.searchParams.set('options', `-c TimeZone=${opts.sessionTimeZone}`);
  const config = testConfig(url.toString(), overrides);
  const app = await createApp(config, { poolSize: 10 });
  await app.get(BootstrapService).run();
  return {
    app,
    http: app.getHttpServer(),
    ds: app.get(DataSource),
    config,
    dbUrl: db.url,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export const api = (path: string) => `/api/v1${path}`;

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await request(t.http).post(api('/auth/login')).send({ email, password });
  if (res.status !== 200)
    throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}
