/** VERIFY.md: how to check a pack by hand, with nothing but common tools. */
export function verifyInstructions(m: {
  number: string;
  keyId: string;
  publicUrl: string;
}): string {
  return `# Verifying this evidence pack

This pack about ${m.number} was exported by Praxis. Everything below works offline.

## 1. Every file is intact

    sha256sum -c SHA256SUMS

\`SHA256SUMS\` repeats what \`manifest.json\` lists under \`files\` (path, SHA-256, size).

## 2. The manifest was signed by the instance

\`manifest.sig\` is the raw Ed25519 signature of the exact bytes of \`manifest.json\`,
made with the key whose id is \`signature.keyId\` in the manifest:

    ${m.keyId}

Get that public key from a source you trust — ideally saved earlier, outside this pack:
\`GET ${m.publicUrl}/api/v1/signing-keys\` lists every key the instance has used (old keys
stay listed after a rotation). Save its \`publicKeyPem\` as \`key.pem\`; its key id is the
SHA-256 of its DER (\`openssl pkey -pubin -in key.pem -outform DER | sha256sum\`). Then:

    openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in manifest.json -sigfile manifest.sig

## 3. Every audit event is what the chain recorded

\`audit-events.jsonl\` holds the document's events (its revisions, signatures,
acknowledgements, proposals, controlled copies and exports), one per line, byte for byte as
\`GET /api/v1/audit-events/export\` writes them. Each event's \`hash\` is the SHA-256 hex of
\`prevHash + "\\n" + canonical JSON of the event without hash\` (keys sorted at every depth,
no spaces). For example:

    python3 - <<'PY'
    import hashlib, json
    for n, line in enumerate(open('audit-events.jsonl', encoding='utf-8'), 1):
        e = json.loads(line); h = e.pop('hash')
        body = json.dumps(e, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
        ok = hashlib.sha256((e['prevHash'] + '\\n' + body).encode()).hexdigest() == h
        print(n, e['seq'], 'ok' if ok else 'HASH MISMATCH')
    PY

The pack holds only this document's events, so their \`prevHash\` points at events of
other entities. To see that each one is in the chain, take a full export
(\`GET /api/v1/audit-events/export?format=jsonl\`), check the whole chain links (each
\`prevHash\` is the previous line's \`hash\`) and find each of this pack's lines in it.
\`chain-head.json\` has the head of the chain (\`seq\`, \`hash\`) when the pack was made and
the newest signed checkpoint; the export must have that hash at that seq.

## Or all of it at once

From a checkout of the Praxis repository, with the keys saved as \`signing-keys.json\`:

    npm run verify-pack -- pack.zip --keys signing-keys.json [--chain full-export.jsonl]
`;
}
