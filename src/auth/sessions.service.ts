import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/principal';
import { Role } from '../common/roles';
import { APP_CONFIG, AppConfig } from '../config/config';
import { preparedQuery } from '../database/prepared';
import { ACTIVE_USERS } from '../users/users.sql';
import { AuthAction } from './auth-actions';
import { PrincipalCache } from './principal-cache';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Server-side browser sessions (the web app's cookie sign-in). The token lives only in
 * the browser's HttpOnly cookie; the table keeps its SHA-256. A session is live while
 * not ended, not idle past SESSION_IDLE_MINUTES, younger than SESSION_MAX_HOURS, its
 * user active and its generation the user's current one (a password change,
 * deactivation or "sign out everywhere" ends every session at once).
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly cache: PrincipalCache,
  ) {}

  get maxAgeSeconds(): number {
    return this.config.session.maxHours * 3600;
  }

  /** Opens a session for a user who has just signed in; returns its token and CSRF token. */
  async open(userId: string, address: string): Promise<{ token: string; csrf: string }> {
    const token = randomBytes(32).toString('base64url');
    await this.ds.transaction(async (em) => {
      // The user's own dead sessions go first, so rows do not pile up sign-in after sign-in.
      await em.query(
        `DELETE FROM sessions WHERE user_id = $1
            AND (ended_at IS NOT NULL OR created_at < now() - make_interval(hours => $2::int))`,
        [userId, this.config.session.maxHours],
      );
      await em.query(
        `INSERT INTO sessions (user_id, token_hash, generation, address)
         SELECT id, $2, token_generation, $3 FROM ${ACTIVE_USERS} u WHERE id = $1`,
        [userId, sha256(token), address],
      );
    });
    return { token, csrf: this.csrfFor(token) };
  }

  /**
   * The CSRF token is derived from the session token (HMAC with the server's secret), so
   * a cookie planted by someone else (double-submit with a value of their choosing) fails.
   */
  csrfFor(token: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`csrf\n${token}`).digest('base64url');
  }

  csrfMatches(token: string, presented: string): boolean {
    const expected = Buffer.from(this.csrfFor(token));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * The principal of a live session. Last-seen is written at most once a minute (or
   * half the idle timeout, when that is shorter), not on every request; until then the
   * principal may come from the cache (which the end of the session, or any change to
   * its user, invalidates at once).
   */
  authenticate(token: string): Promise<Principal | null> {
    if (token.length > 200) return Promise.resolve(null);
    const hash = sha256(token);
    return this.cache.get(`session:${hash}`, () => this.load(hash));
  }

  private async load(hash: string): Promise<{ principal: Principal; ttlMs: number } | null> {
    const touchSeconds = Math.min(60, this.config.session.idleMinutes * 30);
    // Every cookie request that misses the cache asks this: prepared once per connection.
    const rows = await preparedQuery<{
      id: string;
      user_id: string;
      email: string;
      name: string;
      roles: Role[];
      seen_ms: number;
      age_ms: number;
    }>(
      this.ds.manager,
      'session_principal_v2',
      `WITH live AS (
         SELECT s.id, s.user_id, s.last_seen_at, s.created_at, u.email, u.name, u.roles
           FROM sessions s JOIN ${ACTIVE_USERS} u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.ended_at IS NULL
            AND s.generation = u.token_generation
            AND s.created_at > now() - make_interval(hours => $2::int)
            AND s.last_seen_at > now() - make_interval(mins => $3::int)
       ), touched AS (
         UPDATE sessions s SET last_seen_at = now() FROM live
          WHERE s.id = live.id AND live.last_seen_at < now() - make_interval(secs => $4::int)
         RETURNING s.id
       )
       SELECT id, user_id, email, name, roles,
              CASE WHEN EXISTS (SELECT 1 FROM touched) THEN 0
                   ELSE extract(epoch FROM now() - last_seen_at) * 1000 END::float8 AS seen_ms,
              (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
         FROM live`,
      [hash, this.config.session.maxHours, this.config.session.idleMinutes, touchSeconds],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    // Kept until the next last-seen write is due (so idle expiry is still checked by the
    // database) and never past the absolute expiry.
    const ttlMs = Math.min(touchSeconds * 1000 - r.seen_ms, this.maxAgeSeconds * 1000 - r.age_ms);
    return {
      principal: {
        userId: r.user_id,
        email: r.email,
        name: r.name,
        roles: r.roles,
        apiKeyId: null,
        sessionId: r.id,
        actor: { type: 'user', id: r.user_id },
      },
      ttlMs: Math.max(0, ttlMs),
    };
  }

  /** Signs out: ends the caller's session, with its audit event. */
  async end(p: Principal): Promise<void> {
    if (!p.sessionId) return;
    await this.ds.transaction(async (em) => {
      const ended = await em.query<{ id: string }[]>(
        'UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL RETURNING id',
        [p.sessionId],
      );
      if (ended.length === 0) return;
      await this.audit.append(em, {
        actor: p.actor,
        action: AuthAction.SignedOut,
        entityType: 'user',
        entityId: p.userId,
        data: { sessionId: p.sessionId },
      });
    });
  }

  /** Ends every open session of a user (their token generation was bumped, in `em`). */
  async endAllOf(em: EntityManager, userId: string): Promise<number> {
    const ended = await em.query<{ id: string }[]>(
      'UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL RETURNING id',
      [userId],
    );
    return ended.length;
  }
}
