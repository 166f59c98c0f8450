import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Batcher } from '../common/batcher';
import { Role } from '../common/roles';
import { UUID_RE } from '../common/uuid.pipe';
import { preparedQuery } from '../database/prepared';
import { UserResponse } from './dto/user.dto';
import { toUserResponse, USER_SELECT, UserRow } from './user.mapper';

/** The columns a request's principal is built from. */
export interface PrincipalUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  token_generation: number;
}

/**
 * The users module's queries for other modules: sign-in and credentials (auth), owner
 * and signer checks (documents, proposals), lookups for the seed. Each is one
 * statement; `em` joins the caller's transaction. Set-based statements use the
 * relations in `users.sql.ts` instead.
 */
@Injectable()
export class UsersDirectory {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async user(id: string, em: EntityManager = this.ds.manager): Promise<UserResponse | null> {
    const [row] = await em.query<UserRow[]>(`${USER_SELECT} WHERE u.id = $1`, [id]);
    return row ? toUserResponse(row) : null;
  }

  async idByEmail(email: string, em: EntityManager = this.ds.manager): Promise<string | null> {
    const [row] = await em.query<{ id: string }[]>('SELECT id FROM users WHERE email = $1', [
      email,
    ]);
    return row?.id ?? null;
  }

  /** What sign-in checks a password against. */
  async signInRecord(
    email: string,
  ): Promise<{ id: string; password_hash: string; active: boolean } | null> {
    const [row] = await this.ds.query<{ id: string; password_hash: string; active: boolean }[]>(
      'SELECT id, password_hash, active FROM users WHERE email = $1',
      [email],
    );
    return row ?? null;
  }

  /** An active user's password hash, for re-authentication (null: unknown or inactive). */
  async activePassword(
    userId: string,
  ): Promise<{ password_hash: string; password_must_change: boolean } | null> {
    const [row] = await this.ds.query<{ password_hash: string; password_must_change: boolean }[]>(
      'SELECT password_hash, password_must_change FROM users WHERE id = $1 AND active',
      [userId],
    );
    return row ?? null;
  }

  /**
   * The lookups of principals the cache does not hold, made while one is under way, go
   * together as one statement (a burst of people signing in, or acknowledging a new SOP,
   * costs one round trip per batch instead of one each). Each is still read after it was
   * asked for, so it never answers with a user as they were before the request.
   */
  readonly principals = new Batcher<string, PrincipalUser | null>(
    async (ids) => {
      const rows = await preparedQuery<PrincipalUser>(
        this.ds.manager,
        'principals_for_gen',
        'SELECT id, email, name, roles, token_generation FROM users WHERE id = ANY($1::uuid[]) AND active',
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    null, // the same user asked for twice (a page's parallel requests): one lookup answers both
  );

  /** An active user as a principal is made of (null: unknown or inactive). */
  async activePrincipal(userId: string): Promise<PrincipalUser | null> {
    // Not a uuid: no one (and not an error that would fail the others of its batch).
    if (!UUID_RE.test(userId)) return null;
    return this.principals.submit(userId.toLowerCase());
  }

  async tokenGeneration(userId: string, em: EntityManager = this.ds.manager): Promise<number> {
    const [row] = await em.query<{ token_generation: number }[]>(
      'SELECT token_generation FROM users WHERE id = $1',
      [userId],
    );
    return row?.token_generation ?? 0;
  }

  /**
   * Sets a user's password hash (`mustChange`: a temporary one an admin gave). False
   * when there is no such user. The row stays locked until the caller's commit.
   */
  async setPassword(
    em: EntityManager,
    userId: string,
    hash: string,
    mustChange: boolean,
  ): Promise<boolean> {
    const [rows] = await em.query<[unknown[], number]>(
      `UPDATE users SET password_hash = $2, password_must_change = $3, updated_at = now()
        WHERE id = $1 RETURNING id`,
      [userId, hash, mustChange],
    );
    return rows.length > 0;
  }

  /** Ends every token and session made under the user's current generation. */
  async bumpTokenGeneration(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      'UPDATE users SET token_generation = token_generation + 1, updated_at = now() WHERE id = $1',
      [userId],
    );
  }

  /** Display names by id, for other modules' responses (an unknown id is simply absent). */
  async namesOf(ids: string[], em: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await em.query<{ id: string; name: string }[]>(
      'SELECT id::text, name FROM users WHERE id = ANY($1::uuid[])',
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async isActive(id: string, em: EntityManager = this.ds.manager): Promise<boolean> {
    const rows = await em.query<unknown[]>('SELECT 1 FROM users WHERE id = $1 AND active', [id]);
    return rows.length > 0;
  }

  /** Roles and active flag of each of these users that exists. */
  async rolesOf(
    ids: string[],
    em: EntityManager = this.ds.manager,
  ): Promise<Map<string, { roles: Role[]; active: boolean }>> {
    const rows = await em.query<{ id: string; roles: Role[]; active: boolean }[]>(
      'SELECT id::text, roles, active FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((u) => [u.id, { roles: u.roles, active: u.active }]));
  }

  async activeAdminIds(em: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM users WHERE active AND 'admin' = ANY(roles)`,
    );
    return rows.map((r) => r.id);
  }

  async count(em: EntityManager = this.ds.manager): Promise<number> {
    const [{ count }] = await em.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM users',
    );
    return count;
  }

  async department(
    id: string,
    em: EntityManager = this.ds.manager,
  ): Promise<{ id: string; code: string; name: string } | null> {
    const [d] = await em.query<{ id: string; code: string; name: string }[]>(
      'SELECT id, code, name FROM departments WHERE id = $1',
      [id],
    );
    return d ?? null;
  }

  /** Departments by code (codes with no department are absent). */
  async departmentsByCode(
    codes: string[],
    em: EntityManager = this.ds.manager,
  ): Promise<Map<string, { id: string; name: string }>> {
    const rows = await em.query<{ id: string; code: string; name: string }[]>(
      'SELECT id, code, name FROM departments WHERE code = ANY($1::text[])',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, name: r.name }]));
  }
}
