import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { UsersModule } from '../users/users.module';
import { AcknowledgementsService } from './acknowledgements.service';
import { AssignmentFanoutService } from './assignment-fanout.service';
import { AssignmentWithdrawalService } from './assignment-withdrawal.service';
import { MyAssignmentsService } from './my-assignments.service';
import {
  AcknowledgementsController,
  MyAssignmentsController,
  RevisionImpactController,
  TrainingRequirementsController,
} from './training.controller';
import { RevisionImpactService } from './revision-impact.service';
import { TrainingOverdueService } from './training-overdue.service';
import { TrainingRequirementsService } from './training-requirements.service';

/**
 * Read and understood: requirements, assignments (fan-out, late joiners, withdrawal,
 * overdue), acknowledgements.
 */
@Module({
  imports: [AuthModule, UsersModule, DocumentsModule, ProposalsModule],
  controllers: [
    TrainingRequirementsController,
    AcknowledgementsController,
    MyAssignmentsController,
    RevisionImpactController,
  ],
  providers: [
    AssignmentFanoutService,
    AssignmentWithdrawalService,
    TrainingRequirementsService,
    AcknowledgementsService,
    MyAssignmentsService,
    TrainingOverdueService,
    RevisionImpactService,
  ],
  exports: [
    AssignmentFanoutService,
    TrainingOverdueService,
    TrainingRequirementsService,
    MyAssignmentsService,
    AcknowledgementsService,
  ],
})
export class TrainingModule {}
