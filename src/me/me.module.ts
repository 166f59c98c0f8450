import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { TrainingModule } from '../training/training.module';
import { MeController } from './me.controller';
import { MeSummaryService } from './me-summary.service';

/** The caller's own views that span modules (Home page counts, signing queue); owns no table. */
@Module({
  imports: [DocumentsModule, ProposalsModule, TrainingModule],
  controllers: [MeController],
  providers: [MeSummaryService],
})
export class MeModule {}
