import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { IdParam } from '../common/uuid.pipe';
import {
  CreateWebhookDto,
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookPage,
  WebhookResponse,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a URL to events',
    description:
      'Each event is POSTed as `{ id, type, occurredAt, data }` (`id` is the audit event id, `data` the ' +
      'audit data plus entityType, entityId and actor) with headers X-Praxis-Event, X-Praxis-Delivery and ' +
      'X-Praxis-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>. A 2xx answer within ' +
      '5 s counts as delivered; redirects are not followed; anything else is retried with exponential ' +
      'backoff (2^attempts s) up to WEBHOOK_MAX_ATTEMPTS, then the delivery is failed.',
  })
  @ApiCreatedResponse({ type: WebhookResponse, description: 'The secret is never returned' })
  @ApiBadRequestResponse({
    description: 'Bad URL (not http(s), or not a public address), events or secret',
  })
  create(@CurrentUser() p: Principal, @Body() dto: CreateWebhookDto): Promise<WebhookResponse> {
    return this.webhooks.create(p, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Webhook subscriptions, oldest first' })
  @ApiOkResponse({ type: WebhookPage })
  list(@Query() q: PageQuery): Promise<Page<WebhookResponse>> {
    return this.webhooks.list(q);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(@CurrentUser() p: Principal, @IdParam() id: string): Promise<void> {
    return this.webhooks.remove(p, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "A webhook's deliveries, newest first" })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiNotFoundResponse()
  deliveries(@IdParam() id: string, @Query() q: PageQuery): Promise<Page<WebhookDeliveryResponse>> {
    return this.webhooks.deliveries(id, q);
  }
}
