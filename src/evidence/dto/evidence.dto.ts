import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class ControlledCopyResponse {
  @ApiProperty({
    format: 'uuid',
    description: 'Also the entityId of its `copy.issued` audit event',
  })
  id!: string;
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty({ description: 'Numbered from 1 per revision, without gaps' }) copyNumber!: number;
  @ApiProperty({ format: 'uuid', description: 'Who downloaded (printed) it' }) issuedToId!: string;
  @ApiProperty({ description: 'Their name at the time, as printed on the copy' })
  issuedToName!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}

export class ControlledCopyPage {
  @ApiProperty({ type: [ControlledCopyResponse] }) items!: ControlledCopyResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class EvidencePackQuery {
  @ApiPropertyOptional({
    description:
      'Start of the window (ISO 8601, inclusive). Default: the beginning. Revisions still in force at or ' +
      'after it, and acknowledgements, proposals and audit events from it on, are included.',
    example: '2025-12-01T00:00:00.000Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the window (ISO 8601, exclusive). Default: now. Must be after `from`.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
