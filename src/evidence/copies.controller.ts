import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { IdParam } from '../common/uuid.pipe';
import { READ_ALL_ROLES } from '../documents/lifecycle';
import { ControlledCopiesService } from './controlled-copies.service';
import { ControlledCopyPage, ControlledCopyResponse } from './dto/evidence.dto';
import { attachment, streamTo } from './http-stream';

@ApiTags('revisions')
@Controller('revisions')
export class CopiesController {
  constructor(private readonly copies: ControlledCopiesService) {}

  @Get(':id/pdf')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'A numbered controlled copy of the revision, as PDF',
    description:
      'For whoever may read the revision (as GET /revisions/:id). Every download is a new copy: numbered from 1 ' +
      'per revision, recorded (GET /revisions/:id/copies) with a `copy.issued` audit event, and printed on every ' +
      'page ("Copy N, printed for <name> at <time>; uncontrolled when printed — the current revision is at ' +
      '<PUBLIC_URL link>"), with a header (number, title, revision, page X of Y) and, unless the revision is ' +
      'effective, its status (SUPERSEDED, OBSOLETE, DRAFT — NOT FOR USE). A cover block gives status and dates; ' +
      'the last page lists each signature (printed name, UTC time, meaning) and the content SHA-256. Fonts are ' +
      'embedded; the text is extractable.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'X-Praxis-Copy-Number': { description: 'The copy number', schema: { type: 'integer' } },
      'X-Praxis-Copy-Id': { description: 'The copy’s id', schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse({ description: 'No such revision, or not one the caller may read' })
  async pdf(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const { copy, pdf, fileName } = await this.copies.issue(p, id);
    res.code(200);
    res.type('application/pdf');
    res.header('Content-Disposition', attachment(fileName));
    res.header('X-Praxis-Copy-Number', String(copy.copyNumber));
    res.header('X-Praxis-Copy-Id', copy.id);
    await streamTo(pdf, res);
  }

  @Get(':id/copies')
  @Roles(...READ_ALL_ROLES)
  @ApiOperation({ summary: 'The controlled copies issued of a revision, by number' })
  @ApiOkResponse({ type: ControlledCopyPage })
  @ApiNotFoundResponse()
  list(@IdParam() id: string, @Query() q: PageQuery): Promise<Page<ControlledCopyResponse>> {
    return this.copies.list(id, q);
  }
}
