import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { Page } from '../common/pagination';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { IdParam } from '../common/uuid.pipe';
import { NotificationPage, NotificationQuery, NotificationResponse } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('me/notifications')
@Roles(...ANY_ROLE)
export class MeNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's in-app notifications, newest first",
    description:
      'Written with the change that causes them; new training assignments (assignment.created) ' +
      'are written by the outbox dispatcher just after the fan-out commits (within about a ' +
      'second), one per assignment still open.',
  })
  @ApiOkResponse({ type: NotificationPage })
  list(
    @CurrentUser() p: Principal,
    @Query() q: NotificationQuery,
  ): Promise<Page<NotificationResponse>> {
    return this.notifications.list(p.userId, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiNotFoundResponse()
  read(@CurrentUser() p: Principal, @IdParam() id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(p.userId, id);
  }
}
