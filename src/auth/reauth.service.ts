import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/principal';
import { ProblemException, unauthorized } from '../common/problem';
import { UsersDirectory } from '../users/users-directory.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';

/**
 * Re-authentication for e-signatures (21 CFR 11.200): the signer types their
 * password again. Failures count per principal (this session, this API key, or the
 * user's bearer tokens), as many as sign-in allows one address per account, so a
 * signature endpoint cannot be used to guess passwords; failed sign-ins from
 * elsewhere do not count here, so nobody else can block a signature.
 */
const tooManyAttempts = (wait: number) =>
  new ProblemException(
    429,
    'too-many-sign-in-attempts',
    `Too many failed attempts; try again in ${wait} s`,
    { headers: { 'Retry-After': String(wait) } },
  );

const passwordChangeRequired = () =>
  new ProblemException(
    403,
    'password-change-required',
    'Change the temporary password an administrator set before signing',
  );

export interface ReauthOptions {
  /** Only for changing that very password: a temporary one may confirm its own change. */
  allowTemporaryPassword?: boolean;
}

function reauthKey(p: Principal): string {
  if (p.sessionId) return `reauth:session:${p.sessionId}`;
  if (p.apiKeyId) return `reauth:key:${p.apiKeyId}`;
  return `reauth:user:${p.userId}`;
}

@Injectable()
export class ReauthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly users: UsersDirectory,
  ) {}

  /**
   * A password an administrator set is refused (403) once verified: the admin knows it,
   * so a signature with it would not be the user's own (21 CFR 11.300).
   */
  async confirm(
    p: Principal,
    password: string | undefined,
    address: string,
    options: ReauthOptions = {},
  ): Promise<void> {
    const key = reauthKey(p);
    // A cheap check first, so that a throttled principal costs no password hashing.
    const early = await this.throttle.reauthRetryAfter(this.ds.manager, key);
    if (early > 0) throw tooManyAttempts(early);
    const row = await this.users.activePassword(p.userId);
    const ok =
      !!row &&
      typeof password === 'string' &&
      (await this.passwords.verify(row.password_hash, password));
    // Decided under the throttle lock, as at sign-in: parallel guesses must not all
    // pass the check above before any failure is recorded.
    const wait = await this.ds.transaction(async (em) => {
      await this.throttle.lockReauth(em, key);
      const seconds = await this.throttle.reauthRetryAfter(em, key);
      if (seconds > 0 || ok) return seconds;
      await this.throttle.recordReauthFailure(em, key);
      await this.audit.append(em, {
        actor: p.actor,
        action: AuditAction.AuthReauthFailed,
        entityType: 'user',
        entityId: p.userId,
        data: { address },
      });
      return 0;
    });
    if (wait > 0) throw tooManyAttempts(wait);
    if (!ok) throw unauthorized('The password you re-entered is not correct');
    if (row?.password_must_change && !options.allowTemporaryPassword)
      throw passwordChangeRequired();
  }
}
