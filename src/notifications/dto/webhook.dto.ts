import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

/** A dotted audit action (`revision.effective`), or `*` for every event. */
export const EVENT_PATTERN = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://hooks.example.com/praxis',
    description:
      'http(s) URL. One whose host resolves to a loopback, link-local or private address is refused (400) unless WEBHOOK_ALLOW_PRIVATE=true.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url!: string;

  @ApiProperty({
    type: [String],
    example: ['revision.effective', 'proposal.transitioned'],
    description: 'Audit actions to deliver, or `*` for all of them',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(EVENT_PATTERN, {
    each: true,
    message: 'each event must be a dotted audit action such as revision.effective, or *',
  })
  events!: string[];

  @ApiProperty({
    writeOnly: true,
    minLength: 1,
    maxLength: 500,
    description:
      'Signs each delivery: X-Praxis-Signature = sha256=<hex HMAC-SHA256 of the raw body>. Never returned.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  secret!: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) events!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookResponse] }) items!: WebhookResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Also sent as X-Praxis-Delivery' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The audit event; `id` of the delivered body' })
  eventId!: string;
  @ApiProperty({ example: 'revision.effective' }) type!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty({ description: 'Attempts made so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status of the last attempt' })
  lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When a pending delivery is tried next',
  })
  nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items!: WebhookDeliveryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
