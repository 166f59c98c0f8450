import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ChangeListener, markRequest } from '../database/change-listener';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { hasAnyRole, Principal } from './principal';
import { forbidden, ProblemException, unauthorized } from './problem';
import { Role } from './roles';

/**
 * The global guard: deny by default. A route passes only if it is @Public(), or
 * the caller is authenticated (bearer JWT, X-API-Key or the web app's session
 * cookie) and holds one of the roles the route declares. A route that declares
 * nothing is refused. An address whose authentications failed more than
 * RATE_LIMIT_PER_MINUTE times in the minute gets 429 before any look-up.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard(['jwt', 'api-key', 'cookie-session']) {
  private readonly failures: AuthFailureLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly changes: ChangeListener,
  ) {
    super();
    this.failures = new AuthFailureLimiter(config.rateLimitPerMinute);
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Before any cache is read for this request: what changed before it arrived is seen.
    markRequest(ctx.switchToHttp().getRequest<object>(), this.changes.mark());
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) throw forbidden('This route declares no roles and is closed');
    const req = ctx.switchToHttp().getRequest<{ user?: Principal; ip?: string }>();
    const address = req.ip ?? 'unknown';
    const wait = this.failures.retryAfter(address);
    if (wait > 0)
      throw new ProblemException(
        429,
        'too-many-failed-authentications',
        `Too many failed authentications from this address; try again in ${wait} s`,
        { headers: { 'Retry-After': String(wait) } },
      );
    try {
      await super.canActivate(ctx);
      if (!req.user) throw unauthorized();
    } catch (err) {
      if (err instanceof ProblemException && err.getStatus() === 401)
        this.failures.recordFailure(address);
      throw err;
    }
    if (!hasAnyRole(req.user, roles)) throw forbidden();
    return true;
  }

  override handleRequest<T = Principal>(err: unknown, user: T | false): T {
    if (err) throw err as Error; // e.g. the database is down: not the caller's fault, so not a 401
    if (!user) throw unauthorized('A valid bearer token, API key or session cookie is required');
    return user;
  }
}
