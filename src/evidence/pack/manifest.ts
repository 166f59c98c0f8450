import { PackedFile, PackWriter } from './pack-writer';

/** Domain separation: a manifest signature can never pass for a checkpoint's, or the reverse. */
export const MANIFEST_TYPE = 'praxis.evidence-pack.manifest';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const SUMS = 'SHA256SUMS';
export const EVENTS = 'audit-events.jsonl';
export const CHAIN_HEAD = 'chain-head.json';
/** The files the manifest cannot list: itself, its signature, and the sums derived from it. */
export const META_FILES: readonly string[] = [MANIFEST, SIGNATURE, SUMS];

export interface PackManifest {
  type: typeof MANIFEST_TYPE;
  version: 1;
  packId: string;
  exportedAt: string;
  exportedBy: { id: string; name: string };
  document: { id: string; number: string; title: string };
  window: { from: string | null; to: string | null };
  signature: { algorithm: 'Ed25519'; keyId: string };
  files: PackedFile[];
}

/** The bytes manifest.json holds, and the Ed25519 signature (manifest.sig) is over. */
export const manifestText = (m: PackManifest): string => JSON.stringify(m, null, 2) + '\n';

/** `sha256sum -c` input: one line per file, two spaces between digest and path. */
export const sumsText = (files: readonly PackedFile[]): string =>
  files.map((f) => `${f.sha256}  ${f.path}\n`).join('');

/**
 * Closes a pack: manifest.json (every file's SHA-256 and size), manifest.sig (the raw
 * 64-byte Ed25519 signature of manifest.json's bytes, as `openssl pkeyutl -verify
 * -rawin -sigfile` takes it) and SHA256SUMS. `sign` returns base64.
 */
export function addManifest(
  writer: PackWriter,
  base: Omit<PackManifest, 'files' | 'type' | 'version'>,
  sign: (message: string) => string,
): void {
  let text = '';
  let files: readonly PackedFile[] = [];
  writer.addFinal(MANIFEST, (done) => {
    files = done;
    text = manifestText({ type: MANIFEST_TYPE, version: 1, ...base, files: [...done] });
    return text;
  });
  writer.addFinal(SIGNATURE, () => Buffer.from(sign(text), 'base64'));
  writer.addFinal(SUMS, () => sumsText(files));
}
