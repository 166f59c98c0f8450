import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { IdParam } from '../common/uuid.pipe';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyPage, ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './dto/auth.dto';

/**
 * Every role may hold API keys of its own: auditors in particular pull the trail
 * with scripts. A key acts as its user, with that user's roles.
 */
@ApiTags('api-keys')
@Controller('api-keys')
@Roles(...ANY_ROLE)
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: '`key` is shown this once only' })
  create(
    @CurrentUser() p: Principal,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    return this.keys.create(p, dto.name);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyPage, description: 'Own keys; an admin sees all' })
  list(@CurrentUser() p: Principal, @Query() q: PageQuery): Promise<Page<ApiKeyResponse>> {
    return this.keys.list(p, q);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; the key now gets 401' })
  @ApiNotFoundResponse()
  revoke(@CurrentUser() p: Principal, @IdParam() id: string): Promise<void> {
    return this.keys.revoke(p, id);
  }
}
