import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { SigningQueueItem, SigningQueuePage } from '../documents/dto/signing-queue.dto';
import { SIGNER_ROLES } from '../documents/lifecycle';
import { SigningQueueService } from '../documents/signing-queue.service';
import { MeSummary } from './dto/me.dto';
import { MeSummaryService } from './me-summary.service';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly queue: SigningQueueService,
    private readonly summaries: MeSummaryService,
  ) {}

  @Get('signing-queue')
  @Roles(...SIGNER_ROLES)
  @ApiOperation({
    summary: 'Revisions in review waiting for your signature, oldest submitted first',
    description:
      'Those you are assigned to review or approve and have not yet signed with that meaning ' +
      'in the current review round.',
  })
  @ApiOkResponse({ type: SigningQueuePage })
  signingQueue(
    @CurrentUser() p: Principal,
    @Query() q: PageQuery,
  ): Promise<Page<SigningQueueItem>> {
    return this.queue.list(p, q);
  }

  @Get('summary')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'The counts of your Home page',
    description:
      'triage and training are present for admins and quality leads only (organisation-wide ' +
      'counts); everyone gets reading, signing and notifications.',
  })
  @ApiOkResponse({ type: MeSummary })
  summary(@CurrentUser() p: Principal): Promise<MeSummary> {
    return this.summaries.summary(p);
  }
}
