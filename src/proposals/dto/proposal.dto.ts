import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import {
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  ProposalKind,
  ProposalStatus,
} from '../proposal-lifecycle';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Ids are compared as text with the stored (lower-case) uuid: one user, whatever the case. */
const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;
const bool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateProposalDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The document it is about; required for every kind but new_procedure',
  })
  @IsOptional()
  @IsUUID('all')
  documentId?: string;

  @ApiProperty({ enum: PROPOSAL_KINDS })
  @IsIn(PROPOSAL_KINDS)
  kind!: ProposalKind;

  @ApiProperty({ example: 'Returns are checked by the warehouse, not customer service' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({ example: 'Since March the warehouse inspects returned goods before refunds.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  description!: string;

  @ApiPropertyOptional({
    example: 'Procedure',
    description: 'The heading of the section of the document it is about',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  section?: string;
}

export class ProposalListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  documentId?: string;

  @ApiPropertyOptional({ enum: PROPOSAL_KINDS })
  @IsOptional()
  @IsIn(PROPOSAL_KINDS)
  kind?: ProposalKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only those assigned to this user' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: still submitted or under review past the triage due date; false: all the others',
  })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  overdue?: boolean;
}

export class TransitionProposalDto {
  @ApiProperty({ enum: PROPOSAL_STATUSES, description: 'The status to move to' })
  @IsIn(PROPOSAL_STATUSES)
  to!: ProposalStatus;

  @ApiPropertyOptional({ description: 'Why; required when rejecting' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Triage only: hand the proposal to this active user',
  })
  @IsOptional()
  @Transform(lowerCase)
  @IsUUID('all')
  assigneeId?: string;
}

export class AssignProposalDto {
  @ApiProperty({ format: 'uuid', description: 'The active user who becomes accountable for it' })
  @Transform(lowerCase)
  @IsUUID('all')
  assigneeId!: string;
}

export class CommentProposalDto {
  @ApiProperty({ example: 'The same happens in the Leeds warehouse.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  body!: string;
}

export class ProposalResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'IP-0001' }) number!: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status!: ProposalStatus;
  @ApiProperty({ enum: PROPOSAL_KINDS }) kind!: ProposalKind;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Heading of the section' })
  section!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) documentId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SOP-QA-0001' })
  documentNumber!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Customer returns' })
  documentTitle!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The revision a practice deviation was reported against',
  })
  revisionId!: string | null;
  @ApiProperty({ format: 'uuid' }) submitterId!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "Accountable person: the document's owner, else the quality lead who triages",
  })
  assigneeId!: string | null;
  @ApiProperty({ example: 'Sam Staff' }) submitterName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Quinn Lead' })
  assigneeName!: string | null;
  @ApiProperty({ format: 'date-time' }) triageDueAt!: string;
  @ApiProperty({ description: 'Still submitted or under review past triageDueAt' })
  overdue!: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Accepted or rejected at',
  })
  decidedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) implementedAt!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The revision whose taking effect implemented it',
  })
  implementedByRevisionId!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Closed or withdrawn at',
  })
  closedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TimelineEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['transition', 'comment'] }) type!: 'transition' | 'comment';
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null when the system acted (a scheduled effective date)',
  })
  actorId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The actor's name; null for the system",
  })
  actorName!: string | null;
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES, description: 'Transitions only' })
  from?: ProposalStatus;
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES, description: 'Transitions only' })
  to?: ProposalStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Transitions only' })
  comment?: string | null;
  @ApiPropertyOptional({ description: 'Comments only' })
  body?: string;
}

export class ProposalDetail extends ProposalResponse {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Told at every step' })
  watcherIds!: string[];
  @ApiProperty({ type: [TimelineEntry], description: 'Every transition and comment, oldest first' })
  timeline!: TimelineEntry[];
  @ApiPropertyOptional({
    enum: PROPOSAL_STATUSES,
    isArray: true,
    description:
      'The statuses the caller may move it to now (withdraw for its submitter, the rest for triage)',
  })
  allowedTransitions?: ProposalStatus[];
}

export class ProposalPage {
  @ApiProperty({ type: [ProposalResponse] }) items!: ProposalResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
