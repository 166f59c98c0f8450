import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTrustedKeys, TrustedKey } from './trusted-keys';
import { verifyPack } from './verify-pack';

const USAGE = `usage: npm run verify-pack -- pack.zip [--keys signing-keys.json]... [--chain full-export.jsonl]

  --keys   public keys you trust: the saved JSON of GET /api/v1/signing-keys (or of
           GET /api/v1/instance/public-key), or a PEM public key; repeatable.
           Default: signing-keys.json in the current directory.
  --chain  a full export of the audit chain (GET /api/v1/audit-events/export?format=jsonl):
           also check that every event of the pack is in the chain.

Exit status: 0 verified, 1 not verified (each problem is named), 2 usage error.`;

/** `npm run` starts scripts in the package folder; paths are relative to where it was typed. */
const here = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** Runs the verifier on command-line arguments; returns the exit status. */
export async function runCli(argv: string[]): Promise<number> {
  let pack: string | undefined;
  let chain: string | undefined;
  const keyFiles: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--chain' && argv[i + 1]) chain = here(argv[++i]);
    else if (arg === '--keys' && argv[i + 1]) keyFiles.push(here(argv[++i]));
    else if (!arg.startsWith('-') && !pack) pack = here(arg);
    else return usage(`unexpected argument: ${arg}`);
  }
  if (!pack) return usage('which pack?');
  if (keyFiles.length === 0) keyFiles.push(here('signing-keys.json'));
  const keys: TrustedKey[] = [];
  for (const file of keyFiles) {
    try {
      keys.push(...parseTrustedKeys(readFileSync(file, 'utf8')));
    } catch (err) {
      return usage(`cannot read trusted keys from ${file}: ${(err as Error).message}`);
    }
  }
  const report = await verifyPack(pack, { keys, chain });
  for (const f of report.findings) console.log(`FAILED  ${f.file}: ${f.problem}`);
  if (!report.ok) {
    console.log(`NOT VERIFIED: ${report.findings.length} problem(s)`);
    return 1;
  }
  console.log(
    `VERIFIED pack ${report.packId}: ${report.files} files match the manifest signed by key ` +
      `${report.keyId}; ${report.events} audit events recompute` +
      (report.chainChecked ? ' and are in the chain export' : ''),
  );
  return 0;
}

function usage(problem: string): number {
  console.error(`${problem}\n\n${USAGE}`);
  return 2;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
