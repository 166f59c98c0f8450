import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Principal } from './principal';

/** RATE_LIMIT_PER_MINUTE counted per API key, else per user, else per client address. */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
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
