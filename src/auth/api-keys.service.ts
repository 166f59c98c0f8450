import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Actor, Principal } from '../common/principal';
import { notFound } from '../common/problem';
import { ACTIVE_USERS } from '../users/users.sql';
import { AuthService } from './auth.service';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/auth.dto';

interface ApiKeyRow {
  id: string;
  name: string;
  user_id: string;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, user_id, key_prefix, created_at, last_used_at, revoked_at';

function toResponse(r: ApiKeyRow): ApiKeyResponse {
  return {
    id: r.id,
    name: r.name,
    userId: r.user_id,
    prefix: r.key_prefix,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** API keys: random, shown once, stored only as SHA-256, revocable. */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async create(p: Principal, name: string): Promise<CreatedApiKeyResponse> {
    const key = `prx_${randomBytes(32).toString('base64url')}`;
    return this.ds.transaction(async (em) => {
      const [row] = await em.query<ApiKeyRow[]>(
        `INSERT INTO api_keys (user_id, name, key_hash, key_prefix) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
        [p.userId, name, sha256(key), key.slice(0, 10)],
      );
      await this.audit.append(em, {
        actor: p.actor,
        action: AuditAction.ApiKeyCreated,
        entityType: 'api_key',
        entityId: row.id,
        data: { name, userId: p.userId, prefix: row.key_prefix },
      });
      return { ...toResponse(row), key };
    });
  }

  /** Own keys; an admin sees everyone's. */
  async list(p: Principal, q: PageQuery): Promise<Page<ApiKeyResponse>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const all = p.roles.includes('admin');
    const rows = await this.ds.query<ApiKeyRow[]>(
      `SELECT ${COLUMNS} FROM api_keys
        WHERE ($1::boolean OR user_id = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
        ORDER BY created_at, id LIMIT $5`,
      [all, p.userId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.created_at.toISOString(), r.id], toResponse);
  }

  /** Revokes a key (own, or any for an admin). Revoking twice is harmless. */
  async revoke(p: Principal, id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const [row] = await em.query<ApiKeyRow[]>(
        `SELECT ${COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || (row.user_id !== p.userId && !p.roles.includes('admin')))
        throw notFound('API key');
      if (row.revoked_at) return;
      await em.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
      await this.audit.append(em, {
        actor: p.actor,
        action: AuditAction.ApiKeyRevoked,
        entityType: 'api_key',
        entityId: id,
        data: { name: row.name, userId: row.user_id },
      });
    });
  }

  /**
   * Revokes every live key of a user, each with its audit event (deactivation: keys
   * must not come back with a re-activated user).
   */
  async revokeAllOf(
    em: EntityManager,
    actor: Actor,
    userId: string,
    reason: string,
  ): Promise<void> {
    const revoked = await em.query<{ id: string; name: string }[]>(
      `UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL
       RETURNING id, name`,
      [userId],
    );
    await this.audit.append(
      em,
      revoked.map((k) => ({
        actor,
        action: AuditAction.ApiKeyRevoked,
        entityType: 'api_key',
        entityId: k.id,
        data: { name: k.name, userId, reason },
      })),
    );
  }

  /** The user a key acts for (revoked or not); null for an unknown key. */
  async userOf(id: string, em: EntityManager = this.ds.manager): Promise<string | null> {
    const [row] = await em.query<{ user_id: string }[]>(
      'SELECT user_id FROM api_keys WHERE id = $1',
      [id],
    );
    return row?.user_id ?? null;
  }

  async authenticate(key: string): Promise<Principal | null> {
    if (key.length > 200) return null;
    const [row] = await this.ds.query<{ id: string; user_id: string }[]>(
      `SELECT k.id, k.user_id FROM api_keys k JOIN ${ACTIVE_USERS} u ON u.id = k.user_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [sha256(key)],
    );
    if (!row) return null;
    // Usage stamp for admins ("is this key still used?"); at most once a minute per key.
    await this.ds.query(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [row.id],
    );
    return this.auth.principalFor(row.user_id, row.id);
  }
}
