import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import {
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  DocumentStatus,
  DocumentType,
  REVISION_STATUSES,
} from '../lifecycle';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MAX_BODY = 1_000_000;

export class CreateDocumentDto {
  @ApiProperty({ example: 'Handling customer returns' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  type!: DocumentType;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Its code goes into the number; GEN when absent',
  })
  @IsOptional()
  @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Accountable owner; the creator when absent',
  })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @ApiPropertyOptional({ example: 'customer-service' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ example: 'sop', description: 'Template to start from (GET /templates)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,49}$/, { message: 'must be a template key' })
  templateKey?: string;

  @ApiPropertyOptional({
    description: 'Markdown of the first draft; else the template body, else empty',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BODY)
  body?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 24 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  reviewIntervalMonths?: number;
}

export class DocumentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_STATUSES })
  @IsOptional()
  @IsIn(DOCUMENT_STATUSES)
  status?: DocumentStatus;
  @ApiPropertyOptional({ enum: DOCUMENT_TYPES })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES)
  type?: DocumentType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') departmentId?: string;
  @ApiPropertyOptional({ description: 'Words in the number or title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SOP-QA-0001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) type!: DocumentType;
  @ApiProperty({ enum: DOCUMENT_STATUSES }) status!: DocumentStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ nullable: true, type: String, description: "The owner's display name" })
  ownerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) category!: string | null;
  @ApiProperty({ nullable: true, type: String }) templateKey!: string | null;
  @ApiProperty() reviewIntervalMonths!: number;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The effective revision',
  })
  currentRevisionId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '1.1',
    description: 'Label of the effective revision',
  })
  currentLabel!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Since when the effective revision is in force',
  })
  currentEffectiveFrom!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The open revision: draft, in review, or approved and waiting for its effective date',
  })
  draftRevisionId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) nextReviewDue!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) retiredAt!: string | null;
}

export class DocumentPage {
  @ApiProperty({ type: [DocumentResponse] }) items!: DocumentResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class SignatureResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) signerId!: string;
  @ApiProperty({ description: 'Printed name of the signer at signing' }) signerName!: string;
  @ApiProperty({ enum: ['reviewed', 'approved', 'rejected'] }) meaning!: string;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: 'SHA-256 of the body that was signed' }) contentSha256!: string;
  @ApiProperty({ description: 'Which submission of the revision this signature belongs to' })
  reviewRound!: number;
}

export class RevisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ nullable: true, type: String, example: '1.0' }) label!: string | null;
  @ApiProperty({ enum: REVISION_STATUSES }) status!: string;
  @ApiProperty({ enum: ['major', 'minor'] }) changeLevel!: string;
  @ApiProperty() changeSummary!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'uuid', description: 'Who created the revision' }) authorId!: string;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Everyone who wrote the body: the creator and every user who changed it. None of them may review or approve it',
  })
  authorIds!: string[];
  @ApiProperty() contentSha256!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) effectiveFrom!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) supersededAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) obsoletedAt!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) reviewerIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) approverIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) proposalIds!: string[];
  @ApiProperty({ type: [SignatureResponse] }) signatures!: SignatureResponse[];
}

export class RevisionWithBody extends RevisionResponse {
  @ApiProperty({ description: 'Markdown' }) body!: string;
}

export class RevisionHistory {
  @ApiProperty({ type: [RevisionResponse] }) items!: RevisionResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class CreateRevisionDto {
  @ApiProperty({ enum: ['major', 'minor'] }) @IsIn(['major', 'minor']) changeLevel!:
    'major' | 'minor';
  @ApiProperty({ example: 'Clarify the refund time limit' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  changeSummary!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) reason?: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Improvement proposals this revision implements',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds?: string[];
}

export class UpdateRevisionDto {
  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BODY)
  body?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  changeSummary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) reason?: string;
  @ApiPropertyOptional({ enum: ['major', 'minor'] })
  @IsOptional()
  @IsIn(['major', 'minor'])
  changeLevel?: 'major' | 'minor';
}

/** One user's id in two letter cases is still one user: uniqueness ignores case. */
const caseless = (id: unknown): unknown => (typeof id === 'string' ? id.toLowerCase() : id);

export class SubmitRevisionDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique(caseless)
  @IsUUID('all', { each: true })
  reviewerIds?: string[];

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique(caseless)
  @IsUUID('all', { each: true })
  approverIds!: string[];

  @ApiPropertyOptional({
    description:
      'When the approved revision takes effect (date or date-time); at once when absent or past',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;
}

export class SignRevisionDto {
  @ApiProperty({ enum: ['reviewed', 'approved', 'rejected'] })
  @IsIn(['reviewed', 'approved', 'rejected'])
  meaning!: 'reviewed' | 'approved' | 'rejected';

  @ApiProperty({
    writeOnly: true,
    description: 'The signer re-enters their password (21 CFR 11.200)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ description: 'Required when rejecting' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class RetireDocumentDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(4000) reason!: string;
  @ApiProperty({ writeOnly: true }) @IsString() @MinLength(1) @MaxLength(1024) password!: string;
}

export class DiffQuery {
  @ApiProperty({ format: 'uuid', description: 'The revision to compare from' })
  @IsUUID('all')
  against!: string;
  @ApiPropertyOptional({ enum: ['unified', 'json', 'html'], default: 'unified' })
  @IsOptional()
  @IsIn(['unified', 'json', 'html'])
  format?: 'unified' | 'json' | 'html';
}

export class ReviewsDueQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'Due on or before this date; default: 30 days from today',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  before?: string;
}

export class ReviewDueItem {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() documentNumber!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ format: 'date' }) nextReviewDue!: string;
  @ApiProperty({ description: 'The review date has passed' }) overdue!: boolean;
}

export class ReviewsDueReport {
  @ApiProperty({ type: [ReviewDueItem] }) items!: ReviewDueItem[];
}
