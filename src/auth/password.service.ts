import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { Gate } from '../common/gate';

/** argon2id with OWASP's minimum profile (19 MiB, t=2, p=1): strong, and quick enough per sign-in. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  private dummy: Promise<string> | null = null;
  /**
   * Each argon2 call takes its 19 MiB outside the V8 heap on a libuv thread (4 by default),
   * so a burst of sign-ins or signatures would hold 4 × 19 MiB; as many at once as there
   * are cores are as fast, and leave the other threads to file and DNS work.
   */
  private readonly gate = new Gate(Math.max(1, Math.min(4, availableParallelism())));

  hash(password: string): Promise<string> {
    return this.gate.run(() => argon2.hash(password, OPTIONS));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.gate.run(() => argon2.verify(hash, password));
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
