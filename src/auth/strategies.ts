import { BadRequestException, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { createHash, createSecretKey } from 'node:crypto';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { Strategy as PassportStrategyBase } from 'passport-strategy';
import { Principal } from '../common/principal';
import { badRequest, ProblemException } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UserResponse } from '../users/dto/user.dto';
import { ApiKeysService } from './api-keys.service';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/auth.dto';
import { PRINCIPAL_TTL_MS, PrincipalCache } from './principal-cache';
import { readSessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';
import { VerifiedTokens } from './verified-tokens';

/** POST /auth/login: e-mail and password in the body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: FastifyRequest, _email: string, _password: string): Promise<UserResponse> {
    const body = req.body as LoginDto; // normalised by LoginGuard
    return this.auth.validateLogin(body.email, body.password, req.ip ?? 'unknown');
  }
}

/** Validates the login body (400 with errors[]) before passport sees it. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const raw: unknown = req.body;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw badRequest('validation', 'The body must be a JSON object with email and password');
    }
    const dto = plainToInstance(LoginDto, raw);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      throw badRequest(
        'validation',
        'The request is not valid',
        errors.flatMap((e) =>
          Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })),
        ),
      );
    }
    req.body = dto;
    return (await super.canActivate(ctx)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err as Error;
    if (!user) throw new BadRequestException('email and password are required');
    return user;
  }
}

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();
/** The request as passport-jwt's typings name it (Express's); on Fastify it is the FastifyRequest. */
type JwtRequest = Parameters<JwtStrategyBase['authenticate']>[0];

/**
 * Authorization: Bearer <token>. The user must still be active. passport-jwt checks a
 * token's signature the first time this instance sees it; after that the token is
 * found in `tokens` by its string and only its time is checked (VerifiedTokens). The
 * principal comes from the principal cache either way.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  private readonly tokens = new VerifiedTokens();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
    private readonly cache: PrincipalCache,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // A key object made once: given a string, jsonwebtoken first tries to parse it as
      // a PEM public key on every request (throwing and catching), ~0.5 ms of CPU each.
      // The typings only know string | Buffer; jsonwebtoken takes a KeyObject as such.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** A token verified before skips passport-jwt; any other goes through it (and validate). */
  override authenticate(req: JwtRequest, options?: object): void {
    const token = bearerToken(req);
    const claims = token ? this.tokens.get(token) : undefined;
    if (!claims) return super.authenticate(req, options);
    this.principalOf(claims).then(
      (p) => (p ? this.success(p) : this.fail(401)),
      (err: Error) => this.error(err),
    );
  }

  /** Called by passport-jwt with the payload of a token it has just verified. */
  async validate(req: JwtRequest, payload: Record<string, unknown>): Promise<Principal | false> {
    const token = bearerToken(req);
    if (token) this.tokens.remember(token, payload);
    return this.principalOf(payload);
  }

  private async principalOf(payload: { sub?: unknown; gen?: unknown }): Promise<Principal | false> {
    if (typeof payload.sub !== 'string') return false;
    // Tokens from before generations existed carry none: generation 0, the first one.
    const gen = payload.gen === undefined ? 0 : payload.gen;
    if (typeof gen !== 'number') return false;
    const userId = payload.sub;
    const principal = await this.cache.get(`jwt:${userId}:${gen}`, async () => {
      const p = await this.auth.principalFor(userId, null, gen);
      return p && { principal: p, ttlMs: PRINCIPAL_TTL_MS };
    });
    return principal ?? false;
  }
}

/** X-API-Key: <key>. Acts as the user who made it, while the key is not revoked and the user is active. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly cache: PrincipalCache,
  ) {
    super({ header: 'X-API-Key', prefix: '' }, false);
  }

  async validate(key: string): Promise<Principal | false> {
    if (key.length > 200) return false;
    // Keyed by the key's hash: the key itself is kept nowhere. The usage stamp is then
    // written when the entry is loaded, still about once a minute per key in use.
    const hash = createHash('sha256').update(key).digest('hex');
    const principal = await this.cache.get(`key:${hash}`, async () => {
      const p = await this.keys.authenticate(key);
      return p && { principal: p, ttlMs: PRINCIPAL_TTL_MS };
    });
    return principal ?? false;
  }
}

type Verify = (req: FastifyRequest, done: (err: unknown, user?: unknown) => void) => void;

/** A passport strategy that hands the whole request to its verify callback. */
class RequestStrategy extends PassportStrategyBase {
  constructor(private readonly verify: Verify) {
    super();
  }

  // passport's typings name Express's request; Nest hands strategies Fastify's.
  override authenticate(req: Parameters<PassportStrategyBase['authenticate']>[0]): void {
    this.verify(req as unknown as FastifyRequest, (err, user) => {
      if (err) return this.error(err as Error);
      if (!user) return this.fail(401);
      this.success(user);
    });
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The web app's session cookie (tried after bearer and API key). A request that may
 * change something must also send X-CSRF-Token equal to the CSRF cookie (and derived
 * from this session), else 403 before the route runs.
 */
@Injectable()
export class SessionStrategy extends PassportStrategy(RequestStrategy, 'cookie-session') {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  async validate(req: FastifyRequest): Promise<Principal | false> {
    const { session, csrf } = readSessionCookies(req);
    if (!session) return false;
    const principal = await this.sessions.authenticate(session);
    if (!principal) return false;
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      const ok =
        typeof header === 'string' && header === csrf && this.sessions.csrfMatches(session, header);
      if (!ok)
        throw new ProblemException(
          403,
          'csrf',
          'A request signed in with the session cookie must send X-CSRF-Token equal to the CSRF cookie',
        );
    }
    return principal;
  }
}
