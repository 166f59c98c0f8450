import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { AuditCheckpoint } from './audit-checkpoint';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditCheckpointPage } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit-events/checkpoints')
@Roles('admin', 'quality_lead', 'auditor')
export class AuditCheckpointsController {
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  @Get()
  @ApiOperation({
    summary: 'Signed checkpoints of the audit chain head, newest first',
    description:
      'Every AUDIT_CHECKPOINT_INTERVAL_SECONDS (when events were added) the instance signs { seq, hash, time } ' +
      'of the sealed chain head with its Ed25519 key (GET /instance/public-key). A checkpoint covers the chain up ' +
      'to and including seq; its own `audit.checkpoint` event (sent to webhook subscribers) comes later in the chain. ' +
      'Offline: check the signature, then that the exported event at seq has that hash.',
  })
  @ApiOkResponse({ type: AuditCheckpointPage })
  list(@Query() q: PageQuery): Promise<Page<AuditCheckpoint>> {
    return this.checkpoints.list(q);
  }
}
