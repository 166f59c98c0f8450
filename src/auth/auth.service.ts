import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { Principal, SYSTEM_ACTOR } from '../common/principal';
import { ProblemException, unauthorized } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UserResponse } from '../users/dto/user.dto';
import { UsersDirectory } from '../users/users-directory.service';
import { AttackAlertService } from './attack-alert.service';
import { LoginResponse } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';

const BAD_CREDENTIALS = 'Invalid e-mail or password';

const tooManyAttempts = (wait: number) =>
  new ProblemException(
    429,
    'too-many-sign-in-attempts',
    `Too many failed sign-ins; try again in ${wait} s`,
    { headers: { 'Retry-After': String(wait) } },
  );

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly alerts: AttackAlertService,
    private readonly users: UsersDirectory,
  ) {}

  /**
   * Checks credentials. Unknown e-mail, wrong password and deactivated account get
   * the same 401 (and the same time); repeated failures get 429 with Retry-After.
   * Every success and failure is an audit event.
   */
  async validateLogin(email: string, password: string, address: string): Promise<UserResponse> {
    // A cheap check first, so that a throttled account costs no password hashing.
    const early = await this.throttle.retryAfter(this.ds.manager, email, address);
    if (early > 0) {
      await this.ds.transaction((em) => this.auditThrottled(em, email, address));
      throw tooManyAttempts(early);
    }
    const row = await this.users.signInRecord(email);
    let ok = false;
    if (row) ok = (await this.passwords.verify(row.password_hash, password)) && row.active;
    else await this.passwords.verifyDummy(password);

    // The outcome is decided under the throttle lock: parallel guesses must not all
    // pass the check above before any failure is recorded.
    const outcome = await this.ds.transaction(async (em): Promise<UserResponse | number | null> => {
      await this.throttle.lock(em, email, address);
      const wait = await this.throttle.retryAfter(em, email, address);
      if (wait > 0) {
        await this.auditThrottled(em, email, address);
        return wait;
      }
      if (!ok || !row) {
        const accountFailures = await this.throttle.recordFailure(em, email, address);
        await this.audit.append(em, {
          actor: SYSTEM_ACTOR,
          action: AuditAction.AuthLoginFailed,
          entityType: 'user',
          entityId: row?.id ?? null,
          data: {
            email,
            address,
            reason: !row ? 'unknown_email' : row.active ? 'wrong_password' : 'inactive',
          },
        });
        await this.alertIfUnderAttack(em, email, address, accountFailures);
        return null;
      }
      await this.throttle.recordSuccess(em, email, address);
      const user = await this.users.user(row.id, em);
      await this.audit.append(em, {
        actor: { type: 'user', id: row.id },
        action: AuditAction.AuthLogin,
        entityType: 'user',
        entityId: row.id,
        data: { address },
      });
      return user!;
    });
    if (typeof outcome === 'number') throw tooManyAttempts(outcome);
    if (outcome === null) throw unauthorized(BAD_CREDENTIALS);
    return outcome;
  }

  /**
   * Exactly at the threshold, so once per window: the account's count only grows, and
   * each increment returns its own value.
   */
  private async alertIfUnderAttack(
    em: EntityManager,
    email: string,
    address: string,
    failures: number,
  ): Promise<void> {
    if (failures !== this.throttle.alertThreshold) return;
    const userId = await this.users.idByEmail(email, em);
    if (userId) await this.alerts.accountUnderAttack(em, { userId, email, address, failures });
  }

  private async auditThrottled(em: EntityManager, email: string, address: string): Promise<void> {
    const attempts = await this.throttle.recordThrottled(em, email);
    await this.alertIfUnderAttack(em, email, address, attempts);
    await this.audit.append(em, {
      actor: SYSTEM_ACTOR,
      action: AuditAction.AuthLoginFailed,
      entityType: 'user',
      data: { email, address, reason: 'throttled' },
    });
  }

  async issueToken(user: UserResponse): Promise<LoginResponse> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, gen: await this.generationOf(user.id) },
      { expiresIn: this.config.jwtTtlSeconds },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, user };
  }

  /** The user's token generation: tokens and sessions made under an older one are refused. */
  async generationOf(userId: string, em: EntityManager = this.ds.manager): Promise<number> {
    return this.users.tokenGeneration(userId, em);
  }

  /**
   * The principal behind a token or key: only while the user is active (so deactivation
   * takes effect at once) and, for a token, while its generation is the user's current
   * one (so a password change or "sign out everywhere" ends it at once).
   */
  async principalFor(
    userId: string,
    apiKeyId: string | null = null,
    generation?: number,
  ): Promise<Principal | null> {
    const u = await this.users.activePrincipal(userId);
    if (!u) return null;
    if (generation !== undefined && u.token_generation !== generation) return null;
    return {
      userId: u.id,
      email: u.email,
      name: u.name,
      roles: u.roles,
      apiKeyId,
      actor: apiKeyId ? { type: 'api_key', id: apiKeyId } : { type: 'user', id: u.id },
    };
  }

  async me(userId: string): Promise<UserResponse> {
    const user = await this.users.user(userId);
    if (!user) throw unauthorized();
    return user;
  }
}
