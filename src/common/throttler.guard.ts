import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Principal } from './principal';

/** RATE_LIMIT_PER_MINUTE counted per API key, else per user, else per client address. */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  /** RATE_LIMIT_PER_MINUTE=0: no limit, and no look-ups of the route's throttler settings either. */
  override canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.config.rateLimitPerMinute === 0) return Promise.resolve(true);
    return super.canActivate(ctx);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const p = req.user as Principal | undefined;
    if (p?.apiKeyId) return `key:${p.apiKeyId}`;
    if (p) return `user:${p.userId}`;
    return `ip:${String(req.ip)}`;
  }

  /** One budget per caller across all routes (the default key adds the route, giving a budget per route). */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}
