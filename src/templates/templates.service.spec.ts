import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProblemException } from '../common/problem';
import { TEMPLATE_TYPES, TemplatesService } from './templates.service';

const GOOD = `---
key: demo
type: sop
title: Demo
requiredSections: [Purpose, Scope]
reviewIntervalMonths: 12
---

# {{title}}

## Purpose

Why.

## Scope

What.
`;

const tmpRoots: string[] = [];

/** A fresh templates folder holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-templates-'));
  tmpRoots.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The message the service throws while loading this folder. */
function loadError(files: Record<string, string>): string {
  const dir = folder(files);
  try {
    new TemplatesService(dir);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the templates to be refused');
}

afterAll(() => {
  for (const dir of tmpRoots) rmSync(dir, { recursive: true, force: true });
});

describe('TemplatesService with the shipped docs-templates', () => {
  const service = new TemplatesService();

  it('loads one template per document type, ordered by key', () => {
    const items = service.list();
    expect(items.map((t) => t.key)).toEqual(['form', 'policy', 'sop', 'work-instruction']);
    expect(items.map((t) => t.type).sort()).toEqual([...TEMPLATE_TYPES].sort());
    for (const t of items) {
      expect(Object.keys(t).sort()).toEqual(
        ['key', 'requiredSections', 'reviewIntervalMonths', 'title', 'type'].sort(),
      );
      expect(t.requiredSections.length).toBeGreaterThan(0);
    }
  });

  it('has the SOP sections, and every shipped body satisfies its own required sections', () => {
    const sop = service.get('sop');
    expect(sop).toMatchObject({ key: 'sop', type: 'sop', reviewIntervalMonths: 24 });
    expect(sop.requiredSections).toEqual([
      'Purpose',
      'Scope',
      'Responsibilities',
      'Definitions',
      'Procedure',
      'Records',
      'References',
      'Revision history',
    ]);
    expect(sop.body).toContain('## Purpose');
    expect(sop.body.startsWith('---')).toBe(false);
    for (const { key } of service.list()) {
      const t = service.get(key);
      expect(service.missingSections(t.body, t.requiredSections)).toEqual([]);
      for (const p of ['{{title}}', '{{number}}', '{{department}}']) expect(t.body).toContain(p);
    }
  });

  it('finds the default template for each type', () => {
    expect(service.defaultFor('work_instruction')?.key).toBe('work-instruction');
    expect(service.defaultFor('policy')?.key).toBe('policy');
    expect(service.defaultFor('nonsense')).toBeUndefined();
  });

  it('answers an unknown key with a 404 problem, never touching the file system', () => {
    for (const key of ['../etc/passwd', '../../package.json', 'sop.md', 'nope', '', '__proto__']) {
      let caught: unknown;
      try {
        service.get(key);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ProblemException);
      expect((caught as ProblemException).getStatus()).toBe(404);
      expect((caught as ProblemException).message).toBe('Template not found');
      expect(service.find(key)).toBeUndefined();
    }
  });

  it('hands out copies: a caller cannot change the loaded template', () => {
    const t = service.get('sop');
    t.requiredSections.push('Hacked');
    t.body = '';
    service.list()[0].requiredSections.length = 0;
    expect(service.get('sop').requiredSections).not.toContain('Hacked');
    expect(service.get('sop').body).not.toBe('');
    expect(service.list()[0].requiredSections.length).toBeGreaterThan(0);
  });
});

describe('TemplatesService loading a folder', () => {
  it('loads a good folder given through the constructor', () => {
    const s = new TemplatesService(folder({ 'demo.md': GOOD, 'notes.txt': 'ignored' }));
    expect(s.list()).toEqual([
      {
        key: 'demo',
        type: 'sop',
        title: 'Demo',
        requiredSections: ['Purpose', 'Scope'],
        reviewIntervalMonths: 12,
      },
    ]);
    expect(s.get('demo').body.startsWith('\n# {{title}}')).toBe(true);
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    const s = new TemplatesService(folder({ 'demo.md': '\uFEFF' + GOOD.replace(/\n/g, '\r\n') }));
    expect(s.get('demo').body).not.toContain('\r');
  });

  it('refuses a missing or empty folder', () => {
    expect(() => new TemplatesService(join(tmpdir(), 'praxis-no-such-folder-xyz'))).toThrow(
      /Cannot read the document templates folder .*praxis-no-such-folder-xyz/,
    );
    expect(() => new TemplatesService(folder({}))).toThrow(/No document templates/);
  });

  const broken: [string, string, RegExp][] = [
    ['missing key', GOOD.replace('key: demo\n', ''), /key: is required/],
    ['bad type', GOOD.replace('type: sop', 'type: manual'), /type: .*"sop"/],
    ['key with ../', GOOD.replace('key: demo', 'key: ../etc/passwd'), /key: must be 1–50/],
    ['upper-case key', GOOD.replace('key: demo', 'key: Demo'), /key: must be 1–50/],
    ['empty title', GOOD.replace('title: Demo', 'title: "  "'), /title: must not be empty/],
    [
      'no required sections',
      GOOD.replace('[Purpose, Scope]', '[]'),
      /requiredSections: must list at least one/,
    ],
    [
      'duplicate required section',
      GOOD.replace('[Purpose, Scope]', '[Purpose, "1. purpose:"]'),
      /listed twice/,
    ],
    [
      'non-string required section',
      GOOD.replace('[Purpose, Scope]', '[Purpose, 42]'),
      /requiredSections\.1: .*expected string/,
    ],
    [
      'review interval out of range',
      GOOD.replace('reviewIntervalMonths: 12', 'reviewIntervalMonths: 121'),
      /reviewIntervalMonths: .*120/,
    ],
    [
      'fractional review interval',
      GOOD.replace('reviewIntervalMonths: 12', 'reviewIntervalMonths: 1.5'),
      /reviewIntervalMonths: .*int/i,
    ],
    ['unknown field', GOOD.replace('title: Demo', 'title: Demo\ntitel: Demo'), /titel/],
    [
      'required section missing from the body',
      GOOD.replace('## Scope', 'Scope'),
      /required section\(s\) missing as headings in the body: Scope/,
    ],
    [
      'required section only inside a code fence',
      GOOD.replace('## Scope\n', '```\n## Scope\n```\n'),
      /missing as headings in the body: Scope/,
    ],
    ['unparsable YAML', GOOD.replace('title: Demo', 'title: [Demo'), /not valid YAML/],
    ['no front matter', GOOD.replace(/^---\n[\s\S]*?\n---\n/, ''), /must start with a YAML front/],
    ['front matter not closed', GOOD.replace('\n---\n\n#', '\n\n#'), /not closed/],
    ['JavaScript front matter', GOOD.replace(/^---\n/, '---js\n'), /must start with a YAML front/],
    ['front matter not a mapping', '---\njust text\n---\n# X\n', /front matter: .*object/],
  ];

  it.each(broken)('refuses a template with %s, naming the file', (_what, text, problem) => {
    const message = loadError({
      'a-good.md': GOOD.replace('key: demo', 'key: fine'),
      'bad.md': text,
    });
    expect(message).toMatch(/^Invalid document template .*[\\/]bad\.md: /);
    expect(message).toMatch(problem);
  });

  it('refuses a key used by two files, naming both', () => {
    const message = loadError({
      'one.md': GOOD,
      'two.md': GOOD.replace('title: Demo', 'title: Other'),
    });
    expect(message).toMatch(
      /template .*[\\/]two\.md: key "demo" is already used by .*[\\/]one\.md/,
    );
  });

  it('does not evaluate JavaScript front matter', () => {
    const marker = '__praxisTemplateEval';
    loadError({ 'x.md': `---js\n{ key: (globalThis.${marker} = 1, "x") }\n---\n# X\n` });
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('ignores sub-folders and hidden files', () => {
    const dir = folder({ 'demo.md': GOOD, '.draft.md': 'not a template' });
    mkdirSync(join(dir, 'nested.md'));
    expect(new TemplatesService(dir).list().map((t) => t.key)).toEqual(['demo']);
  });
});

describe('TemplatesService.fill', () => {
  const service = new TemplatesService();
  const values = { title: 'Handling returns', number: 'SOP-QA-0007', department: 'Quality' };

  it('replaces every placeholder, and spaced ones, leaving other {{…}} alone', () => {
    const body = '# {{title}}\n{{number}} / {{ department }}\n{{title}} again; {{owner}} {{ title';
    expect(service.fill(body, values)).toBe(
      '# Handling returns\nSOP-QA-0007 / Quality\nHandling returns again; {{owner}} {{ title',
    );
  });

  it('inserts values literally and on one line', () => {
    const out = service.fill('# {{title}}\n{{number}}', {
      ...values,
      title: 'Costs $& and $1\n## Injected',
      number: '$`',
    });
    expect(out).toBe('# Costs $& and $1 ## Injected\n$`');
  });

  it('fills a shipped template completely', () => {
    const out = service.fill(service.get('sop').body, values);
    expect(out).toContain('# Handling returns');
    expect(out).toContain('SOP-QA-0007');
    expect(out).not.toMatch(/\{\{\s*(title|number|department)\s*\}\}/);
  });
});

describe('TemplatesService.missingSections', () => {
  const service = new TemplatesService();
  const required = ['Purpose', 'Scope', 'Revision history'];

  it('finds headings of any level, ATX or setext, in any case', () => {
    const body = '# PURPOSE\n\nscope\n-----\n\n###### revision HISTORY\n';
    expect(service.missingSections(body, required)).toEqual([]);
  });

  it('ignores leading numbering, surrounding whitespace and a trailing colon', () => {
    const body = '## 1. Purpose:\n\n## 2.1   Scope\n\n### 10) Revision  history :\n';
    expect(service.missingSections(body, required)).toEqual([]);
    expect(service.missingSections('## 1.2.3. Scope\n', ['3. scope:'])).toEqual([]);
  });

  it('ignores emphasis and code spans inside a heading', () => {
    expect(service.missingSections('## **Purpose**\n## `Scope`\n', ['Purpose', 'Scope'])).toEqual(
      [],
    );
  });

  it('does not count headings in code fences, indented code, HTML or plain text', () => {
    const body = [
      '```markdown',
      '## Purpose',
      '```',
      '',
      '    ## Scope',
      '',
      '<h2>Revision history</h2>',
      '',
      'Purpose: we do things.',
    ].join('\n');
    expect(service.missingSections(body, required)).toEqual(required);
  });

  it('does not treat a longer heading as the section, and keeps the order given', () => {
    const body = '## Purpose and scope\n## Revision history\n';
    expect(service.missingSections(body, ['Scope', 'Purpose', 'Revision history'])).toEqual([
      'Scope',
      'Purpose',
    ]);
    expect(service.missingSections('', ['Purpose'])).toEqual(['Purpose']);
  });
});
