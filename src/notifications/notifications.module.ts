import { Global, Module } from '@nestjs/common';
import { EmailDeliveryService } from './email-delivery.service';
import { MeNotificationsController } from './me-notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxDispatcherService } from './outbox-dispatcher.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Global()
@Module({
  controllers: [MeNotificationsController, WebhooksController],
  providers: [
    NotificationsService,
    WebhooksService,
    OutboxDispatcherService,
    WebhookDeliveryService,
    EmailDeliveryService,
  ],
  exports: [NotificationsService, OutboxDispatcherService],
})
export class NotificationsModule {}
