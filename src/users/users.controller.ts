import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { IdParam } from '../common/uuid.pipe';
import { CreateUserDto, UpdateUserDto, UserPage, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

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
}
