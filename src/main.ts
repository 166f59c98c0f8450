import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from './app';
import { drainable, HttpDrain } from './common/http-drain';
import { releaseStartupYoungGeneration } from './common/young-generation';
import { ConfigError, Env, parseEnv, toAppConfig } from './config/config';
import { parseSigningKey, toPkcs8Pem } from './config/signing-key';
import { resolveDatabase } from './database/resolve-database';
import { runMigrations } from './database/run-migrations';
import { BootstrapService } from './seed/bootstrap.service';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-organisation';

/** In embedded mode the JWT secret is generated once and kept in the data folder. */
function embeddedJwtSecret(env: Env): string {
  const file = path.join(env.DATA_DIR, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * Likewise the instance's Ed25519 signing key (audit checkpoints), as PKCS#8 PEM. With
 * DATABASE_URL too, when INSTANCE_SIGNING_KEY is unset: a service that starts without it
 * keeps working; several instances behind one database should share the variable.
 */
function embeddedSigningKey(env: Env): string {
  const file = path.join(env.DATA_DIR, 'instance-signing-key.pem');
  if (existsSync(file)) return toPkcs8Pem(parseSigningKey(readFileSync(file, 'utf8')));
  mkdirSync(env.DATA_DIR, { recursive: true });
  const pem = toPkcs8Pem(generateKeyPairSync('ed25519').privateKey);
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

/** How long SIGTERM waits for requests in flight before it cuts them. */
const DRAIN_MS = 20_000;
/** How long the whole stop may take (requests, workers, embedded database) before exit. */
const STOP_MS = 30_000;

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const db = await resolveDatabase(env);
  let stopping = false;
  /**
   * Stops in order: no new connections and the requests in flight answered, then the
   * workers (each finishes its run; their advisory locks go with their transactions) and
   * the pool, then the embedded database.
   */
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      process.stderr.write('Praxis did not stop in time; exiting\n');
      process.exit(code || 1);
    }, STOP_MS).unref();
    await http?.drain(DRAIN_MS);
    await app?.close().catch(() => undefined);
    await db.embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let http: HttpDrain | undefined;
  try {
    const config = toAppConfig(env, {
      databaseUrl: db.url,
      embedded: db.embedded !== null,
      jwtSecret: env.JWT_SECRET ?? embeddedJwtSecret(env),
      signingKey: env.INSTANCE_SIGNING_KEY ?? embeddedSigningKey(env),
    });
    const applied = await runMigrations(db.url);
    app = await createApp(config);
    http = drainable(app.getHttpServer());
    const { seededDemo } = await app.get(BootstrapService).run();
    await app.listen(config.port, config.host);
    releaseStartupYoungGeneration();

    const base = `http://localhost:${config.port}`;
    const lines = [
      '',
      `Praxis is listening on ${base} (${db.embedded ? 'embedded PostgreSQL in ' + path.join(env.DATA_DIR, 'pg') : 'DATABASE_URL'})`,
      applied.length ? `  migrations applied: ${applied.join(', ')}` : '  schema up to date',
      `  web app:  ${base}/   (open it in a browser)`,
      `  API:      ${base}/api/v1`,
      `  API docs: ${base}/api/docs   (OpenAPI JSON: ${base}/api/docs-json)`,
      `  health:   ${base}/health/ready   metrics: ${base}/metrics`,
    ];
    if (config.seedDemo) {
      lines.push(
        `  demo organisation ${seededDemo ? 'seeded' : 'present'}; sign in at ${base}/ with password "${DEMO_PASSWORD}" as:`,
      );
      for (const u of DEMO_USERS) lines.push(`    ${u.email.padEnd(22)} ${u.roles.join(', ')}`);
      lines.push(
        `  e.g. curl -s -X POST ${base}/api/v1/auth/login -H 'Content-Type: application/json' \\`,
        `         -d '{"email":"lead@demo.local","password":"${DEMO_PASSWORD}"}'`,
      );
    }
    process.stdout.write(lines.join('\n') + '\n\n');
  } catch (err) {
    process.stderr.write(
      `Praxis could not start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    await stop(1);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof ConfigError
      ? `${err.message}\n`
      : `Praxis could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
