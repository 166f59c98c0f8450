import { createPrivateKey, KeyObject } from 'node:crypto';

/**
 * Reads the instance's Ed25519 private key: PKCS#8 PEM, or the base64 of its DER
 * (handy in one-line environment variables). Throws a message that never quotes the key.
 */
export function parseSigningKey(value: string): KeyObject {
  let key: KeyObject;
  try {
    const text = value.trim();
    key = text.startsWith('-----BEGIN')
      ? createPrivateKey({ key: text.replace(/\\n/g, '\n'), format: 'pem' })
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('must be an Ed25519 private key: PKCS#8 PEM or base64 of PKCS#8 DER');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`must be an Ed25519 private key (got ${key.asymmetricKeyType ?? 'unknown'})`);
  }
  return key;
}

/** The key as PKCS#8 PEM, the form AppConfig carries and the embedded mode stores. */
export const toPkcs8Pem = (key: KeyObject): string =>
  key.export({ format: 'pem', type: 'pkcs8' }).toString();
