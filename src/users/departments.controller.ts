import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE } from '../common/roles';
import { CurrentUser, Roles } from '../common/decorators';
import { Page, PageQuery } from '../common/pagination';
import { Principal } from '../common/principal';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, DepartmentPage, DepartmentResponse } from './dto/user.dto';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: DepartmentResponse })
  @ApiConflictResponse({ description: 'Code already in use' })
  create(
    @CurrentUser() p: Principal,
    @Body() dto: CreateDepartmentDto,
  ): Promise<DepartmentResponse> {
    return this.departments.create(p.actor, dto);
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: DepartmentPage })
  list(@Query() q: PageQuery): Promise<Page<DepartmentResponse>> {
    return this.departments.list(q);
  }
}
