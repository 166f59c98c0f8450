import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SIGNING_ALGORITHM, SigningService } from './signing.service';

export interface SigningKeyInfo {
  keyId: string;
  algorithm: typeof SIGNING_ALGORITHM;
  publicKeyPem: string;
  /** When this instance (or one sharing its database) first ran with the key. */
  firstUsedAt: string;
  /** Whether it is the key this instance signs with now. */
  current: boolean;
}

/**
 * Every public key the instance has signed with (table signing_keys, append-only),
 * so evidence packs and checkpoints signed before a key rotation still verify offline.
 * The current key is registered at start, before anything is signed with it.
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly signing: SigningService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
  }

  async register(): Promise<void> {
    await this.ds.query(
      `INSERT INTO signing_keys (key_id, algorithm, public_key_pem) VALUES ($1, $2, $3)
       ON CONFLICT (key_id) DO NOTHING`,
      [this.signing.keyId, this.signing.info.algorithm, this.signing.info.publicKeyPem],
    );
  }

  /** Oldest first. */
  async list(): Promise<SigningKeyInfo[]> {
    const rows = await this.ds.query<
      { key_id: string; public_key_pem: string; first_used_at: Date }[]
    >(
      `SELECT key_id, public_key_pem, first_used_at FROM signing_keys ORDER BY first_used_at, key_id`,
    );
    return rows.map((r) => ({
      keyId: r.key_id,
      algorithm: SIGNING_ALGORITHM,
      publicKeyPem: r.public_key_pem,
      firstUsedAt: r.first_used_at.toISOString(),
      current: r.key_id === this.signing.keyId,
    }));
  }
}
