import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/principal';
import { ProblemException, unauthorized } from '../common/problem';
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
  ) {}

  async confirm(p: Principal, password: string | undefined, address: string): Promise<void> {
    const key = reauthKey(p);
    // A cheap check first, so that a throttled principal costs no password hashing.
    const early = await this.throttle.reauthRetryAfter(this.ds.manager, key);
    if (early > 0) throw tooManyAttempts(early);
    const [row] = await this.ds.query<
      {
        password_hash: string;
      }[]
    >('SELECT password_hash FROM users WHERE id = $1 AND active', [p.userId]);
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
  }
}
