import { BadRequestException, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { createSecretKey } from 'node:crypto';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { Principal } from '../common/principal';
import { badRequest } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UserResponse } from '../users/dto/user.dto';
import { ApiKeysService } from './api-keys.service';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/auth.dto';

/** POST /auth/login: e-mail and password in the body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, _email: string, _password: string): Promise<UserResponse> {
    const body = req.body as LoginDto; // normalised by LoginGuard
    return this.auth.validateLogin(body.email, body.password, req.ip ?? 'unknown');
  }
}

/** Validates the login body (400 with errors[]) before passport sees it. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
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

/** Authorization: Bearer <token>. The user must still be active. */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given a string, jsonwebtoken first tries to parse it as
      // a PEM public key on every request (throwing and catching), ~0.5 ms of CPU each.
      // The typings only know string | Buffer; jsonwebtoken takes a KeyObject as such.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: { sub?: unknown }): Promise<Principal | false> {
    if (typeof payload.sub !== 'string') return false;
    return (await this.auth.principalFor(payload.sub)) ?? false;
  }
}

/** X-API-Key: <key>. Acts as the user who made it, while the key is not revoked and the user is active. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly keys: ApiKeysService) {
    super({ header: 'X-API-Key', prefix: '' }, false);
  }

  async validate(key: string): Promise<Principal | false> {
    return (await this.keys.authenticate(key)) ?? false;
  }
}
