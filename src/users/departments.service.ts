import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Actor } from '../common/principal';
import { conflict } from '../common/problem';
import { CreateDepartmentDto, DepartmentResponse } from './dto/user.dto';
import { DepartmentRow, toDepartmentResponse } from './user.mapper';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(actor: Actor, dto: CreateDepartmentDto): Promise<DepartmentResponse> {
    return this.ds.transaction((em) => this.insert(em, actor, dto));
  }

  async insert(
    em: EntityManager,
    actor: Actor,
    dto: CreateDepartmentDto,
  ): Promise<DepartmentResponse> {
    const rows = await em.query<DepartmentRow[]>(
      `INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING
       RETURNING id, code, name, created_at`,
      [dto.code, dto.name],
    );
    if (rows.length === 0)
      throw conflict('duplicate-department', `Department code ${dto.code} is taken`);
    const dept = toDepartmentResponse(rows[0]);
    await this.audit.append(em, {
      actor,
      action: AuditAction.DepartmentCreated,
      entityType: 'department',
      entityId: dept.id,
      data: { code: dept.code, name: dept.name },
    });
    return dept;
  }

  async list(q: PageQuery): Promise<Page<DepartmentResponse>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string']);
    const rows = await this.ds.query<DepartmentRow[]>(
      `SELECT id, code, name, created_at FROM departments
        WHERE ($1::text IS NULL OR code > $1) ORDER BY code LIMIT $2`,
      [cursor?.[0] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.code], toDepartmentResponse);
  }
}
