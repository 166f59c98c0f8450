import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { TemplateList, TemplateResponse, TemplateSummaryResponse } from './dto/template.dto';
import { Template, TemplateSummary, TemplatesService } from './templates.service';

const toSummary = (t: TemplateSummary): TemplateSummaryResponse => ({
  key: t.key,
  title: t.title,
  type: t.type,
  requiredSections: t.requiredSections,
  reviewIntervalMonths: t.reviewIntervalMonths,
});

@ApiTags('templates')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Roles('admin', 'quality_lead', 'auditor')
  @ApiOkResponse({ type: TemplateList })
  list(): TemplateList {
    return { items: this.templates.list().map(toSummary), nextCursor: null };
  }

  @Get(':key')
  @Roles('admin', 'quality_lead', 'auditor')
  @ApiOkResponse({ type: TemplateResponse })
  @ApiNotFoundResponse({ description: 'No template with this key' })
  get(@Param('key') key: string): TemplateResponse {
    const t: Template = this.templates.get(key);
    return { ...toSummary(t), body: t.body };
  }
}
