import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UserResponse } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { ChangePasswordDto, LoginDto, LoginResponse, SessionResponse } from './dto/auth.dto';
import { clearSessionCookies, setSessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';
import { LoginGuard } from './strategies';

const THROTTLED =
  'Too many failures for this account from this address, or from this address; see Retry-After';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly credentials: CredentialsService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a bearer token' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Bad credentials (same answer for an unknown e-mail)' })
  @ApiTooManyRequestsResponse({ description: THROTTLED })
  login(@CurrentUser() user: unknown): Promise<LoginResponse> {
    return this.auth.issueToken(user as UserResponse);
  }

  @Post('session')
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in for a browser: sets the session and CSRF cookies',
    description:
      'Same checks, limits and audit events as POST /auth/login. Sets `praxis_session` ' +
      '(HttpOnly, SameSite=Strict, Path=/, Secure when PUBLIC_URL is https) and `praxis_csrf` ' +
      '(readable, SameSite=Strict, Path=/). The session cookie then authenticates every route; ' +
      'a POST, PUT, PATCH or DELETE with it must send `X-CSRF-Token` equal to the CSRF cookie ' +
      '(else 403). A session ends on sign-out, after SESSION_IDLE_MINUTES without a request, ' +
      'SESSION_MAX_HOURS after sign-in, and on a password change, deactivation or sign-out everywhere.',
  })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'Bad credentials (same answer for an unknown e-mail)' })
  @ApiTooManyRequestsResponse({ description: THROTTLED })
  async openSession(
    @CurrentUser() user: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SessionResponse> {
    const u = user as UserResponse;
    setSessionCookies(res, this.config, await this.sessions.open(u.id, req.ip ?? 'unknown'));
    return { user: u };
  }

  @Delete('session')
  @Roles(...ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out of this browser session: ends it and clears both cookies',
    description:
      'With the session cookie, needs `X-CSRF-Token`. With a bearer token or API key it only clears cookies.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  async closeSession(
    @CurrentUser() p: Principal,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<void> {
    await this.sessions.end(p);
    clearSessionCookies(res, this.config);
  }

  @Get('me')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() p: Principal): Promise<UserResponse> {
    return this.auth.me(p.userId);
  }

  @Post('password')
  @Roles(...ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your own password (re-authenticated with the current one)',
    description:
      'Ends every session and makes every access token of the caller stale (401), ' +
      'including the one used for this request: sign in again. API keys keep working ' +
      '(integrations are not broken silently; revoke a key with DELETE /api-keys/:id). ' +
      'Audited as auth.password_changed.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiBadRequestResponse({
    description: 'newPassword too short, too long or the same as the current one',
  })
  @ApiUnauthorizedResponse({ description: 'currentPassword is wrong (or not authenticated)' })
  @ApiForbiddenResponse({ description: 'Session cookie without X-CSRF-Token' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong current passwords; see Retry-After' })
  async changePassword(
    @CurrentUser() p: Principal,
    @Body() dto: ChangePasswordDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<void> {
    await this.credentials.changePassword(
      p,
      dto.currentPassword,
      dto.newPassword,
      req.ip ?? 'unknown',
    );
    if (p.sessionId) clearSessionCookies(res, this.config);
  }

  @Post('sign-out-everywhere')
  @Roles(...ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({
    summary: 'End every session and access token of the caller',
    description:
      'Bumps the caller’s token generation: every bearer token and session cookie issued ' +
      'so far gets 401, the one used for this request included. API keys keep working. ' +
      'Audited as auth.signed_out_everywhere.',
  })
  @ApiNoContentResponse({ description: 'Signed out everywhere' })
  async signOutEverywhere(
    @CurrentUser() p: Principal,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<void> {
    await this.credentials.signOutEverywhere(p);
    if (p.sessionId) clearSessionCookies(res, this.config);
  }
}
