import { Module } from '@nestjs/common';
import { DiffService } from './diff.service';
import { MarkdownController } from './markdown.controller';
import { MarkdownService } from './markdown.service';

/** Markdown rendering (sanitised HTML, heading anchors), its preview endpoint, and revision diffs; no database. */
@Module({
  controllers: [MarkdownController],
  providers: [MarkdownService, DiffService],
  exports: [MarkdownService, DiffService],
})
export class MarkdownModule {}
