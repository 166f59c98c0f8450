import { ApiProperty } from '@nestjs/swagger';
import { TEMPLATE_TYPES, TemplateType } from '../templates.service';

export class TemplateSummaryResponse {
  @ApiProperty({ example: 'sop', pattern: '^[a-z0-9][a-z0-9-]{0,49}$' }) key!: string;
  @ApiProperty({ example: 'Standard operating procedure' }) title!: string;
  @ApiProperty({ enum: TEMPLATE_TYPES }) type!: TemplateType;
  @ApiProperty({
    type: [String],
    example: ['Purpose', 'Scope', 'Procedure'],
    description:
      'Headings a revision body must contain before it can be submitted (any level, case-insensitive, leading numbering ignored)',
  })
  requiredSections!: string[];
  @ApiProperty({ minimum: 1, maximum: 120, example: 24, description: 'Suggested review interval' })
  reviewIntervalMonths!: number;
}

export class TemplateResponse extends TemplateSummaryResponse {
  @ApiProperty({
    description:
      'Markdown skeleton; {{title}}, {{number}} and {{department}} are filled when a document is created from it',
  })
  body!: string;
}

export class TemplateList {
  @ApiProperty({ type: [TemplateSummaryResponse] }) items!: TemplateSummaryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the list is complete' })
  nextCursor!: string | null;
}
