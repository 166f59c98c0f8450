import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { IdParam } from '../common/uuid.pipe';
import { CredentialsService } from '../auth/credentials.service';
import {
  CreateUserDto,
  ResetPasswordDto,
  UpdateUserDto,
  UserPage,
  UserResponse,
} from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly credentials: CredentialsService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBadRequestResponse({ description: 'Invalid input or unknown department' })
  @ApiConflictResponse({ description: 'E-mail already in use' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(p.actor, dto);
  }

  @Get()
  @Roles('admin', 'quality_lead', 'auditor')
  @ApiOkResponse({ type: UserPage })
  list(@Query() q: PageQuery): Promise<Page<UserResponse>> {
    return this.users.list(q);
  }

  @Get(':id')
  @Roles('admin', 'quality_lead', 'auditor')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  get(@IdParam() id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Would leave no active admin' })
  update(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(p.actor, id, dto);
  }

  @Post(':id/password')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set another user’s password (admin)',
    description:
      'For a user who forgot theirs. The admin re-enters their own password (`password`, ' +
      'as for a signature). The new password is temporary: the user’s `passwordMustChange` ' +
      'becomes true and every e-signature re-authentication of theirs is refused (403 ' +
      'password-change-required) until they change it with POST /auth/password. Ends every ' +
      'session and access token of that user (they sign in again with the new password); ' +
      'their API keys keep working. Audited as auth.password_reset (never a password). ' +
      'An admin changes their own password with POST /auth/password instead (403 here).',
  })
  @ApiNoContentResponse({ description: 'Set' })
  @ApiBadRequestResponse({ description: 'newPassword too short or too long, or no password' })
  @ApiUnauthorizedResponse({ description: 'The admin’s password is wrong' })
  @ApiForbiddenResponse({
    description:
      'Not an admin, the admin’s own account, or the admin’s own password is a temporary ' +
      'one (password-change-required)',
  })
  @ApiNotFoundResponse()
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords; see Retry-After' })
  resetPassword(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Body() dto: ResetPasswordDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    return this.credentials.resetPassword(
      p,
      id,
      dto.newPassword,
      dto.password,
      req.ip ?? 'unknown',
    );
  }
}
