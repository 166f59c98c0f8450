import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MarkdownModule } from '../markdown/markdown.module';
import { TemplatesModule } from '../templates/templates.module';
import { UsersDirectoryModule } from '../users/users-directory.module';
import { DocumentReportsService } from './document-reports.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentReportsController } from './reports.controller';
import { RevisionActivationService } from './revision-activation.service';
import { RevisionHistoryCache } from './revision-history-cache';
import { RevisionReadService } from './revision-read.service';
import { RevisionReviewService } from './revision-review.service';
import { RevisionsController } from './revisions.controller';
import { RevisionsService } from './revisions.service';
import { SigningQueueService } from './signing-queue.service';

@Module({
  imports: [AuthModule, TemplatesModule, MarkdownModule, UsersDirectoryModule],
  controllers: [DocumentsController, RevisionsController, DocumentReportsController],
  providers: [
    DocumentsService,
    DocumentReportsService,
    RevisionsService,
    RevisionReviewService,
    RevisionActivationService,
    RevisionReadService,
    RevisionHistoryCache,
    SigningQueueService,
  ],
  exports: [
    DocumentsService,
    RevisionsService,
    RevisionReviewService,
    RevisionActivationService,
    SigningQueueService,
  ],
})
export class DocumentsModule {}
