import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditService } from './audit.service';
import { AuditSealerService } from './audit-sealer.service';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditCheckpointsController } from './audit-checkpoints.controller';

@Global()
@Module({
  // The checkpoints controller first: its path is more specific than the trail's.
  controllers: [AuditCheckpointsController, AuditController],
  providers: [AuditService, AuditQueryService, AuditSealerService, AuditCheckpointService],
  exports: [AuditService, AuditSealerService, AuditCheckpointService, AuditQueryService],
})
export class AuditModule {}
