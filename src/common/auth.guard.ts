import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { hasAnyRole, Principal } from './principal';
import { forbidden, unauthorized } from './problem';
import { Role } from './roles';

/**
 * The global guard: deny by default. A route passes only if it is @Public(), or
 * the caller is authenticated (bearer JWT or X-API-Key) and holds one of the
 * roles the route declares. A route that declares nothing is refused.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard(['jwt', 'api-key']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) throw forbidden('This route declares no roles and is closed');
    await super.canActivate(ctx);
    const principal = ctx.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) throw unauthorized();
    if (!hasAnyRole(principal, roles)) throw forbidden();
    return true;
  }

  override handleRequest<T = Principal>(err: unknown, user: T | false): T {
    if (err) throw err as Error; // e.g. the database is down: not the caller's fault, so not a 401
    if (!user) throw unauthorized('A valid bearer token or API key is required');
    return user;
  }
}
