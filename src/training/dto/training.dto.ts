import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { Role, ROLES } from '../../common/roles';
import { LISTED_ASSIGNMENT_STATUSES, ListedAssignmentStatus } from '../assignment-lifecycle';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TrainingRequirementDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    default: [],
    description: 'Everyone in these departments must read the document',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  departmentIds?: string[];

  @ApiPropertyOptional({ enum: ROLES, isArray: true, default: [], example: ['approver'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', default: [], description: 'Named users' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds?: string[];

  @ApiProperty({
    minimum: 0,
    maximum: 365,
    example: 14,
    description:
      'Due this many days after the revision takes effect (or after assignment, for later joiners)',
  })
  @IsInt()
  @Min(0)
  @Max(365)
  dueInDays!: number;

  @ApiProperty({
    description:
      'Minor revisions need re-reading too; when false, an acknowledgement of the previous revision carries over',
  })
  @IsBoolean()
  retrainOnMinor!: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Acknowledging needs the password re-entered (an e-signature)',
  })
  @IsOptional()
  @IsBoolean()
  requireSignature?: boolean;
}

export class TrainingRequirementResponse {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) departmentIds!: string[];
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: [String], format: 'uuid' }) userIds!: string[];
  @ApiProperty() dueInDays!: number;
  @ApiProperty() retrainOnMinor!: boolean;
  @ApiProperty() requireSignature!: boolean;
  @ApiProperty({ format: 'uuid' }) updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AcknowledgeDto {
  @ApiPropertyOptional({
    writeOnly: true,
    description: 'Required when the training requirement asks for a signature; verified when given',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({
    default: true,
    description:
      'false: "this is not how we work" — a comment is required and a practice_deviation proposal is opened',
  })
  @IsOptional()
  @IsBoolean()
  practiceMatches?: boolean;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class AcknowledgementResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ description: 'SHA-256 of the body that was read' }) contentSha256!: string;
  @ApiProperty({ enum: ['read_and_understood'] }) meaning!: 'read_and_understood';
  @ApiProperty({ format: 'date-time' }) acknowledgedAt!: string;
  @ApiProperty({ description: 'The password was re-entered (an e-signature)' }) signed!: boolean;
  @ApiProperty() practiceMatches!: boolean;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The practice_deviation proposal opened with it',
  })
  proposalId!: string | null;
}

export class AcknowledgementListItem extends AcknowledgementResponse {
  @ApiProperty() userName!: string;
}

export class AcknowledgementPage {
  @ApiProperty({ type: [AcknowledgementListItem] }) items!: AcknowledgementListItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class MyAssignmentsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: [...LISTED_ASSIGNMENT_STATUSES, 'open'],
    description:
      'Default: pending, overdue and done (superseded ones only when asked for); `open`: pending ' +
      'and overdue together (what is still to read). Withdrawn assignments (document retired, ' +
      'or no longer covered) are never listed.',
  })
  @IsOptional()
  @IsIn([...LISTED_ASSIGNMENT_STATUSES, 'open'])
  status?: ListedAssignmentStatus | 'open';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the assignments of this document' })
  @IsOptional()
  @IsUUID()
  documentId?: string;
}

export class MyAssignment {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ example: 'SOP-QA-0001' }) documentNumber!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty({ example: '1.1' }) label!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: LISTED_ASSIGNMENT_STATUSES }) status!: ListedAssignmentStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acknowledgedAt!: string | null;
  @ApiProperty({
    description:
      "Whether acknowledging needs your password (the document's training requirement asks for a signature)",
  })
  requireSignature!: boolean;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The revision of this document you last acknowledged, when it is not this one: GET /revisions/{revisionId}/diff?against={changedSinceAcknowledged}',
  })
  changedSinceAcknowledged!: string | null;
}

export class MyAssignmentPage {
  @ApiProperty({ type: [MyAssignment] }) items!: MyAssignment[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
