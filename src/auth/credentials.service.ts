import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, Principal } from '../common/principal';
import { badRequest, forbidden, notFound } from '../common/problem';
import { UsersDirectory } from '../users/users-directory.service';
import { ApiKeysService } from './api-keys.service';
import { AuthAction } from './auth-actions';
import { PasswordService } from './password.service';
import { ReauthService } from './reauth.service';
import { SessionsService } from './sessions.service';

/**
 * Revocation. Access tokens and sessions carry the user's token generation; bumping it
 * ends all of them at once. A password change and "sign out everywhere" bump it but
 * leave API keys alone (integrations must not break silently; a key is revoked on its
 * own, DELETE /api-keys/:id). Deactivation bumps it and revokes the keys too, so
 * re-activating a user revives none of their old credentials.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly reauth: ReauthService,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly users: UsersDirectory,
  ) {}

  async changePassword(
    p: Principal,
    currentPassword: string,
    newPassword: string,
    address: string,
  ): Promise<void> {
    await this.reauth.confirm(p, currentPassword, address, { allowTemporaryPassword: true });
    if (newPassword === currentPassword)
      throw badRequest('validation', 'The new password must differ from the current one', [
        { field: 'newPassword', message: 'must differ from currentPassword' },
      ]);
    const hash = await this.passwords.hash(newPassword);
    await this.ds.transaction(async (em) => {
      await this.users.setPassword(em, p.userId, hash, false);
      const sessionsEnded = await this.revokeTokens(em, p.userId);
      await this.audit.append(em, {
        actor: p.actor,
        action: AuthAction.PasswordChanged,
        entityType: 'user',
        entityId: p.userId,
        data: { sessionsEnded },
      });
    });
  }

  async signOutEverywhere(p: Principal): Promise<void> {
    await this.ds.transaction(async (em) => {
      const sessionsEnded = await this.revokeTokens(em, p.userId);
      await this.audit.append(em, {
        actor: p.actor,
        action: AuthAction.SignedOutEverywhere,
        entityType: 'user',
        entityId: p.userId,
        data: { sessionsEnded },
      });
    });
  }

  /**
   * An admin sets someone else's password (they forgot theirs). Their sessions and access
   * tokens end, as on their own password change; their API keys keep working, likewise.
   * Not for the admin's own password: that goes through POST /auth/password, which asks
   * for the current one, so a borrowed session cannot take the account over.
   * The admin re-enters their own password, and the new one is temporary: the admin
   * knows it, so the user cannot sign with it until they change it.
   */
  async resetPassword(
    p: Principal,
    userId: string,
    newPassword: string,
    adminPassword: string,
    address: string,
  ): Promise<void> {
    if (p.userId === userId)
      throw forbidden(
        'Change your own password with POST /auth/password (it asks for the current one)',
      );
    await this.reauth.confirm(p, adminPassword, address);
    const hash = await this.passwords.hash(newPassword);
    await this.ds.transaction(async (em) => {
      if (!(await this.users.setPassword(em, userId, hash, true))) throw notFound('User');
      const sessionsEnded = await this.revokeTokens(em, userId);
      await this.audit.append(em, {
        actor: p.actor,
        action: AuthAction.PasswordReset,
        entityType: 'user',
        entityId: userId,
        data: { sessionsEnded },
      });
    });
  }

  /** Inside the deactivation's transaction (UsersService). */
  async onDeactivated(em: EntityManager, actor: Actor, userId: string): Promise<void> {
    await this.revokeTokens(em, userId);
    await this.apiKeys.revokeAllOf(em, actor, userId, 'user_deactivated');
  }

  private async revokeTokens(em: EntityManager, userId: string): Promise<number> {
    await this.users.bumpTokenGeneration(em, userId);
    return this.sessions.endAllOf(em, userId);
  }
}
