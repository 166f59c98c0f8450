import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersDirectory } from '../users/users-directory.service';
import { ACCOUNT_ATTACK_NOTIFICATION, AuthAction } from './auth-actions';

/**
 * Many failed sign-ins on one account from anywhere do not lock it (a stranger could
 * lock anyone out); they are reported instead (21 CFR 11.300(d): attempts at
 * unauthorised use are reported to management): an audit event and an in-app
 * notification to every active admin, in the transaction that records the failure.
 */
@Injectable()
export class AttackAlertService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersDirectory,
  ) {}

  async accountUnderAttack(
    em: EntityManager,
    target: { userId: string; email: string; address: string; failures: number },
  ): Promise<void> {
    const { windowSeconds } = this.config.login;
    const data = {
      userId: target.userId,
      email: target.email,
      lastAddress: target.address,
      failures: target.failures,
      windowSeconds,
    };
    await this.audit.append(em, {
      actor: SYSTEM_ACTOR,
      action: AuthAction.AccountAttackSuspected,
      entityType: 'user',
      entityId: target.userId,
      data,
    });
    const admins = await this.users.activeAdminIds(em);
    await this.notifications.notify(em, admins, ACCOUNT_ATTACK_NOTIFICATION, data);
  }
}
