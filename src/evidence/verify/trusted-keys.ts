import { createHash, createPublicKey, KeyObject } from 'node:crypto';

export interface TrustedKey {
  /** SHA-256 hex of the key's SPKI DER, computed here: a label in a file is not trusted. */
  keyId: string;
  key: KeyObject;
}

function fromPem(pem: string): TrustedKey {
  const key = createPublicKey({ key: pem, format: 'pem' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  const der = key.export({ format: 'der', type: 'spki' });
  return { keyId: createHash('sha256').update(der).digest('hex'), key };
}

/**
 * Public keys from a file: the JSON of GET /signing-keys (`{ items: [{ publicKeyPem }] }`)
 * or of GET /instance/public-key (`{ publicKeyPem }`), or a PEM public key.
 */
export function parseTrustedKeys(text: string): TrustedKey[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return [fromPem(trimmed)];
  const parsed = JSON.parse(trimmed) as {
    items?: { publicKeyPem: string }[];
    publicKeyPem?: string;
  };
  const pems =
    parsed.items?.map((k) => k.publicKeyPem) ?? (parsed.publicKeyPem ? [parsed.publicKeyPem] : []);
  if (pems.length === 0) throw new Error('no publicKeyPem in it');
  return pems.map(fromPem);
}
