import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recoverStalePidFile, socketPathFits } from './embedded-postgres';

/** postmaster.pid as PostgreSQL writes it: pid, data directory, start time, port, ... */
const pidFileText = (pid: number | string, dir: string) =>
  `${pid}\n${dir}\n1764100000\n54329\n/tmp\n127.0.0.1\n  5432001    12345\nready   \n`;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A process that has certainly exited: its pid names nothing running. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  if (!child.pid || isAlive(child.pid)) throw new Error('could not find a dead pid');
  return child.pid;
}

/**
 * A live process, ready when it says so. As "postgres" it runs under that program name
 * (argv[0]), as an orphaned postmaster would; otherwise it only mentions postgres in its
 * arguments, as a test runner or postgres_exporter might.
 */
function liveProcess(asPostgres: boolean): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-e', 'console.log("up"); setInterval(() => {}, 1000)', 'postgres'],
    {
      argv0: asPostgres ? '/usr/lib/postgresql/17/bin/postgres' : process.execPath,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () => resolve(child));
  });
}

describe('recoverStalePidFile', () => {
  let dir: string;
  let pidFile: string;
  let log: jest.Mock<void, [string]>;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'praxis-pg-'));
    pidFile = path.join(dir, 'postmaster.pid');
    log = jest.fn<void, [string]>();
  });
  afterEach(() => {
    for (const c of children.splice(0))
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('does nothing when there is no postmaster.pid', async () => {
    await expect(recoverStalePidFile(dir, log)).resolves.toBeUndefined();
    expect(existsSync(pidFile)).toBe(false);
    expect(log).not.toHaveBeenCalled();
  });

  it('removes a postmaster.pid whose process is gone', async () => {
    writeFileSync(pidFile, pidFileText(deadPid(), dir));
    await recoverStalePidFile(dir, log);
    expect(existsSync(pidFile)).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('stale postmaster.pid'));
  });

  it('removes a postmaster.pid whose first line is not a pid', async () => {
    writeFileSync(pidFile, pidFileText('garbage', dir));
    await recoverStalePidFile(dir, log);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('refuses, and keeps the file, when the pid is a live process that is not PostgreSQL', async () => {
    const text = pidFileText(process.pid, dir);
    writeFileSync(pidFile, text);
    await expect(recoverStalePidFile(dir, log)).rejects.toThrow(
      new RegExp(`names process ${process.pid}, which is not a PostgreSQL on this folder`),
    );
    expect(readFileSync(pidFile, 'utf8')).toBe(text);
    expect(isAlive(process.pid)).toBe(true);
  });

  it('refuses, and leaves it running, when the pid is a PostgreSQL on another folder', async () => {
    const pg = await liveProcess(true);
    children.push(pg);
    writeFileSync(pidFile, pidFileText(pg.pid!, path.join(dir, 'elsewhere')));
    await expect(recoverStalePidFile(dir, log)).rejects.toThrow(/not a PostgreSQL on this folder/);
    expect(existsSync(pidFile)).toBe(true);
    expect(isAlive(pg.pid!)).toBe(true);
  });

  it('refuses, and leaves it running, when the process only mentions postgres in its arguments', async () => {
    const other = await liveProcess(false);
    children.push(other);
    writeFileSync(pidFile, pidFileText(other.pid!, dir));
    await expect(recoverStalePidFile(dir, log)).rejects.toThrow(/not a PostgreSQL on this folder/);
    expect(existsSync(pidFile)).toBe(true);
    expect(isAlive(other.pid!)).toBe(true);
  });

  it('refuses, and leaves it running, when the PostgreSQL on this folder belongs to another running app', async () => {
    // A Node.js "app" that starts the PostgreSQL as its child and stays up, as npm start does.
    const app = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath,
           ['-e', 'setInterval(() => {}, 1000)'], { argv0: '/usr/lib/postgresql/17/bin/postgres' });
         console.log(c.pid); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    children.push(app);
    const pgPid = Number(
      await new Promise<string>((r) => app.stdout.once('data', (d) => r(String(d)))),
    );
    try {
      writeFileSync(pidFile, pidFileText(pgPid, dir));
      await expect(recoverStalePidFile(dir, log)).rejects.toThrow(
        new RegExp(`in use by another running Praxis \\(process ${app.pid}\\)`),
      );
      expect(isAlive(pgPid)).toBe(true);
      expect(existsSync(pidFile)).toBe(true);
    } finally {
      process.kill(pgPid, 'SIGKILL');
    }
  });

  it('stops an orphaned PostgreSQL on this very folder, then removes the file', async () => {
    const pg = await liveProcess(true);
    children.push(pg);
    const exited = new Promise<NodeJS.Signals | null>((r) =>
      pg.once('exit', (_code, signal) => r(signal)),
    );
    writeFileSync(pidFile, pidFileText(pg.pid!, dir));
    await recoverStalePidFile(dir, log);
    await expect(exited).resolves.toBe('SIGINT');
    expect(existsSync(pidFile)).toBe(false);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining(`orphaned embedded PostgreSQL (pid ${pg.pid})`),
    );
  });
});

describe('socketPathFits', () => {
  it('takes a usual data folder, and refuses one too deep for a socket address or not a list of one', () => {
    expect(socketPathFits('/work/praxis/.data/pg', 25432)).toBe(true);
    expect(socketPathFits('/' + 'deep/'.repeat(18) + 'pg', 25432)).toBe(false);
    // PostgreSQL would read these as a list of two folders, or a quoted one.
    expect(socketPathFits('/work/a,b/.data/pg', 25432)).toBe(false);
    expect(socketPathFits('/work/"q"/.data/pg', 25432)).toBe(false);
  });
});
