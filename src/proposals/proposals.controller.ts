import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { Page } from '../common/pagination';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { IdParam } from '../common/uuid.pipe';
import {
  AssignProposalDto,
  CommentProposalDto,
  CreateProposalDto,
  ProposalDetail,
  ProposalListQuery,
  ProposalPage,
  ProposalResponse,
  TimelineEntry,
  TransitionProposalDto,
} from './dto/proposal.dto';
import { PROPOSAL_WRITE_ROLES, TRIAGE_ROLES } from './proposal-lifecycle';
import { ProposalWorkflowService } from './proposal-workflow.service';
import { ProposalsService } from './proposals.service';

@ApiTags('proposals')
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly workflow: ProposalWorkflowService,
  ) {}

  @Post()
  @Roles(...PROPOSAL_WRITE_ROLES)
  @ApiOperation({
    summary:
      "Raise a proposal; assigned to the document's owner, the submitter watches it. Staff: effective documents only",
  })
  @ApiCreatedResponse({ type: ProposalDetail })
  @ApiBadRequestResponse({ description: 'No document for a kind that needs one' })
  @ApiNotFoundResponse({ description: 'The document does not exist or the caller cannot see it' })
  @ApiConflictResponse({ description: 'The document is obsolete' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateProposalDto): Promise<ProposalDetail> {
    return this.proposals.create(p, dto);
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Proposals; admins, quality leads and auditors see all, others those they submitted, are assigned or watch',
  })
  @ApiOkResponse({ type: ProposalPage })
  list(
    @CurrentUser() p: Principal,
    @Query() q: ProposalListQuery,
  ): Promise<Page<ProposalResponse>> {
    return this.proposals.list(p, q);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'A proposal with its timeline (transitions and comments, oldest first)',
  })
  @ApiOkResponse({ type: ProposalDetail })
  @ApiNotFoundResponse()
  get(@CurrentUser() p: Principal, @IdParam() id: string): Promise<ProposalDetail> {
    return this.proposals.get(p, id);
  }

  @Patch(':id')
  @Roles(...TRIAGE_ROLES)
  @ApiOperation({
    summary:
      'Triage: hand the proposal to another active user without moving it; both assignees are told',
  })
  @ApiOkResponse({ type: ProposalDetail })
  @ApiBadRequestResponse({ description: 'An unknown or inactive assignee' })
  @ApiForbiddenResponse({ description: 'Not a quality lead or an admin' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The proposal is closed or withdrawn' })
  assign(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: AssignProposalDto,
  ): Promise<ProposalDetail> {
    return this.workflow.assign(p, id, dto);
  }

  @Post(':id/transitions')
  @Roles(...PROPOSAL_WRITE_ROLES)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move it on: submitted → under_review | withdrawn; under_review → accepted | rejected (comment) | withdrawn; accepted → implemented; implemented, rejected → closed. Only the submitter withdraws; the rest is for quality leads and admins',
  })
  @ApiOkResponse({ type: ProposalDetail })
  @ApiBadRequestResponse({ description: 'Rejected without a comment, or an unknown assignee' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not allowed from the current status; detail names what is' })
  transition(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: TransitionProposalDto,
  ): Promise<ProposalDetail> {
    return this.workflow.transition(p, id, dto);
  }

  @Post(':id/comments')
  @Roles(...PROPOSAL_WRITE_ROLES)
  @ApiOperation({ summary: 'Comment; the commenter watches the proposal from then on' })
  @ApiCreatedResponse({ type: TimelineEntry })
  @ApiNotFoundResponse()
  comment(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: CommentProposalDto,
  ): Promise<TimelineEntry> {
    return this.workflow.comment(p, id, dto);
  }
}
