import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiffService } from '../src/markdown/diff.service';
import { fmt, target } from './lib';

/**
 * npm run bench:diff — two 5,000-line SOP-like Markdown bodies, 5 % of lines
 * changed (deterministic), diffed as unified, JSON and HTML redline, against
 * `git diff --no-index` on the same files (spawned, so it pays a process start).
 * Prints the median of several runs; target ≤ 100 ms each.
 */
const LINES = Number(process.env.BENCH_LINES ?? 5_000);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 0.05);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_MS = 100;

/** mulberry32: small, fast and deterministic. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the operator shall verify calibration record before release of each batch and document ' +
  'any deviation in quality log with date signature reference balance weight tolerance ' +
  'supervisor approve sample retain label container cleaning line clearance procedure'
).split(' ');

function sopLines(n: number, rnd: () => number): string[] {
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)];
  const sentence = (min: number, max: number) => {
    const words = Array.from({ length: min + Math.floor(rnd() * (max - min)) }, pick);
    return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const lines: string[] = ['# SOP-100 Batch release', ''];
  let section = 0;
  while (lines.length < n) {
    const kind = rnd();
    if (kind < 0.04) lines.push('', `## ${++section}. ${sentence(2, 5).slice(0, -1)}`, '');
    else if (kind < 0.3) lines.push(`${1 + Math.floor(rnd() * 9)}. ${sentence(6, 14)}`);
    else if (kind < 0.45) lines.push(`- ${sentence(4, 10)}`);
    else if (kind < 0.55)
      lines.push(`| ${pick()} | ${pick()} ${pick()} | ${Math.floor(rnd() * 100)} g |`); // prettier-ignore
    else if (kind < 0.6) lines.push('');
    else lines.push(sentence(10, 24));
  }
  return lines.slice(0, n);
}

/** Changes about `share` of the lines: edits words in most, deletes or inserts the rest. */
function revise(lines: string[], share: number, rnd: () => number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (rnd() >= share) {
      out.push(line);
      continue;
    }
    const kind = rnd();
    if (kind < 0.15) continue; // deleted
    if (kind < 0.3) {
      out.push(line, `Note: ${WORDS[Math.floor(rnd() * WORDS.length)]} added in this revision.`);
      continue;
    }
    const words = line.split(' ');
    const at = Math.floor(rnd() * words.length);
    words[at] = WORDS[Math.floor(rnd() * WORDS.length)] + (at === words.length - 1 ? '.' : '');
    out.push(words.join(' ') + (words.join(' ') === line ? ' (revised)' : ''));
  }
  return out;
}

function median(fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function main(): void {
  const rnd = random(20_261_122);
  const oldLines = sopLines(LINES, rnd);
  const newLines = revise(oldLines, CHANGED, rnd);
  const from = { label: '1.0', body: oldLines.join('\n') + '\n' };
  const to = { label: '2.0', body: newLines.join('\n') + '\n' };
  const diffs = new DiffService();

  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-diff-'));
  try {
    writeFileSync(join(dir, 'a.md'), from.body);
    writeFileSync(join(dir, 'b.md'), to.body);
    const git = () => {
      const r = spawnSync('git', ['diff', '--no-index', '--no-color', '-U3', 'a.md', 'b.md'], {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
      });
      if (r.status !== 1) throw new Error(`git diff exited ${r.status}: ${String(r.stderr)}`);
      return r.stdout;
    };

    const { stats, hunks } = diffs.json(from, to);
    const html = diffs.html(from, to);
    console.log(
      `bench:diff — ${fmt(oldLines.length)} → ${fmt(newLines.length)} lines ` +
        `(${fmt(from.body.length / 1024)} KiB), +${fmt(stats.added)} −${fmt(stats.removed)} ` +
        `in ${fmt(hunks.length)} hunks; ${fmt(html.split('<ins>').length - 1)} <ins>, ` +
        `${fmt(html.split('<del>').length - 1)} <del>; median of ${RUNS} runs`,
    );

    const gitMs = median(git);
    const rows: [string, number][] = [
      ['unified', median(() => diffs.unified(from, to))],
      ['json', median(() => diffs.json(from, to))],
      ['html', median(() => diffs.html(from, to))],
    ];
    console.log(`git diff --no-index: ${fmt(gitMs, 1)} ms (spawned)`);
    for (const [name, ms] of rows) {
      console.log(
        `${name.padEnd(8)} ${fmt(ms, 1).padStart(7)} ms  ${fmt(ms / gitMs, 1).padStart(5)}× git  ` +
          `(target ≤ ${TARGET_MS} ms: ${target(ms <= TARGET_MS)})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
