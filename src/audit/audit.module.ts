import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditService } from './audit.service';
import { AuditSealerService } from './audit-sealer.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditQueryService, AuditSealerService],
  exports: [AuditService, AuditSealerService],
})
export class AuditModule {}
