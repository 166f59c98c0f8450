import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { ConfigError, parseEnv, toAppConfig } from './config';

const SECRET = 's'.repeat(32);
const ED25519 = generateKeyPairSync('ed25519').privateKey;
const KEY_PEM = ED25519.export({ format: 'pem', type: 'pkcs8' }).toString();
const KEY_B64 = ED25519.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const RSA_PEM = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

function failure(env: NodeJS.ProcessEnv): ConfigError {
  try {
    parseEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(env)}`);
}

describe('parseEnv', () => {
  it('fills in every default from an empty environment', () => {
    expect(parseEnv({})).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: '.data',
      EMBEDDED_PG_PORT: 25432,
      JWT_TTL: 3600,
      RATE_LIMIT_PER_MINUTE: 1200,
      LOG_LEVEL: 'info',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
      LOGIN_MAX_FAILURES_PER_ADDRESS: 20,
      LOGIN_FAILURE_WINDOW_SECONDS: 900,
      LOGIN_ACCOUNT_ALERT_FAILURES: 20,
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
      TRUST_PROXY: false,
      WEBHOOK_ALLOW_PRIVATE: false,
      WEBHOOK_MAX_ATTEMPTS: 8,
      SMTP_FROM: 'Praxis <praxis@localhost>',
      PROPOSAL_TRIAGE_DAYS: 5,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: 300,
      SEARCH_TIMEOUT_MS: 5000,
    });
  });

  it('treats empty strings as unset and ignores variables it does not know', () => {
    const env = parseEnv({ PORT: '', LOG_LEVEL: '', PATH: '/usr/bin', HOME: '/root' });
    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env).not.toHaveProperty('PATH');
  });

  it('reads valid values', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/praxis',
      JWT_SECRET: SECRET,
      INSTANCE_SIGNING_KEY: KEY_B64,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'debug',
      SEED_DEMO: 'yes',
      TRUST_PROXY: '1',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'twelve chars!',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://u:p@db:5432/praxis',
      RATE_LIMIT_PER_MINUTE: 0,
      LOG_LEVEL: 'debug',
      SEED_DEMO: true,
      TRUST_PROXY: true,
      ADMIN_EMAIL: 'root@example.com',
    });
    expect(parseEnv({ SEED_DEMO: 'false', TRUST_PROXY: 'no' })).toMatchObject({
      SEED_DEMO: false,
      TRUST_PROXY: false,
    });
  });

  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['15m', 900],
    ['12h', 43200],
    ['7d', 604800],
    ['30d', 2592000],
    ['60', 60],
  ])('reads JWT_TTL=%s as %i seconds', (value, seconds) => {
    expect(parseEnv({ JWT_TTL: value }).JWT_TTL).toBe(seconds);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '0' }],
    ['PORT', { PORT: '80.5' }],
    ['EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: '80' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['JWT_TTL', { JWT_TTL: 'forever' }],
    ['JWT_TTL', { JWT_TTL: '59' }],
    ['JWT_TTL', { JWT_TTL: '31d' }],
    ['JWT_TTL', { JWT_TTL: '-5m' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '-1' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: 'lots' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'on' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x', JWT_SECRET: SECRET }],
    ['JWT_SECRET', { DATABASE_URL: 'postgres://db/praxis' }],
    ['JWT_SECRET', { DATABASE_URL: 'postgres://db/praxis', JWT_SECRET: 'short' }],
    ['JWT_SECRET', { JWT_SECRET: 's'.repeat(31) }],
    ['INSTANCE_SIGNING_KEY', { INSTANCE_SIGNING_KEY: 'not a key' }],
    ['INSTANCE_SIGNING_KEY', { INSTANCE_SIGNING_KEY: RSA_PEM }],
    ['AUDIT_CHECKPOINT_INTERVAL_SECONDS', { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '5' }],
    ['AUDIT_CHECKPOINT_INTERVAL_SECONDS', { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '5m' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'root@example.com' }],
    ['ADMIN_PASSWORD', { ADMIN_PASSWORD: 'long enough password' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'short' }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'not an e-mail', ADMIN_PASSWORD: 'long enough password' }],
    ['LOGIN_MAX_FAILURES_PER_ACCOUNT', { LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' }],
    ['WEBHOOK_ALLOW_PRIVATE', { WEBHOOK_ALLOW_PRIVATE: 'sometimes' }],
    ['SEARCH_TIMEOUT_MS', { SEARCH_TIMEOUT_MS: '50' }],
    ['WEBHOOK_MAX_ATTEMPTS', { WEBHOOK_MAX_ATTEMPTS: '0' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example.com' }],
    ['SMTP_URL', { SMTP_URL: 'smtp://' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://praxis.example.com' }],
  ])('refuses a bad %s with a ConfigError naming it (%j)', (name, env) => {
    const err = failure(env);
    expect(err.message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });

  it('names every bad variable at once', () => {
    const { message } = failure({ PORT: 'abc', LOG_LEVEL: 'loud', JWT_TTL: 'forever' });
    for (const name of ['PORT', 'LOG_LEVEL', 'JWT_TTL']) expect(message).toContain(`${name}:`);
  });

  it('reads the instance signing key as PKCS#8 PEM or base64 DER, and gives it back as PEM', () => {
    const fromPem = parseEnv({ INSTANCE_SIGNING_KEY: KEY_PEM }).INSTANCE_SIGNING_KEY;
    const fromDer = parseEnv({ INSTANCE_SIGNING_KEY: KEY_B64 }).INSTANCE_SIGNING_KEY;
    expect(fromPem).toBe(KEY_PEM);
    expect(fromDer).toBe(KEY_PEM);
    // A PEM squeezed onto one line with literal \n, as some .env files hold it.
    const oneLine = KEY_PEM.trim().replace(/\n/g, '\\n');
    expect(parseEnv({ INSTANCE_SIGNING_KEY: oneLine }).INSTANCE_SIGNING_KEY).toBe(KEY_PEM);
    expect(createPrivateKey(fromPem!).asymmetricKeyType).toBe('ed25519');
  });

  it('never echoes a signing key it refuses', () => {
    const { message } = failure({ INSTANCE_SIGNING_KEY: RSA_PEM });
    expect(message).toContain('Ed25519');
    expect(message).not.toContain(RSA_PEM.split('\n')[1]);
  });

  it('never echoes a secret it refuses', () => {
    const { message } = failure({ DATABASE_URL: 'postgres://db/x', JWT_SECRET: 'hunter2-secret' });
    expect(message).not.toContain('hunter2-secret');
  });
});

describe('toAppConfig', () => {
  it('seeds the demo organisation by default only on the embedded database', () => {
    const env = parseEnv({});
    const resolved = { databaseUrl: 'postgres://x/y', jwtSecret: SECRET, signingKey: KEY_PEM };
    expect(toAppConfig(env, { ...resolved, embedded: true }).seedDemo).toBe(true);
    expect(toAppConfig(env, { ...resolved, embedded: false }).seedDemo).toBe(false);
    expect(
      toAppConfig(parseEnv({ SEED_DEMO: 'false' }), { ...resolved, embedded: true }).seedDemo,
    ).toBe(false);
    expect(toAppConfig(env, { ...resolved, embedded: false })).toMatchObject({
      port: 3000,
      jwtTtlSeconds: 3600,
      rateLimitPerMinute: 1200,
      login: { maxPerAccount: 5, maxPerAddress: 20, windowSeconds: 900, alertPerAccount: 20 },
      session: { idleMinutes: 30, maxHours: 12 },
      signingKey: KEY_PEM,
      auditCheckpointIntervalSeconds: 300,
    });
  });

  it('reads the session limits and the account alert threshold, and refuses nonsense', () => {
    const resolved = {
      databaseUrl: 'postgres://x/y',
      jwtSecret: SECRET,
      signingKey: KEY_PEM,
      embedded: false,
    };
    const env = parseEnv({
      SESSION_IDLE_MINUTES: '15',
      SESSION_MAX_HOURS: '8',
      LOGIN_ACCOUNT_ALERT_FAILURES: '50',
    });
    expect(toAppConfig(env, resolved)).toMatchObject({
      login: { alertPerAccount: 50 },
      session: { idleMinutes: 15, maxHours: 8 },
    });
    for (const [name, value] of [
      ['SESSION_IDLE_MINUTES', '0'],
      ['SESSION_IDLE_MINUTES', '30m'],
      ['SESSION_MAX_HOURS', '0'],
      ['SESSION_MAX_HOURS', '721'],
      ['LOGIN_ACCOUNT_ALERT_FAILURES', '0'],
    ])
      expect(failure({ [name]: value }).message).toContain(name);
  });

  it('delivers to public webhook addresses only, sends no e-mail and links to localhost by default', () => {
    const resolved = {
      ...{ databaseUrl: 'postgres://x/y', jwtSecret: SECRET, signingKey: KEY_PEM },
      embedded: false,
    };
    expect(toAppConfig(parseEnv({ PORT: '8080' }), resolved)).toMatchObject({
      webhookAllowPrivate: false,
      webhookMaxAttempts: 8,
      smtpUrl: null,
      smtpFrom: 'Praxis <praxis@localhost>',
      publicUrl: 'http://localhost:8080',
    });
    const env = parseEnv({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_MAX_ATTEMPTS: '3',
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      SMTP_FROM: 'QA <qa@example.com>',
      PUBLIC_URL: 'https://praxis.example.com/',
    });
    expect(toAppConfig(env, resolved)).toMatchObject({
      webhookAllowPrivate: true,
      webhookMaxAttempts: 3,
      smtpUrl: 'smtps://user:pass@mail.example.com:465',
      smtpFrom: 'QA <qa@example.com>',
      publicUrl: 'https://praxis.example.com',
    });
  });
});
