import { LRUCache } from 'lru-cache';

/** The claims of a bearer token the guard reads, once its signature has been checked. */
export interface TokenClaims {
  sub: unknown;
  gen: unknown;
  /** Seconds since the epoch, as in the token. */
  exp: number;
  nbf?: number;
}

/**
 * Bearer tokens whose signature this instance has checked, by the whole token string,
 * so that a token used again costs no signature check (its claims cannot change without
 * changing the string). Time is checked on every use, as jsonwebtoken does: refused from
 * `exp` on, and before `nbf`. Only tokens with a numeric `exp` are kept. Who the token
 * stands for is not kept here: that still comes from the principal cache, which
 * revocations reach at once.
 */
export class VerifiedTokens {
  private readonly entries: LRUCache<string, TokenClaims>;

  constructor(
    max = 10_000,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.entries = new LRUCache({ max });
  }

  /** The token's claims while it is valid now; undefined when it was never checked here or is out of its time. */
  get(token: string): TokenClaims | undefined {
    const claims = this.entries.get(token);
    if (!claims) return undefined;
    const now = this.nowSeconds();
    if (now >= claims.exp) {
      this.entries.delete(token);
      return undefined;
    }
    if (claims.nbf !== undefined && claims.nbf > now) return undefined;
    return claims;
  }

  /** Records a token whose signature, algorithm and time were just checked. */
  remember(token: string, payload: Record<string, unknown>): void {
    const { sub, gen, exp, nbf } = payload;
    if (typeof exp !== 'number') return;
    if (nbf !== undefined && typeof nbf !== 'number') return;
    this.entries.set(token, { sub, gen, exp, ...(nbf === undefined ? {} : { nbf }) });
  }

  get size(): number {
    return this.entries.size;
  }
}
