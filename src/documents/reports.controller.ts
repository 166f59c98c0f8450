import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { DocumentReportsService } from './document-reports.service';
import { ReviewsDueQuery, ReviewsDueReport } from './dto/document.dto';
import { READ_ALL_ROLES } from './lifecycle';

@ApiTags('reports')
@Controller('reports')
export class DocumentReportsController {
  constructor(private readonly reports: DocumentReportsService) {}

  @Get('reviews-due')
  @Roles(...READ_ALL_ROLES)
  @ApiOperation({
    summary: 'Effective documents whose periodic review is due on or before `before`',
  })
  @ApiOkResponse({ type: ReviewsDueReport })
  reviewsDue(@Query() q: ReviewsDueQuery): Promise<ReviewsDueReport> {
    return this.reports.reviewsDue(q.before ?? null);
  }
}
