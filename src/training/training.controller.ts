import { Body, Controller, Get, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { IdParam } from '../common/uuid.pipe';
import { AcknowledgementsService } from './acknowledgements.service';
import {
  AcknowledgeDto,
  AcknowledgementListItem,
  AcknowledgementPage,
  AcknowledgementResponse,
  MyAssignment,
  MyAssignmentPage,
  MyAssignmentsQuery,
  TrainingRequirementDto,
  TrainingRequirementResponse,
} from './dto/training.dto';
import { MyAssignmentsService } from './my-assignments.service';
import {
  ACKNOWLEDGING_ROLES,
  REQUIREMENT_WRITE_ROLES,
  TRAINING_READ_ALL_ROLES,
} from './training-roles';
import { TrainingRequirementsService } from './training-requirements.service';
import { RevisionImpactResponse } from './dto/impact.dto';
import { RevisionImpactService } from './revision-impact.service';

@ApiTags('training')
@Controller('documents')
export class TrainingRequirementsController {
  constructor(private readonly requirements: TrainingRequirementsService) {}

  @Put(':id/training-requirement')
  @Roles(...REQUIREMENT_WRITE_ROLES)
  @ApiOperation({
    summary: 'Who must read the document: departments, roles, named users; due period',
    description:
      'Replaces the requirement. Applies at once to the current effective revision (missing ' +
      'assignments are created, due dueInDays from now) and to every later one (due dueInDays ' +
      'from its effective date). Open assignments of users it no longer covers are withdrawn ' +
      '(they drop out of GET /me/assignments).',
  })
  @ApiOkResponse({ type: TrainingRequirementResponse })
  @ApiBadRequestResponse({ description: 'Unknown department or user (errors name the field)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The document is obsolete' })
  put(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: TrainingRequirementDto,
  ): Promise<TrainingRequirementResponse> {
    return this.requirements.put(p, id, dto);
  }

  @Get(':id/training-requirement')
  @Roles(...TRAINING_READ_ALL_ROLES)
  @ApiOkResponse({ type: TrainingRequirementResponse })
  @ApiNotFoundResponse({ description: 'No such document, or it has no training requirement' })
  get(@IdParam() id: string): Promise<TrainingRequirementResponse> {
    return this.requirements.get(id);
  }
}

@ApiTags('training')
@Controller('revisions')
export class AcknowledgementsController {
  constructor(private readonly acknowledgements: AcknowledgementsService) {}

  @Post(':id/acknowledgements')
  @Roles(...ACKNOWLEDGING_ROLES)
  @ApiOperation({
    summary: 'Read and understood: acknowledge the effective revision (once; a repeat gives 200)',
    description:
      'Records the SHA-256 of the body read. When the training requirement asks for a ' +
      'signature, `password` is required and checked (signed: true). With practiceMatches ' +
      'false and a comment, a practice_deviation proposal is opened as well (proposalId). ' +
      'Completes your assignment for the revision; without one it is a voluntary read.',
  })
  @ApiCreatedResponse({ type: AcknowledgementResponse })
  @ApiOkResponse({ type: AcknowledgementResponse, description: 'Already acknowledged: the record' })
  @ApiBadRequestResponse({ description: 'Password or comment missing' })
  @ApiResponse({ status: 401, description: 'The password is wrong' })
  @ApiResponse({
    status: 403,
    description: 'password-change-required: the password is a temporary one an administrator set',
  })
  @ApiNotFoundResponse({ description: 'No such revision, or one you may not see' })
  @ApiConflictResponse({
    description:
      'The revision is not the effective one (also for a superseded or retired one you were assigned)',
  })
  async acknowledge(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: AcknowledgeDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<AcknowledgementResponse> {
    const { acknowledgement, created } = await this.acknowledgements.acknowledge(
      p,
      id,
      dto,
      req.ip ?? 'unknown',
    );
    res.status(created ? 201 : 200);
    return acknowledgement;
  }

  @Get(':id/acknowledgements')
  @Roles(...TRAINING_READ_ALL_ROLES)
  @ApiOperation({ summary: 'Who acknowledged the revision, and when (oldest first)' })
  @ApiOkResponse({ type: AcknowledgementPage })
  @ApiNotFoundResponse()
  list(@IdParam() id: string, @Query() q: PageQuery): Promise<Page<AcknowledgementListItem>> {
    return this.acknowledgements.list(id, q);
  }
}

@ApiTags('training')
@Controller('me/assignments')
@Roles(...ANY_ROLE)
export class MyAssignmentsController {
  constructor(private readonly assignments: MyAssignmentsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your assignments to read and acknowledge, soonest due first',
  })
  @ApiOkResponse({ type: MyAssignmentPage })
  list(@CurrentUser() p: Principal, @Query() q: MyAssignmentsQuery): Promise<Page<MyAssignment>> {
    return this.assignments.list(p.userId, q);
  }
}

@ApiTags('training')
@Controller('revisions')
export class RevisionImpactController {
  constructor(private readonly impacts: RevisionImpactService) {}

  @Get(':id/impact')
  @Roles(...TRAINING_READ_ALL_ROLES)
  @ApiOperation({
    summary: 'How many people will have to read this revision when it becomes effective',
    description:
      'Counted by the same rule as the assignments made when it becomes effective, with the ' +
      'training requirement and the people as they are now: active people it covers who have ' +
      'not read it yet, per department, and how many are excused because the change is minor, ' +
      'the requirement does not retrain on minor, and they read the previous revision. ' +
      'No requirement: zero.',
  })
  @ApiOkResponse({ type: RevisionImpactResponse })
  @ApiNotFoundResponse()
  impact(@IdParam() id: string): Promise<RevisionImpactResponse> {
    return this.impacts.impact(id);
  }
}
