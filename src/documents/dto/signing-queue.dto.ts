import { ApiProperty } from '@nestjs/swagger';

export class SigningQueueItem {
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ example: 'SOP-QA-0001' }) documentNumber!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['major', 'minor'] }) changeLevel!: 'major' | 'minor';
  @ApiProperty() changeSummary!: string;
  @ApiProperty({ format: 'uuid', description: 'Who created the revision' }) authorId!: string;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When it takes effect once approved; at once when null',
  })
  effectiveFrom!: string | null;
  @ApiProperty({
    enum: ['reviewed', 'approved'],
    description:
      'The signature expected of you (POST /revisions/{revisionId}/signatures). Someone both ' +
      'reviewer and approver is asked to review first; the revision then comes back to approve',
  })
  meaning!: 'reviewed' | 'approved';
}

export class SigningQueuePage {
  @ApiProperty({ type: [SigningQueueItem] }) items!: SigningQueueItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
