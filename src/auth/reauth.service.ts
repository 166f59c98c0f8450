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
@Injectable()
export class ReauthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async confirm(p: Principal, password: string | undefined, address: string): Promise<void> {
    const wait = await this.throttle.reserve(this.ds, p.email, address);
    if (wait > 0) {
      throw new ProblemException(
        429,
        'too-many-sign-in-attempts',
        `Too many failed attempts; try again in ${wait} s`,
        {
          headers: { 'Retry-After': String(wait) },
        },
      );
    }
    const [row] = await this.ds.query<
      {
        password_hash: string;
      }[]
    >('SELECT password_hash FROM users WHERE id = $1 AND active', [p.userId]);
    if (
      row &&
      typeof password === 'string' &&
      (await this.passwords.verify(row.password_hash, password))
    ) {
      await this.throttle.release(this.ds.manager, p.email, address);
      return;
    }
    // the failure was already counted by reserve()
    await this.ds.transaction(async (em) => {
      await this.audit.append(em, {
        actor: p.actor,
        action: AuditAction.AuthReauthFailed,
        entityType: 'user',
        entityId: p.userId,
        data: { address },
      });
    });
    throw unauthorized('The password you re-entered is not correct');
  }
}
