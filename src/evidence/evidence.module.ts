import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { MarkdownModule } from '../markdown/markdown.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { TrainingModule } from '../training/training.module';
import { ControlledCopiesService } from './controlled-copies.service';
import { CopiesController } from './copies.controller';
import { EvidencePackController } from './evidence-pack.controller';
import { EvidencePackService } from './evidence-pack.service';

/** Evidence for auditors: controlled PDF copies of revisions and signed evidence packs. */
@Module({
  imports: [DocumentsModule, MarkdownModule, ProposalsModule, TrainingModule],
  controllers: [CopiesController, EvidencePackController],
  providers: [ControlledCopiesService, EvidencePackService],
})
export class EvidenceModule {}
