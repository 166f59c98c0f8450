import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class TrainingReportQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Count only this department's active members; list only documents whose requirement names " +
      'the department or covers at least one of its active members',
  })
  @IsOptional()
  @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this document' })
  @IsOptional()
  @IsUUID('all')
  documentId?: string;
}

export class TrainingReportItem {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() documentNumber!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid', description: 'The current effective revision' })
  revisionId!: string;
  @ApiProperty({ example: '2.1' }) label!: string;
  @ApiProperty({ description: 'Active users the training requirement covers' })
  required!: number;
  @ApiProperty({
    description:
      'Of those, users who acknowledged the current revision, or satisfied by carry-over ' +
      '(minor revision without retrainOnMinor, no assignment for it, an earlier revision of the same major acknowledged)',
  })
  acknowledged!: number;
  @ApiProperty({
    description:
      'Of those, not acknowledged and holding an assignment for the current revision that is overdue ' +
      '(status overdue, or pending past its due time)',
  })
  overdue!: number;
  @ApiProperty({
    description:
      'required − acknowledged − overdue: still to read, not yet late (or not yet assigned)',
  })
  pending!: number;
  @ApiProperty({
    example: 87.5,
    description: 'round(100 × acknowledged / required, 1); 100 when required is 0',
  })
  percent!: number;
}

export class TrainingReport {
  @ApiProperty({ type: [TrainingReportItem] }) items!: TrainingReportItem[];
}

export class TrainingMatrixQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this department's active members" })
  @IsOptional()
  @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only the users this effective document requires, and of their training only this document ' +
      '(done is 1 or 0): the people behind its row of GET /reports/training',
  })
  @IsOptional()
  @IsUUID('all')
  documentId?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only users with at least one overdue item (of documentId, when given)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}

export class TrainingMatrixEntry {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() documentNumber!: string;
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'null when the user is covered but holds no assignment for the revision',
  })
  dueAt!: string | null;
}

export class TrainingMatrixRow {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) departmentIds!: string[];
  @ApiProperty({
    type: [TrainingMatrixEntry],
    description: 'Required, not acknowledged, not overdue; by due time, then number',
  })
  pending!: TrainingMatrixEntry[];
  @ApiProperty({
    type: [TrainingMatrixEntry],
    description: 'Required, not acknowledged, assignment overdue; by due time, then number',
  })
  overdue!: TrainingMatrixEntry[];
  @ApiProperty({ description: 'Effective documents required of this user and acknowledged' })
  done!: number;
}

export class TrainingMatrixPage {
  @ApiProperty({ type: [TrainingMatrixRow] }) items!: TrainingMatrixRow[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class TrainingDepartmentItem {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ example: 'CS' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    description:
      "Sum over effective documents of required, counting this department's active members",
  })
  required!: number;
  @ApiProperty() acknowledged!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({
    example: 87.5,
    description: 'round(100 × acknowledged / required, 1); 100 when required is 0',
  })
  percent!: number;
}

export class TrainingDepartmentReport {
  @ApiProperty({ type: [TrainingDepartmentItem] }) items!: TrainingDepartmentItem[];
}
