import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { UsersDirectoryModule } from '../users/users-directory.module';
import { ProposalEventsService } from './proposal-events.service';
import { ProposalImplementationService } from './proposal-implementation.service';
import { ProposalWorkflowService } from './proposal-workflow.service';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

@Module({
  imports: [DocumentsModule, AuthModule, UsersDirectoryModule],
  controllers: [ProposalsController],
  providers: [
    ProposalsService,
    ProposalWorkflowService,
    ProposalEventsService,
    ProposalImplementationService,
  ],
  exports: [ProposalsService],
})
export class ProposalsModule {}
