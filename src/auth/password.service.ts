import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with OWASP's minimum profile (19 MiB, t=2, p=1): strong, and quick enough per sign-in. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash never signs anyone in
    }
  }

  /** Spends the same time as a real check, so an unknown e-mail is not told apart by timing. */
  async verifyDummy(password: string): Promise<void> {
    this.dummy ??= this.hash('praxis-timing-equaliser');
    await this.verify(await this.dummy, password);
  }
}
