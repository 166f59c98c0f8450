import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { INVALID_REASONS } from '../audit-hash';

export class AuditTimeRange {
  @ApiPropertyOptional({
    description: 'Events at or after this time (ISO 8601)',
    example: '2026-11-01T00:00:00.000Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Events before this time (ISO 8601, exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') actorId?: string;
  @ApiPropertyOptional({ example: 'auth.login' })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]+)+$/, { message: 'must be a dotted action name such as auth.login' })
  action?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class AuditExportQuery extends AuditTimeRange {
  @ApiPropertyOptional({ enum: ['jsonl', 'csv'], default: 'jsonl' })
  @IsOptional()
  @IsIn(['jsonl', 'csv'])
  format?: 'jsonl' | 'csv';
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Gap-free position in the chain, from 1' }) seq!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['user', 'api_key', 'system'] }) actorType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ example: 'user.created' }) action!: string;
  @ApiProperty({ example: 'user' }) entityType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ description: 'hash of the previous event; 64 zeros for the first' })
  prevHash!: string;
  @ApiProperty({
    description: 'SHA-256 hex of prevHash + "\\n" + canonical JSON of the event without hash',
  })
  hash!: string;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class VerifiedCheckpoint {
  @ApiProperty({ description: 'The chain up to and including this seq matches the checkpoint' })
  seq!: number;
  @ApiProperty({ format: 'date-time' }) time!: string;
}

export class AuditVerifyResponse {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Number of events read' }) count!: number;
  @ApiPropertyOptional({ description: 'Hash of the last event (when valid)' }) headHash?: string;
  @ApiPropertyOptional({
    type: VerifiedCheckpoint,
    description:
      'When valid and a checkpoint signed with this instance’s key exists: the newest one, which the chain matches',
  })
  checkpoint?: VerifiedCheckpoint;
  @ApiPropertyOptional({ description: 'First seq at which the chain breaks (when not valid)' })
  firstInvalidSeq?: number;
  @ApiPropertyOptional({
    enum: INVALID_REASONS,
    description:
      'Why (when not valid). `broken_link`: the event at firstInvalidSeq does not recompute or link. ' +
      '`truncated`: events a signed checkpoint covers are gone; firstInvalidSeq is the first missing seq. ' +
      '`rewritten`: the chain no longer has the hash a signed checkpoint recorded at firstInvalidSeq ' +
      '(the change is at or before it, after the previous checkpoint). ' +
      '`checkpoint_forged`: the stored checkpoint at firstInvalidSeq does not verify with the instance key.',
  })
  reason?: string;
}

export class AuditCheckpointResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the entityId of its `audit.checkpoint` event' })
  id!: string;
  @ApiProperty({ description: 'The checkpoint covers the chain up to and including this seq' })
  seq!: number;
  @ApiProperty({ description: 'The hash of the event at seq' }) hash!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was signed' }) time!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty({ description: 'keyId of the signing key (GET /instance/public-key)' })
  keyId!: string;
  @ApiProperty({
    description:
      'Base64 Ed25519 signature of the UTF-8 canonical JSON (keys sorted, no spaces) of ' +
      '{ hash, seq, time, type: "praxis.audit.checkpoint" }',
  })
  signature!: string;
}

export class AuditCheckpointPage {
  @ApiProperty({ type: [AuditCheckpointResponse] }) items!: AuditCheckpointResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
