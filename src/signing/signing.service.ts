import { Inject, Injectable } from '@nestjs/common';
import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { parseSigningKey } from '../config/signing-key';

export const SIGNING_ALGORITHM = 'Ed25519';

export interface PublicKeyInfo {
  algorithm: typeof SIGNING_ALGORITHM;
  /** SPKI PEM: what `openssl pkeyutl -verify -pubin -inkey` and node:crypto take. */
  publicKeyPem: string;
  /** SHA-256 hex of the public key's SPKI DER, so a signature names the key that made it. */
  keyId: string;
}

/**
 * The instance's Ed25519 key (INSTANCE_SIGNING_KEY, or generated under DATA_DIR in
 * embedded mode). Anything that must be checkable outside the database — audit
 * checkpoints, evidence manifests — is signed here; the public key is published at
 * GET /instance/public-key.
 */
@Injectable()
export class SigningService {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly info: PublicKeyInfo;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.privateKey = parseSigningKey(config.signingKey);
    this.publicKey = createPublicKey(this.privateKey);
    const der = this.publicKey.export({ format: 'der', type: 'spki' });
    this.info = {
      algorithm: SIGNING_ALGORITHM,
      publicKeyPem: this.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      keyId: createHash('sha256').update(der).digest('hex'),
    };
  }

  get keyId(): string {
    return this.info.keyId;
  }

  /** Base64 Ed25519 signature of the UTF-8 message. */
  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.privateKey).toString('base64');
  }

  /** Whether `signature` (base64) is this instance's signature of the message. */
  verify(message: string, signature: string): boolean {
    try {
      return verify(
        null,
        Buffer.from(message, 'utf8'),
        this.publicKey,
        Buffer.from(signature, 'base64'),
      );
    } catch {
      return false;
    }
  }
}
