import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReadingCounts {
  @ApiProperty({
    description: 'Assignments to read, not yet late (GET /me/assignments?status=pending)',
  })
  pending!: number;
  @ApiProperty({
    description: 'Assignments past their due date (GET /me/assignments?status=overdue)',
  })
  overdue!: number;
}

export class NotificationCounts {
  @ApiProperty({ description: 'GET /me/notifications?unread=true' }) unread!: number;
}

export class TriageCounts {
  @ApiProperty({ description: 'Proposals submitted and not yet triaged' })
  proposalsToTriage!: number;
  @ApiProperty({
    description: 'Proposals undecided past their triage date (GET /proposals?overdue=true)',
  })
  proposalsOverdue!: number;
}

export class TrainingCounts {
  @ApiProperty({
    description:
      "Late assignments of effective revisions, organisation-wide (the training report's overdue: " +
      'status overdue, or pending past due)',
  })
  overdueAssignments!: number;
}

export class MeSummary {
  @ApiProperty({ type: ReadingCounts }) reading!: ReadingCounts;
  @ApiProperty({ description: 'Revisions waiting for your signature (GET /me/signing-queue)' })
  signing!: number;
  @ApiProperty({ type: NotificationCounts }) notifications!: NotificationCounts;
  @ApiPropertyOptional({ type: TriageCounts, description: 'Admins and quality leads only' })
  triage?: TriageCounts;
  @ApiPropertyOptional({ type: TrainingCounts, description: 'Admins and quality leads only' })
  training?: TrainingCounts;
}
