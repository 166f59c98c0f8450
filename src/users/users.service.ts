import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { CredentialsService } from '../auth/credentials.service';
import { PasswordService } from '../auth/password.service';
import { DomainHooks } from '../common/domain-hooks';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Actor } from '../common/principal';
import { badRequest, conflict, notFound } from '../common/problem';
import { CreateUserDto, UpdateUserDto, UserResponse } from './dto/user.dto';
import { toUserResponse, USER_SELECT, UserRow } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly credentials: CredentialsService,
    private readonly hooks: DomainHooks,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    const passwordHash = await this.passwords.hash(dto.password);
    return this.ds.transaction((em) => this.insert(em, actor, { ...dto, passwordHash }));
  }

  /** Inserts a user inside the caller's transaction (also used by bootstrap and the demo seed). */
  async insert(
    em: EntityManager,
    actor: Actor,
    u: Omit<CreateUserDto, 'password'> & { passwordHash: string },
  ): Promise<UserResponse> {
    const departmentIds = u.departmentIds ?? [];
    await this.assertDepartmentsExist(em, departmentIds);
    const inserted = await em.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [u.email, u.name, u.passwordHash, [...u.roles].sort()],
    );
    if (inserted.length === 0)
      throw conflict('duplicate-email', `A user with e-mail ${u.email} already exists`);
    const id = inserted[0].id;
    await this.setDepartments(em, id, departmentIds);
    const user = await this.load(em, id);
    await this.audit.append(em, {
      actor,
      action: AuditAction.UserCreated,
      entityType: 'user',
      entityId: id,
      data: {
        email: user.email,
        name: user.name,
        roles: user.roles,
        departmentIds: user.departmentIds,
      },
    });
    await this.coverageChanged(em, actor, id);
    return user;
  }

  async list(q: PageQuery): Promise<Page<UserResponse>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string']);
    const rows = await this.ds.query<UserRow[]>(
      `${USER_SELECT} WHERE ($1::text IS NULL OR u.email > $1) ORDER BY u.email LIMIT $2`,
      [cursor?.[0] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.email], toUserResponse);
  }

  async get(id: string): Promise<UserResponse> {
    return this.load(this.ds.manager, id);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    return this.ds.transaction(async (em) => {
      const before = await this.load(em, id, true);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, field: keyof UserResponse, value: unknown) => {
        if (JSON.stringify(before[field]) === JSON.stringify(value)) return;
        changes[field] = { from: before[field], to: value };
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (dto.name !== undefined) set('name', 'name', dto.name);
      if (dto.roles !== undefined) set('roles', 'roles', [...dto.roles].sort());
      if (dto.active !== undefined) set('active', 'active', dto.active);
      if (dto.departmentIds !== undefined) {
        const next = [...dto.departmentIds].sort();
        if (JSON.stringify(next) !== JSON.stringify(before.departmentIds)) {
          await this.assertDepartmentsExist(em, next);
          changes.departmentIds = { from: before.departmentIds, to: next };
        }
      }
      if (Object.keys(changes).length === 0) return before;

      const losesAdmin =
        before.active &&
        before.roles.includes('admin') &&
        (dto.active === false || (dto.roles && !dto.roles.includes('admin')));
      if (losesAdmin) await this.assertAnotherAdmin(em, id);

      if (sets.length)
        await em.query(
          `UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`,
          params,
        );
      else await em.query('UPDATE users SET updated_at = now() WHERE id = $1', [id]);
      if (changes.departmentIds) {
        await em.query(
          'DELETE FROM user_departments WHERE user_id = $1 AND NOT (department_id = ANY($2::uuid[]))',
          [id, changes.departmentIds.to],
        );
        await this.setDepartments(em, id, changes.departmentIds.to as string[]);
      }
      await this.audit.append(em, {
        actor,
        action: AuditAction.UserUpdated,
        entityType: 'user',
        entityId: id,
        data: { changes },
      });
      const after = await this.load(em, id);
      // Left a department, lost a role or was deactivated: maybe no longer required to read
      // something. A change of departments or roles can shrink and grow coverage at once.
      const deactivated = before.active && !after.active;
      // Every token, session and API key ends now, and none comes back on re-activation.
      if (deactivated) await this.credentials.onDeactivated(em, actor, id);
      if (deactivated || changes.departmentIds || changes.roles)
        await this.hooks.run('coverage.shrank', { em, actor, userId: id, deactivated });
      // Joined a department, gained a role or came back: maybe newly required to read something.
      if (after.active && (changes.departmentIds || changes.roles || changes.active))
        await this.coverageChanged(em, actor, id);
      return after;
    });
  }

  private async coverageChanged(em: EntityManager, actor: Actor, userId: string): Promise<void> {
    // Training gives late joiners their assignments (users must not depend on training).
    await this.hooks.run('coverage.changed', { em, actor, userId });
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<UserResponse> {
    // NO KEY UPDATE: serialises changes to this user without blocking inserts that merely
    // reference them (assignments fanned out by a revision taking effect meanwhile).
    if (lock) await em.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [id]);
    const rows = await em.query<UserRow[]>(`${USER_SELECT} WHERE u.id = $1`, [id]);
    if (rows.length === 0) throw notFound('User');
    return toUserResponse(rows[0]);
  }

  private async setDepartments(
    em: EntityManager,
    userId: string,
    departmentIds: string[],
  ): Promise<void> {
    if (departmentIds.length === 0) return;
    await em.query(
      `INSERT INTO user_departments (user_id, department_id)
       SELECT $1, d FROM unnest($2::uuid[]) AS d ON CONFLICT DO NOTHING`,
      [userId, departmentIds],
    );
  }

  private async assertDepartmentsExist(em: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await em.query<
      {
        id: string;
      }[]
    >('SELECT id::text FROM departments WHERE id = ANY($1::uuid[])', [ids]);
    const known = new Set(found.map((r) => r.id));
    const missing = ids.filter((i) => !known.has(i.toLowerCase()));
    if (missing.length) {
      throw badRequest('unknown-department', `Unknown department(s): ${missing.join(', ')}`, [
        { field: 'departmentIds', message: `unknown department(s): ${missing.join(', ')}` },
      ]);
    }
  }

  /** The organisation must keep at least one active admin; admin rows are locked so two demotions can't race. */
  private async assertAnotherAdmin(em: EntityManager, userId: string): Promise<void> {
    const admins = await em.query<{ id: string }[]>(
      `SELECT id FROM users WHERE active AND 'admin' = ANY(roles) ORDER BY id FOR UPDATE`,
    );
    if (!admins.some((a) => a.id !== userId)) {
      throw conflict('last-admin', 'This is the last active admin; make another user admin first');
    }
  }
}
