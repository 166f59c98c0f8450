import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiffService, DiffSide } from './diff.service';

const diffs = new DiffService();

const hasPatch = spawnSync('patch', ['--version']).status === 0;

/** A small SOP-like body of `n` numbered lines. */
function sop(n: number, edit: (i: number, line: string) => string | null = (_, l) => l): string {
  const lines: string[] = ['# SOP-042 Calibration of balances', ''];
  for (let i = 1; i <= n; i++) {
    const line = edit(i, `${i}. The operator checks balance ${i} against reference weight W-${i}.`);
    if (line !== null) lines.push(line);
  }
  return lines.join('\n') + '\n';
}

/**
 * Writes the old body as `<dir>/document.md` (what `a/document.md` names after -p1),
 * applies the patch with the given tool, and returns the file afterwards.
 */
function applyWith(tool: 'git' | 'patch', from: DiffSide, patch: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-diff-'));
  try {
    const file = join(dir, 'document.md');
    writeFileSync(file, from.body);
    writeFileSync(join(dir, 'change.patch'), patch);
    if (tool === 'git') {
      execFileSync('git', ['apply', '--check', 'change.patch'], { cwd: dir, stdio: 'pipe' });
      execFileSync('git', ['apply', 'change.patch'], { cwd: dir, stdio: 'pipe' });
    } else {
      execFileSync('patch', ['--dry-run', '-p1', '-i', 'change.patch'], {
        cwd: dir,
        stdio: 'pipe',
      });
      execFileSync('patch', ['-p1', '-s', '-i', 'change.patch'], { cwd: dir, stdio: 'pipe' });
    }
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectApplies(from: DiffSide, to: DiffSide): string {
  const patch = diffs.unified(from, to);
  expect(applyWith('git', from, patch)).toBe(to.body);
  if (hasPatch) expect(applyWith('patch', from, patch)).toBe(to.body);
  return patch;
}

describe('DiffService.unified', () => {
  const from = { label: 'rev-1', body: sop(40) };
  const to = {
    label: 'rev-2',
    body: sop(41, (i, l) => (i === 7 ? null : i === 20 ? `${l} Record the result.` : l)),
  };

  it('has ---/+++ headers and @@ hunks with 3 lines of context', () => {
    const patch = diffs.unified(from, to);
    const lines = patch.split('\n');
    expect(lines[0]).toBe('--- a/document.md\trev-1');
    expect(lines[1]).toBe('+++ b/document.md\trev-2');
    expect(lines[2]).toBe('@@ -6,7 +6,6 @@');
    expect(lines.slice(3, 10)).toEqual([
      ' 4. The operator checks balance 4 against reference weight W-4.',
      ' 5. The operator checks balance 5 against reference weight W-5.',
      ' 6. The operator checks balance 6 against reference weight W-6.',
      '-7. The operator checks balance 7 against reference weight W-7.',
      ' 8. The operator checks balance 8 against reference weight W-8.',
      ' 9. The operator checks balance 9 against reference weight W-9.',
      ' 10. The operator checks balance 10 against reference weight W-10.',
    ]);
    expect(patch.match(/^@@ /gm)).toHaveLength(3);
  });

  it('applies with git apply and patch -p1, giving exactly the new body', () => {
    expectApplies(from, to);
  });

  it('applies when either body lacks a trailing newline', () => {
    const noEol = (s: string) => s.replace(/\n$/, '');
    expect(expectApplies({ ...from, body: noEol(from.body) }, to)).toContain(
      '\\ No newline at end of file',
    );
    expectApplies(from, { ...to, body: noEol(to.body) });
    expectApplies({ ...from, body: noEol(from.body) }, { ...to, body: noEol(to.body) });
    // Only the final newline changes.
    expectApplies(from, { ...from, label: 'rev-2', body: noEol(from.body) });
  });

  it('applies changes at the very start and end, and to CRLF bodies', () => {
    expectApplies(
      { label: 'a', body: 'first\nmiddle\nlast\n' },
      { label: 'b', body: 'new first\nmiddle\nnew last\nappended\n' },
    );
    expectApplies(
      { label: 'a', body: 'one\r\ntwo\r\nthree\r\n' },
      { label: 'b', body: 'one\r\n2\r\nthree\r\n' },
    );
  });

  it('applies from and to an empty body', () => {
    expectApplies({ label: 'a', body: '' }, { label: 'b', body: 'one\ntwo\n' });
    expectApplies({ label: 'a', body: 'one\ntwo' }, { label: 'b', body: '' });
  });

  it('names the file as asked and reduces names and labels to safe path segments', () => {
    const patch = diffs.unified(
      { label: 'SOP 7/rev 1\n+++ x', body: 'a\n' },
      { label: '2.0', body: 'b\n' },
      '../../etc/SOP 7',
    );
    expect(patch.split('\n').slice(0, 2)).toEqual([
      '--- a/etc-SOP-7.md\tSOP-7-rev-1-x',
      '+++ b/etc-SOP-7.md\t2.0',
    ]);
  });

  it('is only headers when nothing changed', () => {
    expect(diffs.unified(from, { ...from, label: 'rev-2' })).toBe(
      '--- a/document.md\trev-1\n+++ b/document.md\trev-2\n',
    );
  });
});

describe('DiffService.json', () => {
  it('counts added and removed lines and reports the hunks as in the unified diff', () => {
    const from = { label: '1', body: sop(30) };
    const to = {
      label: '2',
      body: sop(30, (i, l) => (i === 3 ? null : i === 15 ? 'changed line' : l)) + 'added\n',
    };
    const result = diffs.json(from, to);
    expect(result.stats).toEqual({ added: 2, removed: 2 });
    const headers = diffs
      .unified(from, to)
      .split('\n')
      .filter((l) => l.startsWith('@@'));
    expect(result.hunks.map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`)).toEqual(headers); // prettier-ignore
    expect(result.hunks[1].lines).toEqual([
      ' 12. The operator checks balance 12 against reference weight W-12.',
      ' 13. The operator checks balance 13 against reference weight W-13.',
      ' 14. The operator checks balance 14 against reference weight W-14.',
      '-15. The operator checks balance 15 against reference weight W-15.',
      '+changed line',
      ' 16. The operator checks balance 16 against reference weight W-16.',
      ' 17. The operator checks balance 17 against reference weight W-17.',
      ' 18. The operator checks balance 18 against reference weight W-18.',
    ]);
    for (const h of result.hunks) for (const l of h.lines) expect(l[0]).toMatch(/[+\- ]/);
  });

  it('uses the @@ numbering for an insertion into an empty body and leaves out "\\ No newline" markers', () => {
    expect(diffs.json({ label: '1', body: '' }, { label: '2', body: 'a\nb' })).toEqual({
      stats: { added: 2, removed: 0 },
      hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2, lines: ['+a', '+b'] }],
    });
  });

  it('is empty for identical bodies', () => {
    expect(diffs.json({ label: '1', body: 'x\n' }, { label: '2', body: 'x\n' })).toEqual({
      stats: { added: 0, removed: 0 },
      hunks: [],
    });
  });
});

describe('DiffService.html', () => {
  it('marks changed words with ins/del inside a pre and keeps unchanged text', () => {
    const html = diffs.html(
      { label: '1', body: '# Scope\n\nThe operator checks the balance daily.\n' },
      { label: '2', body: '# Scope\n\nThe technician checks the balance weekly.\n' },
    );
    expect(html).toBe(
      '<pre class="redline"># Scope\n\nThe <del>operator</del><ins>technician</ins> checks the balance ' +
        '<del>daily</del><ins>weekly</ins>.\n</pre>',
    );
  });

  it('escapes the Markdown source, changed or not', () => {
    const html = diffs.html(
      { label: '1', body: 'a <b>&amp;</b>\nkeep <script>x</script>\n' },
      { label: '2', body: 'a <script>alert("1")</script>\nkeep <script>x</script>\n' },
    );
    expect(html).not.toMatch(/<(script|b)\b/i);
    expect(html).toContain('keep &#60;script&#62;x&#60;/script&#62;');
    expect(html).toContain('<ins>');
    expect(html).toContain('<del>');
    expect(html).toContain('&#34;1&#34;');
    const text = html.replace(/<\/?(ins|del|pre)[^>]*>/g, '');
    expect(text).not.toMatch(/[<>"']/);
  });

  it('shows whole added and removed lines', () => {
    expect(diffs.html({ label: '1', body: 'a\nb\n' }, { label: '2', body: 'a\nc\nd\n' })).toBe(
      '<pre class="redline">a\n<del>b</del><ins>c</ins>\n<ins>d\n</ins></pre>',
    );
    expect(diffs.html({ label: '1', body: 'a\nb\n' }, { label: '2', body: 'a\nb\nc\n' })).toBe(
      '<pre class="redline">a\nb\n<ins>c\n</ins></pre>',
    );
  });
});

describe('DiffService bounds', () => {
  // Two 20,000-line bodies with nothing in common: D = 40,000 edits, far beyond the bounds.
  const unrelated = (tag: string) =>
    Array.from({ length: 20_000 }, (_, i) => `${tag} line ${i} ${(i * 7919) % 10007}`).join('\n') +
    '\n';
  const a = { label: 'a', body: unrelated('alpha') };
  const b = { label: 'b', body: unrelated('beta') };

  it('falls back to a whole-body replace that still applies', () => {
    const patch = diffs.unified(a, b);
    expect(patch.split('\n')[2]).toBe('@@ -1,20000 +1,20000 @@');
    expect(applyWith('git', a, patch)).toBe(b.body);
    expect(diffs.json(a, b).stats).toEqual({ added: 20_000, removed: 20_000 });
  });

  it('marks a missing final newline in the whole-body replace', () => {
    const noEol = { ...b, body: b.body.slice(0, -1) };
    const patch = diffs.unified(a, noEol);
    expect(patch.endsWith('\n\\ No newline at end of file\n')).toBe(true);
    if (hasPatch) expect(applyWith('patch', a, patch)).toBe(noEol.body);
  });

  it('falls back to whole-body del/ins for the redline', () => {
    const html = diffs.html(a, b);
    expect(html.match(/<del>/g)).toHaveLength(1);
    expect(html.match(/<ins>/g)).toHaveLength(1);
  });

  it('falls back to line level for one huge changed line', () => {
    const words = (seed: number) =>
      Array.from({ length: 60_000 }, (_, i) => `w${(i * seed) % 9973}`).join(' ');
    const html = diffs.html({ label: '1', body: words(31) }, { label: '2', body: words(37) });
    expect(html).toBe(`<pre class="redline"><del>${words(31)}</del><ins>${words(37)}</ins></pre>`);
  });

  it('falls back to line level for a block whose words share nothing', () => {
    const words = (tag: string) =>
      Array.from({ length: 3_000 }, (_, i) => `${tag}${i}`).join(' ') + '\n';
    const html = diffs.html(
      { label: '1', body: `same\n${words('x')}` },
      { label: '2', body: `same\n${words('y')}` },
    );
    expect(html).toBe(`<pre class="redline">same\n<del>${words('x')}</del><ins>${words('y')}</ins></pre>`); // prettier-ignore
  });
});
