import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { ADMIN_EMAIL, PASSWORD } from './app';

/**
 * Compiles the TypeScript sources on load in the child (the swc settings of
 * jest.config.js), so a test runs the real `src/main.ts` without a build.
 */
const TS_HOOK = `
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
require('node:module')._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};`;

export interface ServiceProcess {
  base: string;
  proc: ChildProcessWithoutNullStreams;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The service as `npm start` runs it (src/main.ts), against `databaseUrl`, with one admin. */
export async function startServiceProcess(databaseUrl: string): Promise<ServiceProcess> {
  const port = await freePort();
  const main = path.join(__dirname, '../../src/main.ts');
  const proc = spawn(process.execPath, ['-e', `${TS_HOOK}\nrequire(${JSON.stringify(main)});`], {
    cwd: path.join(__dirname, '../..'),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      INSTANCE_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString(),
      ADMIN_EMAIL,
      ADMIN_PASSWORD: PASSWORD,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      SEED_DEMO: 'false',
    },
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const check = () => out.includes('Praxis is listening') && resolve();
    proc.stdout.on('data', check);
    void exited.then((code) => reject(new Error(`service exited with ${code}: ${out}`)));
  });
  return { base: `http://127.0.0.1:${port}`, proc, output: () => out, exited };
}
