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
 * password again. Failures count against the same per-account limit as sign-in,
 * so a signature endpoint cannot be used to guess passwords.
 */
const tooManyAttempts = (wait: number) =>
  new ProblemException(
    429,
    'too-many-sign-in-attempts',
    `Too many failed attempts; try again in ${wait} s`,
    { headers: { 'Retry-After': String(wait) } },
  );

@Injectable()
export class ReauthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async confirm(p: Principal, password: string | undefined, address: string): Promise<void> {
    // A cheap check first, so that a throttled account costs no password hashing.
    const early = await this.throttle.retryAfter(this.ds.manager, p.email, address);
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
      await this.throttle.lock(em, p.email, address);
      const seconds = await this.throttle.retryAfter(em, p.email, address);
      if (seconds > 0 || ok) return seconds;
      await this.throttle.recordFailure(em, p.email, address);
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
