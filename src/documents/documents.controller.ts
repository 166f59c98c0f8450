import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { IdParam } from '../common/uuid.pipe';
import { requestMark } from '../database/change-listener';
import { DocumentsService } from './documents.service';
import {
  CreateDocumentDto,
  CreateRevisionDto,
  DocumentListQuery,
  DocumentPage,
  DocumentResponse,
  RetireDocumentDto,
  RevisionHistory,
  RevisionResponse,
} from './dto/document.dto';
import { AUTHOR_ROLES } from './lifecycle';
import { RevisionsService } from './revisions.service';

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly revisions: RevisionsService,
  ) {}

  @Post()
  @Roles(...AUTHOR_ROLES)
  @ApiOperation({
    summary: 'Create a document; its first revision is a draft from the body or the template',
  })
  @ApiCreatedResponse({ type: DocumentResponse })
  create(@CurrentUser() p: Principal, @Body() dto: CreateDocumentDto): Promise<DocumentResponse> {
    return this.documents.create(p, dto);
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'Documents; staff and approvers see effective ones and those they must sign',
  })
  @ApiOkResponse({ type: DocumentPage })
  list(
    @CurrentUser() p: Principal,
    @Query() q: DocumentListQuery,
  ): Promise<Page<DocumentResponse>> {
    return this.documents.list(p, q);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: DocumentResponse })
  @ApiNotFoundResponse()
  get(@CurrentUser() p: Principal, @IdParam() id: string): Promise<DocumentResponse> {
    return this.documents.get(p, id);
  }

  @Get(':id/revisions')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'The history, newest first, with signature manifestations',
    description:
      'Admins, quality leads and auditors get every revision. Everyone else gets the revisions ' +
      'GET /revisions/{id} would show them: the effective one, those in review they are assigned ' +
      'to sign (while they hold a signing role) and the superseded ones they acknowledged; ' +
      '404 when that leaves nothing.',
  })
  @ApiOkResponse({ type: RevisionHistory })
  @ApiNotFoundResponse()
  async history(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Query() q: PageQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    // The answer's JSON as PostgreSQL made it (RevisionsService.historyJson), or as an
    // instance kept it (RevisionHistoryCache).
    res.type('application/json; charset=utf-8');
    return this.revisions.historyJson(p, id, q, requestMark(res.request));
  }

  @Post(':id/revisions')
  @Roles(...AUTHOR_ROLES)
  @ApiOperation({ summary: 'Start a new draft from the effective revision' })
  @ApiCreatedResponse({ type: RevisionResponse })
  @ApiConflictResponse({ description: 'An open revision exists, or the document is obsolete' })
  createRevision(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: CreateRevisionDto,
  ): Promise<RevisionResponse> {
    return this.revisions.createDraft(p, id, dto);
  }

  @Post(':id/retire')
  @Roles(...AUTHOR_ROLES)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retire (re-authenticated): the document and its live revisions become obsolete',
  })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong password' })
  @ApiResponse({
    status: 403,
    description:
      'Not allowed, or password-change-required: the password is a temporary one an administrator set',
  })
  retire(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: RetireDocumentDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentResponse> {
    return this.documents.retire(p, id, dto, req.ip ?? 'unknown');
  }
}
