import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rendered HTML kept by the SHA-256 of the Markdown it came from and by the renderer that
 * made it (a fingerprint of the rendering code and its libraries, so a change to the
 * rules never serves old output): a revision is rendered once, not once per instance and
 * restart. Only bodies that can no longer change are stored (not drafts). A cache: any
 * row may be deleted at any time.
 */
export class RenderedHtml1766510000000 implements MigrationInterface {
  name = 'RenderedHtml1766510000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rendered_html (
        content_sha256 char(64) NOT NULL,
        renderer char(16) NOT NULL,
        html bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (content_sha256, renderer)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rendered_html`);
  }
}
