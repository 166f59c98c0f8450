import { Module } from '@nestjs/common';
import { DiffService } from './diff.service';
import { MarkdownController } from './markdown.controller';
import { MarkdownService } from './markdown.service';
import { RenderedHtmlStore } from './rendered-html-store';

/**
 * Markdown rendering (sanitised HTML, heading anchors), its preview endpoint, revision
 * diffs, and the store of rendered HTML (`rendered_html`).
 */
@Module({
  controllers: [MarkdownController],
  providers: [MarkdownService, DiffService, RenderedHtmlStore],
  exports: [MarkdownService, DiffService, RenderedHtmlStore],
})
export class MarkdownModule {}
