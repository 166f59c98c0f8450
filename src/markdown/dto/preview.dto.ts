import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class MarkdownPreviewDto {
  @ApiProperty({ description: 'Markdown to render; as long as a revision body may be' })
  @IsString()
  @MaxLength(1_000_000)
  body!: string;
}
