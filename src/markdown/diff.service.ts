import { Injectable } from '@nestjs/common';
import {
  diffLines,
  diffWordsWithSpace,
  formatPatch,
  FILE_HEADERS_ONLY,
  structuredPatch,
  type Change,
  type StructuredPatch,
} from 'diff';

export interface DiffSide {
  label: string;
  body: string;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Each line prefixed with '+', '-' or ' ' (without its newline). */
  lines: string[];
}

export interface DiffJson {
  stats: { added: number; removed: number };
  hunks: DiffHunk[];
}

/**
 * Bounds on the work one diff may do. Myers' algorithm costs O((N+M)·D), where D
 * is the number of edits, so two large bodies that share nothing are the worst
 * case (two 20,000-line bodies: D = 40,000). Each pass gives up — jsdiff returns
 * undefined — once it exceeds its edit length or its time, and we fall back:
 *   word redline → line redline of that block → whole-body replace.
 * So one call spends at most ~300 ms on lines plus ~200 ms on words (for huge
 * unrelated bodies the timeout, not the edit length, is what trips). A 5,000-line
 * SOP with 5 % of its lines changed needs D ≈ 450 lines and ~15–20 ms (bench:diff).
 */
export const DIFF_BOUNDS = {
  /** Line diff: at most this many inserted + deleted lines … */
  lineMaxEditLength: 5_000,
  /** … and this much time (ms); beyond either, the patch is one whole-body hunk. */
  lineTimeoutMs: 300,
  /** Word diff of one changed block: at most this many inserted + deleted tokens. */
  wordMaxEditLength: 1_000,
  /** Blocks larger than this (chars, both sides) are not word-diffed at all: tokenising costs too. */
  wordMaxBlockChars: 100_000,
  /** Time for all word diffs of one redline together (ms); later blocks stay line-level. */
  wordBudgetMs: 200,
} as const;

const CONTEXT = 3;
const NO_NEWLINE = '\\ No newline at end of file';

/** A label or file name reduced to a safe path segment (no slashes, spaces, controls or leading dots). */
function segment(text: string, fallback: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || fallback;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Lines without their newlines, and whether the last one lacked one. */
function splitLines(body: string): { lines: string[]; missingNewline: boolean } {
  if (body === '') return { lines: [], missingNewline: false };
  const lines = body.split('\n');
  const missingNewline = lines[lines.length - 1] !== '';
  if (!missingNewline) lines.pop();
  return { lines, missingNewline };
}

/** The fallback patch: every old line removed, every new line added, in one hunk. */
function replaceAll(from: string, to: string): StructuredPatch['hunks'] {
  const a = splitLines(from);
  const b = splitLines(to);
  const lines = [
    ...a.lines.map((l) => `-${l}`),
    ...(a.missingNewline ? [NO_NEWLINE] : []),
    ...b.lines.map((l) => `+${l}`),
    ...(b.missingNewline ? [NO_NEWLINE] : []),
  ];
  if (from === to) return [];
  return [{ oldStart: 1, oldLines: a.lines.length, newStart: 1, newLines: b.lines.length, lines }];
}

/** Line diffs, as unified diffs, JSON hunks or word-level HTML redlines, bounded in work. */
@Injectable()
export class DiffService {
  /**
   * A unified diff from `from` to `to` that `git apply` and `patch -p1` apply to
   * `<fileName>.md`. Both headers name the same file — given two names, git
   * patches the new one and GNU patch whichever exists — and carry the revision
   * labels after a tab, where both tools expect (and ignore) a timestamp:
   * `--- a/SOP-001.md<TAB>1.0` / `+++ b/SOP-001.md<TAB>2.0`.
   */
  unified(from: DiffSide, to: DiffSide, fileName = 'document'): string {
    const name = `${segment(fileName, 'document')}.md`;
    return formatPatch(
      {
        oldFileName: `a/${name}`,
        newFileName: `b/${name}`,
        oldHeader: segment(from.label, 'old'),
        newHeader: segment(to.label, 'new'),
        hunks: this.hunks(from.body, to.body),
      },
      FILE_HEADERS_ONLY,
    );
  }

  json(from: DiffSide, to: DiffSide): DiffJson {
    let added = 0;
    let removed = 0;
    const hunks = this.hunks(from.body, to.body).map((h) => {
      const lines = h.lines.filter((l) => l !== NO_NEWLINE);
      for (const l of lines) {
        if (l[0] === '+') added++;
        else if (l[0] === '-') removed++;
      }
      // Same numbers as the @@ header: an empty range starts at the line before it.
      return {
        oldStart: h.oldLines === 0 ? h.oldStart - 1 : h.oldStart,
        oldLines: h.oldLines,
        newStart: h.newLines === 0 ? h.newStart - 1 : h.newStart,
        newLines: h.newLines,
        lines,
      };
    });
    return { stats: { added, removed }, hunks };
  }

  /**
   * A redline of the Markdown source: `<pre class="redline">` with unchanged text,
   * `<ins>` and `<del>`, all escaped. Lines are diffed first; each changed block is
   * then diffed word by word, within DIFF_BOUNDS.
   */
  html(from: DiffSide, to: DiffSide): string {
    const changes = this.lineChanges(from.body, to.body);
    if (!changes) return `<pre class="redline">${del(from.body)}${ins(to.body)}</pre>`;

    const deadline = performance.now() + DIFF_BOUNDS.wordBudgetMs;
    const out: string[] = [];
    let removed = '';
    let added = '';
    const flush = () => {
      if (removed || added) out.push(redlineBlock(removed, added, deadline));
      removed = added = '';
    };
    for (const c of changes) {
      if (c.removed) removed += c.value;
      else if (c.added) added += c.value;
      else {
        flush();
        out.push(escapeHtml(c.value));
      }
    }
    flush();
    return `<pre class="redline">${out.join('')}</pre>`;
  }

  private lineChanges(from: string, to: string): Change[] | undefined {
    return diffLines(from, to, {
      maxEditLength: DIFF_BOUNDS.lineMaxEditLength,
      timeout: DIFF_BOUNDS.lineTimeoutMs,
    });
  }

  private hunks(from: string, to: string): StructuredPatch['hunks'] {
    const patch = structuredPatch('a', 'b', from, to, undefined, undefined, {
      context: CONTEXT,
      maxEditLength: DIFF_BOUNDS.lineMaxEditLength,
      timeout: DIFF_BOUNDS.lineTimeoutMs,
    });
    return patch?.hunks ?? replaceAll(from, to);
  }
}

function del(s: string): string {
  return s ? `<del>${escapeHtml(s)}</del>` : '';
}

function ins(s: string): string {
  return s ? `<ins>${escapeHtml(s)}</ins>` : '';
}

/** One block of changed lines, word by word if within bounds, else as whole lines. */
function redlineBlock(removed: string, added: string, deadline: number): string {
  const timeout = deadline - performance.now();
  if (
    !removed ||
    !added ||
    timeout < 1 ||
    removed.length + added.length > DIFF_BOUNDS.wordMaxBlockChars
  ) {
    return del(removed) + ins(added);
  }
  const words = diffWordsWithSpace(removed, added, {
    maxEditLength: DIFF_BOUNDS.wordMaxEditLength,
    timeout,
  });
  if (!words) return del(removed) + ins(added);
  return words
    .map((w) => (w.added ? ins(w.value) : w.removed ? del(w.value) : escapeHtml(w.value)))
    .join('');
}
