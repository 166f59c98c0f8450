import { Inject, Injectable, Optional } from '@nestjs/common';
import matter from 'gray-matter';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { notFound } from '../common/problem';
import { missingSections, normalizeSection } from './template-sections';

/** Optional provider: the folder to load templates from (tests). Default `<cwd>/docs-templates`. */
export const TEMPLATES_DIR = Symbol('TEMPLATES_DIR');

export const TEMPLATE_TYPES = ['sop', 'work_instruction', 'policy', 'form'] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

export const TEMPLATE_KEY = /^[a-z0-9][a-z0-9-]{0,49}$/;
/** A template must fit in a revision body. */
const MAX_BODY = 1_000_000;

export interface TemplateSummary {
  key: string;
  title: string;
  type: TemplateType;
  requiredSections: string[];
  reviewIntervalMonths: number;
}

export interface Template extends TemplateSummary {
  /** Markdown after the front matter, line endings normalised to \n. */
  body: string;
}

export interface FillValues {
  title: string;
  number: string;
  department: string;
}

const FrontMatter = z.strictObject({
  key: z
    .string()
    .regex(
      TEMPLATE_KEY,
      'must be 1–50 lower-case letters, digits or hyphens, not starting with a hyphen',
    ),
  type: z.enum(TEMPLATE_TYPES),
  title: z.string().trim().min(1, 'must not be empty').max(300),
  requiredSections: z
    .array(z.string().trim().min(1, 'must not be empty').max(200))
    .min(1, 'must list at least one section')
    .max(50)
    .superRefine((sections, ctx) => {
      const seen = new Set<string>();
      for (const s of sections) {
        const n = normalizeSection(s);
        if (!n) ctx.addIssue({ code: 'custom', message: `"${s}" is only numbering` });
        else if (seen.has(n)) ctx.addIssue({ code: 'custom', message: `"${s}" is listed twice` });
        seen.add(n);
      }
    }),
  reviewIntervalMonths: z.number().int().min(1).max(120),
});

const PLACEHOLDER = /\{\{\s*(title|number|department)\s*\}\}/g;

export class TemplateLoadError extends Error {
  constructor(file: string, problem: string) {
    super(`Invalid document template ${file}: ${problem}`);
    this.name = 'TemplateLoadError';
  }
}

/**
 * The document templates in docs-templates/, read and validated once when the
 * app starts: a broken template stops the start, naming the file and the problem,
 * instead of failing a user later. Keys are only ever looked up in a Map.
 */
@Injectable()
export class TemplatesService {
  private readonly byKey: ReadonlyMap<string, Template>;

  constructor(@Optional() @Inject(TEMPLATES_DIR) dir?: string) {
    this.byKey = loadTemplates(resolve(dir ?? join(process.cwd(), 'docs-templates')));
  }

  /** All templates, ordered by key. */
  list(): TemplateSummary[] {
    return [...this.byKey.values()].map(summary);
  }

  /** The template with this key; 404 problem when there is none. */
  get(key: string): Template {
    const t = this.find(key);
    if (!t) throw notFound('Template');
    return t;
  }

  /** The template with this key, or undefined (for callers that answer differently, e.g. 400). */
  find(key: string): Template | undefined {
    const t = this.byKey.get(key);
    return t && { ...summary(t), body: t.body };
  }

  /** The template for a document type (the first by key if several share it). */
  defaultFor(type: string): Template | undefined {
    for (const t of this.byKey.values()) if (t.type === type) return this.find(t.key);
    return undefined;
  }

  /**
   * Fills {{title}}, {{number}} and {{department}} (spaces inside the braces
   * allowed) everywhere; any other {{…}} is left as it is. Values are put on one
   * line, so a title cannot start a new heading or section.
   */
  fill(body: string, values: FillValues): string {
    const oneLine = (v: string) => v.replace(/\s+/g, ' ').trim();
    const map: Record<string, string> = {
      title: oneLine(values.title),
      number: oneLine(values.number),
      department: oneLine(values.department),
    };
    // A replacer function, so "$&" or "$1" in a title is inserted literally.
    return body.replace(PLACEHOLDER, (_m, name: string) => map[name]);
  }

  /** Required sections missing from the body as headings (any level; see template-sections.ts). */
  missingSections(body: string, required: readonly string[]): string[] {
    return missingSections(body, required);
  }
}

function summary(t: TemplateSummary): TemplateSummary {
  return {
    key: t.key,
    title: t.title,
    type: t.type,
    requiredSections: [...t.requiredSections],
    reviewIntervalMonths: t.reviewIntervalMonths,
  };
}

function loadTemplates(dir: string): Map<string, Template> {
  let files: string[];
  try {
    files = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    throw new Error(`Cannot read the document templates folder ${dir}: ${(err as Error).message}`);
  }
  if (files.length === 0) throw new Error(`No document templates (*.md) in ${dir}`);

  const loaded = new Map<string, { template: Template; file: string }>();
  for (const name of files) {
    const file = join(dir, name);
    const template = parseTemplate(file, readFileSync(file, 'utf8'));
    const clash = loaded.get(template.key);
    if (clash) {
      throw new TemplateLoadError(file, `key "${template.key}" is already used by ${clash.file}`);
    }
    loaded.set(template.key, { template, file });
  }
  const byKey = [...loaded.values()].sort((a, b) => (a.template.key < b.template.key ? -1 : 1));
  return new Map(byKey.map(({ template }) => [template.key, template]));
}

/** Parses and validates one template file; throws TemplateLoadError naming the file. */
export function parseTemplate(file: string, source: string): Template {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Only YAML: gray-matter would eval a "---js" block.
  if (!/^---[ \t]*\n/.test(text)) {
    throw new TemplateLoadError(file, 'must start with a YAML front matter block ("---" line)');
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    throw new TemplateLoadError(file, 'front matter is not closed (no "---" line after it)');
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options given, so gray-matter does not cache (and share) the parsed object.
    parsed = matter(text, { language: 'yaml', engines: { javascript: refuse, js: refuse } });
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    throw new TemplateLoadError(file, `front matter is not valid YAML (${reason})`);
  }
  const result = FrontMatter.safeParse(parsed.data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      const missing = i.code === 'invalid_type' && i.message.endsWith('received undefined');
      return `${i.path.length ? i.path.join('.') : 'front matter'}: ${missing ? 'is required' : i.message}`;
    });
    throw new TemplateLoadError(file, problems.join('; '));
  }
  const fm = result.data;
  const body = parsed.content;
  if (body.length > MAX_BODY) {
    throw new TemplateLoadError(file, `body is longer than ${MAX_BODY} characters`);
  }
  const missing = missingSections(body, fm.requiredSections);
  if (missing.length) {
    throw new TemplateLoadError(
      file,
      `required section(s) missing as headings in the body: ${missing.join(', ')}`,
    );
  }
  return { ...fm, body };
}

function refuse(): never {
  throw new Error('only YAML front matter is allowed');
}
