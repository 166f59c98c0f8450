import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';

/**
 * Which renderer made a piece of HTML: the rendering code (render-html, heading ids, URL
 * rules) and the package.json of markdown-it and sanitize-html (their versions). Any change to them is a new
 * renderer, whose output is stored afresh.
 */
function rendererFingerprint(): string {
  const h = createHash('sha256');
  const ext = path.extname(__filename);
  for (const file of ['render-html', 'heading-ids', 'markdown-urls'])
    h.update(readFileSync(path.join(__dirname, `${file}${ext}`)));
  for (const pkg of ['markdown-it', 'sanitize-html'])
    h.update(readFileSync(require.resolve(`${pkg}/package.json`)));
  return h.digest('hex').slice(0, 16);
}

/**
 * The table `rendered_html` (owned here): HTML by content hash and renderer, shared by
 * every instance. Readers join it with `join` (the fragment below) in their own
 * statement, so a stored page costs one round trip and no rendering.
 */
@Injectable()
export class RenderedHtmlStore {
  readonly renderer = rendererFingerprint();
  private readonly log = new Logger('RenderedHtmlStore');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * `LEFT JOIN` of the stored HTML of `alias`.content_sha256 as `h` (h.html is null when
   * none is stored); `param` is the placeholder that carries `renderer`.
   */
  static join(alias: string, param: string): string {
    return `LEFT JOIN rendered_html h ON h.content_sha256 = ${alias}.content_sha256 AND h.renderer = ${param}`;
  }

  /**
   * Stores the HTML of a body that can no longer change, after the response: a failure
   * (the database away) costs only a later re-render.
   */
  save(contentSha256: string, html: Buffer): void {
    this.ds
      .query(
        `INSERT INTO rendered_html (content_sha256, renderer, html) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [contentSha256, this.renderer, html],
      )
      .catch((err: unknown) => this.log.warn({ err }, 'storing rendered HTML failed'));
  }
}
