import { Module } from '@nestjs/common';
import { DiffService } from './diff.service';
import { MarkdownService } from './markdown.service';

/** Markdown rendering (sanitised HTML, heading anchors) and revision diffs; no database. */
@Module({
  providers: [MarkdownService, DiffService],
  exports: [MarkdownService, DiffService],
})
export class MarkdownModule {}
