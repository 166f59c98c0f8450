import { z } from 'zod';
import { parseSigningKey, toPkcs8Pem } from './signing-key';

/** Parses "3600", "90s", "15m", "12h", "7d" into seconds. */
function parseDuration(value: string): number | null {
  const m = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return n * unit;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Every environment variable Praxis reads, with its default. README lists them. */
export const envSchema = z
  .object({
    PORT: int(1, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    // Below Linux's ephemeral port range (32768–60999): an outgoing connection that took
    // the port as its source port could hold it (TIME_WAIT) and stop the server starting.
    EMBEDDED_PG_PORT: int(1024, 65535).default(25432),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    INSTANCE_SIGNING_KEY: z
      .string()
      .transform((v, ctx) => {
        try {
          return toPkcs8Pem(parseSigningKey(v));
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      })
      .optional(),
    JWT_TTL: z
      .string()
      .default('3600')
      .transform((v, ctx) => {
        const s = parseDuration(v);
        if (s === null || s < 60 || s > 30 * 86400) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a duration between 60s and 30d, e.g. 3600, 15m, 12h',
          });
          return z.NEVER;
        }
        return s;
      }),
    RATE_LIMIT_PER_MINUTE: int(0, 1_000_000).default(1200),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    SEED_DEMO: bool.optional(),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1000).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: int(1, 100000).default(20),
    LOGIN_FAILURE_WINDOW_SECONDS: int(1, 86400).default(900),
    LOGIN_ACCOUNT_ALERT_FAILURES: int(1, 100000).default(20),
    SESSION_IDLE_MINUTES: int(1, 1440).default(30),
    SESSION_MAX_HOURS: int(1, 720).default(12),
    TRUST_PROXY: bool.default(false),
    WEBHOOK_ALLOW_PRIVATE: bool.default(false),
    WEBHOOK_MAX_ATTEMPTS: int(1, 100).default(8),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/?#]/, 'must be an smtp:// or smtps:// URL')
      .pipe(z.url())
      .optional(),
    SMTP_FROM: z.string().min(3).max(320).default('Praxis <praxis@localhost>'),
    PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[^/?#]/, 'must be an http:// or https:// URL')
      .pipe(z.url())
      .optional(),
    PROPOSAL_TRIAGE_DAYS: int(1, 365).default(5),
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: int(10, 86400).default(300),
    SEARCH_TIMEOUT_MS: int(100, 600_000).default(5000),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required when DATABASE_URL is set (at least 32 characters)',
      });
    }
    if (!!env.ADMIN_EMAIL !== !!env.ADMIN_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** The resolved configuration the app runs with (after the embedded database is up). */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  embedded: boolean;
  jwtSecret: string;
  /** The instance's Ed25519 private key (PKCS#8 PEM): signs audit checkpoints. */
  signingKey: string;
  jwtTtlSeconds: number;
  rateLimitPerMinute: number;
  logLevel: Env['LOG_LEVEL'];
  seedDemo: boolean;
  adminEmail?: string;
  adminPassword?: string;
  /**
   * Failed sign-ins: maxPerAccount counts one account from one address (429 past it),
   * maxPerAddress one address over all accounts (429); alertPerAccount counts one
   * account from everywhere and alerts admins (never locks: others could close that lock).
   */
  login: {
    maxPerAccount: number;
    maxPerAddress: number;
    windowSeconds: number;
    alertPerAccount?: number;
  };
  /** Browser sessions (cookie sign-in): idle timeout and absolute lifetime. */
  session: { idleMinutes: number; maxHours: number };
  trustProxy: boolean;
  /** Webhook URLs may resolve to loopback, link-local or private addresses (on-premises receivers, tests). */
  webhookAllowPrivate: boolean;
  /** Attempts per webhook delivery or e-mail before it is marked failed. */
  webhookMaxAttempts: number;
  /** SMTP server for e-mail notifications; null: no e-mail is sent (or queued). */
  smtpUrl: string | null;
  smtpFrom: string;
  /** Base of the links in e-mails, without a trailing slash. */
  publicUrl: string;
  /** Days a new improvement proposal has to be triaged before it counts as overdue. */
  proposalTriageDays: number;
  /** How often a signed checkpoint of the audit chain head is written. */
  auditCheckpointIntervalSeconds: number;
  /** Statement timeout of one search, in milliseconds (503 search-timeout past it). */
  searchTimeoutMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings count as unset, as most shells and .env files intend.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function toAppConfig(
  env: Env,
  resolved: { databaseUrl: string; embedded: boolean; jwtSecret: string; signingKey: string },
): AppConfig {
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: resolved.databaseUrl,
    embedded: resolved.embedded,
    jwtSecret: resolved.jwtSecret,
    signingKey: resolved.signingKey,
    jwtTtlSeconds: env.JWT_TTL,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO ?? resolved.embedded,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    login: {
      maxPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
      alertPerAccount: env.LOGIN_ACCOUNT_ALERT_FAILURES,
    },
    session: { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS },
    trustProxy: env.TRUST_PROXY,
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
    webhookMaxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    smtpUrl: env.SMTP_URL ?? null,
    smtpFrom: env.SMTP_FROM,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    proposalTriageDays: env.PROPOSAL_TRIAGE_DAYS,
    auditCheckpointIntervalSeconds: env.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
    searchTimeoutMs: env.SEARCH_TIMEOUT_MS,
  };
}
