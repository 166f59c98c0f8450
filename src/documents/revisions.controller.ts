import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../common/decorators';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { etagMatches } from '../common/etag';
import { IdParam } from '../common/uuid.pipe';
import {
  DiffQuery,
  RevisionResponse,
  RevisionWithBody,
  SignatureResponse,
  SignRevisionDto,
  SubmitRevisionDto,
  UpdateRevisionDto,
} from './dto/document.dto';
import { AUTHOR_ROLES, SIGNER_ROLES } from './lifecycle';
import { RevisionReadService } from './revision-read.service';
import { RevisionReviewService } from './revision-review.service';
import { RevisionsService } from './revisions.service';

/** No script, no plugins, no framing: the rendered body is data, shown as is. */
const HTML_CSP =
  "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

@ApiTags('revisions')
@Controller('revisions')
export class RevisionsController {
  constructor(
    private readonly revisions: RevisionsService,
    private readonly review: RevisionReviewService,
    private readonly read: RevisionReadService,
  ) {}

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'A revision with its Markdown body; the ETag header is what PATCH needs in If-Match',
  })
  @ApiOkResponse({
    type: RevisionWithBody,
    headers: { ETag: { description: 'Current version of the revision' } },
  })
  @ApiNotFoundResponse()
  async get(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<RevisionWithBody> {
    const { revision, etag } = await this.revisions.get(p, id);
    res.header('ETag', etag);
    return revision;
  }

  @Patch(':id')
  @Roles(...AUTHOR_ROLES)
  @ApiOperation({ summary: 'Edit a draft. If-Match must carry the current ETag' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag from GET /revisions/:id' })
  @ApiOkResponse({ type: RevisionWithBody })
  @ApiResponse({ status: 412, description: 'Someone else saved first' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  @ApiConflictResponse({ description: 'Not a draft' })
  async update(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateRevisionDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<RevisionWithBody> {
    const { revision, etag } = await this.revisions.update(p, id, ifMatch, dto);
    res.header('ETag', etag);
    return revision;
  }

  @Get(':id/html')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'The body rendered as sanitised HTML (no script, raw HTML escaped, heading anchors)',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML fragment' })
  async html(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const { html, contentSha256 } = await this.read.html(p, id, (sha) =>
      etagMatches(ifNoneMatch, sha),
    );
    res.header('Content-Security-Policy', HTML_CSP);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('ETag', `"${contentSha256}"`);
    if (!html) {
      res.code(304).send();
      return;
    }
    res.code(200).type('text/html; charset=utf-8').send(html);
  }

  @Get(':id/diff')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'What changed from `against` to this revision: unified, json, or an HTML redline',
  })
  @ApiProduces('text/plain', 'application/json', 'text/html')
  @ApiOkResponse({ description: 'The diff' })
  async diff(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Query() q: DiffQuery,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const format = q.format ?? 'unified';
    const out = await this.read.diff(p, id, q.against.toLowerCase(), format);
    res.header('X-Content-Type-Options', 'nosniff');
    if (format === 'json') {
      res.code(200).send(out);
    } else if (format === 'html') {
      res.header('Content-Security-Policy', HTML_CSP);
      res.code(200).type('text/html; charset=utf-8').send(out);
    } else {
      res.code(200).type('text/plain; charset=utf-8').send(out);
    }
  }

  @Post(':id/submit')
  @Roles(...AUTHOR_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a draft for review and approval' })
  @ApiOkResponse({ type: RevisionResponse })
  @ApiResponse({ status: 422, description: 'Empty body or a required template section missing' })
  submit(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: SubmitRevisionDto,
  ): Promise<RevisionResponse> {
    return this.review.submit(p, id, dto);
  }

  @Post(':id/signatures')
  @Roles(...SIGNER_ROLES)
  @ApiOperation({
    summary: 'E-sign (re-enter your password): reviewed, approved, or rejected (with a comment)',
  })
  @ApiCreatedResponse({ type: SignatureResponse })
  @ApiResponse({ status: 401, description: 'The password is wrong' })
  @ApiResponse({
    status: 403,
    description:
      'Not an assigned reviewer/approver, or password-change-required: the password is a temporary one an administrator set',
  })
  @ApiConflictResponse({ description: 'Not in review, or already signed with that meaning' })
  sign(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: SignRevisionDto,
    @Req() req: FastifyRequest,
  ): Promise<SignatureResponse> {
    return this.review.sign(p, id, dto, req.ip ?? 'unknown');
  }
}
