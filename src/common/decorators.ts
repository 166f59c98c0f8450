import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Role } from './roles';
import { Principal } from './principal';

export const IS_PUBLIC = 'praxis:public';
export const ROLES_KEY = 'praxis:roles';

/** No authentication at all (health, login, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Who may call this route. Every non-public route must say; the global guard
 * refuses a route that declares nothing (deny by default).
 */
export const Roles = (...roles: readonly Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'Not authenticated' }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}` }),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
