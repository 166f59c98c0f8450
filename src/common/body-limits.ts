import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FieldError, RawProblem, titleFor } from './problem';
import { problemType } from './problem.filter';

const KiB = 1024;
const MiB = 1024 * KiB;
/** The contract's ceiling: no body above 10 MiB, whatever the route. */
export const MAX_BODY_BYTES = 10 * MiB;

/**
 * Body size per route, first match wins (paths are matched case-insensitively, as
 * the router matches them, src/app.ts). Sign-in and the other auth routes take a few hundred bytes;
 * revision bodies (up to a million characters, escaped) need the contract's 10 MiB;
 * every other DTO fits well within 1 MiB (the largest, a training requirement's
 * 10,000 user ids, is ~400 KB).
 */
export const ROUTE_BODY_LIMITS: { path: RegExp; bytes: number }[] = [
  { path: /^\/api\/v1\/auth(\/|$)/i, bytes: 16 * KiB },
  { path: /^\/api\/v1\/(documents|revisions)(\/|$)/i, bytes: MAX_BODY_BYTES },
  { path: /^/, bytes: 1 * MiB },
];

/** Deeper JSON overflows the stack in class-transformer (a 500); no DTO nests anywhere near this. */
export const MAX_JSON_DEPTH = 32;
/** class-validator's ArrayUnique is quadratic: a million-element array would block the event loop for minutes. */
export const MAX_JSON_ARRAY = 10_000;
/**
 * class-transformer de-duplicates an object's keys in quadratic time: 100,000 keys took
 * 11 s of blocked event loop. No DTO has more than a few dozen fields.
 */
export const MAX_JSON_KEYS_PER_OBJECT = 256;
/** Keys over the whole body, so that many objects just under the per-object bound stay cheap too. */
export const MAX_JSON_KEYS_TOTAL = 10_000;

/** NUL (PostgreSQL cannot store it) and unpaired UTF-16 surrogates (not Unicode; validator's isEmail throws on them). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (s: string) => s.includes('\0') || LONE_SURROGATE.test(s);

const sizeText = (bytes: number) =>
  bytes >= MiB ? `${bytes / MiB} MiB` : bytes >= KiB ? `${bytes / KiB} KiB` : `${bytes} bytes`;

/**
 * Finds what no DTO should ever see: nesting past MAX_JSON_DEPTH, arrays past
 * MAX_JSON_ARRAY, objects with too many keys, strings (values or keys) with NUL or
 * unpaired surrogates. Iterative, so the check itself cannot overflow the stack; it
 * counts an object's keys before it looks at them, and names one field only, so the
 * answer stays small however large the body.
 */
export function jsonShapeError(body: unknown): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  const at = (path: string) => path || '(body)';
  let keys = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      if (unstorable(value))
        return {
          field: at(path),
          message: 'contains characters that are not allowed (NUL or unpaired surrogates)',
        };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH)
      return { field: at(path), message: `is nested more than ${MAX_JSON_DEPTH} levels deep` };
    if (Array.isArray(value)) {
      if (value.length > MAX_JSON_ARRAY)
        return { field: at(path), message: `has more than ${MAX_JSON_ARRAY} elements` };
      value.forEach((v, i) =>
        stack.push({ value: v, path: path ? `${path}.${i}` : String(i), depth: depth + 1 }),
      );
      continue;
    }
    const own = Object.keys(value);
    if (own.length > MAX_JSON_KEYS_PER_OBJECT)
      return { field: at(path), message: `has more than ${MAX_JSON_KEYS_PER_OBJECT} keys` };
    keys += own.length;
    if (keys > MAX_JSON_KEYS_TOTAL)
      return {
        field: '(body)',
        message: `has more than ${MAX_JSON_KEYS_TOTAL} keys in all its objects`,
      };
    for (const k of own) {
      if (unstorable(k))
        return { field: at(path), message: 'has a key with characters that are not allowed' };
      stack.push({
        value: (value as Record<string, unknown>)[k],
        path: path ? `${path}.${k}` : k,
        depth: depth + 1,
      });
    }
  }
  return null;
}

const tooLarge = (limit: number, headers?: Record<string, string>) =>
  new RawProblem(
    {
      type: problemType('body-too-large'),
      title: titleFor(413),
      status: 413,
      detail:
        limit === MAX_BODY_BYTES
          ? 'The request body is larger than 10 MiB'
          : `The request body is larger than ${sizeText(limit)}, the most this route takes`,
    },
    headers,
  );

const unreadable = (status: number, detail: string) =>
  new RawProblem({ type: problemType('malformed-body'), title: titleFor(status), status, detail });
const NOT_JSON = 'The request body is not valid JSON';
const NOT_READ = 'The request body could not be read';

/** `application/json` and `application/*+json`, whatever the case and parameters. */
const JSON_TYPE = /^\s*application\/([!#$%&'*.^`|~\w-]+\+)?json\s*(;|$)/i;

const limitOf = (url: string) => {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return ROUTE_BODY_LIMITS.find((r) => r.path.test(path))!.bytes;
};

/** The body decoded (Content-Encoding) and read up to `limit` bytes; 413 past it. */
async function readBody(
  request: FastifyRequest,
  payload: Readable,
  limit: number,
): Promise<string> {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
  const inflate =
    encoding === 'identity'
      ? null
      : encoding === 'gzip' || encoding === 'x-gzip'
        ? createGunzip()
        : encoding === 'deflate'
          ? createInflate()
          : encoding === 'br'
            ? createBrotliDecompress()
            : undefined;
  if (inflate === undefined) throw unreadable(415, NOT_READ);
  const charset = /;\s*charset\s*=\s*"?([\w-]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
  let decoder: TextDecoder;
  try {
    if (charset && !charset.toLowerCase().startsWith('utf-')) throw new Error(charset);
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    throw unreadable(415, NOT_READ);
  }
  const source = inflate ? payload.pipe(inflate) : payload;
  if (inflate) payload.once('error', (err) => inflate.destroy(err));
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limit) {
        payload.pause();
        throw tooLarge(limit);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof RawProblem) throw err;
    throw unreadable(400, NOT_READ);
  }
  const length = request.headers['content-length'];
  if (!inflate && length !== undefined && Number(length) !== received)
    throw unreadable(400, NOT_READ);
  return decoder.decode(Buffer.concat(chunks, received));
}

/** The whitespace JSON allows (RFC 8259). */
const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);

/** JSON as Express's body parser took it: empty is `{}`, only an object or an array at the top. */
function parseJson(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.length === 0) return {};
  let i = 0;
  while (JSON_SPACE.has(json[i])) i++;
  if (json[i] !== '{' && json[i] !== '[') throw unreadable(400, NOT_JSON);
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw unreadable(400, NOT_JSON);
  }
}

/**
 * JSON bodies within the route's limit (413 past it, by Content-Length before reading
 * or while reading), malformed JSON 400, shapes no DTO takes 400 — all as problem+json
 * and all before any transformation or validation sees the body. Any other Content-Type
 * (or none) leaves the body undefined, so the route's validation answers (not a 415).
 */
export function bodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const length = request.headers['content-length'];
    if (length === undefined) return done();
    const limit = limitOf(request.url);
    done(Number(length) > limit ? tooLarge(limit, { Connection: 'close' }) : undefined);
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_TYPE, (request, payload, done) => {
    readBody(request, payload as Readable, limitOf(request.url))
      .then((text) => {
        const body = parseJson(text);
        const error = jsonShapeError(body);
        if (!error) return done(null, body);
        done(
          new RawProblem({
            type: problemType('validation'),
            title: titleFor(400),
            status: 400,
            detail: 'The request is not valid',
            errors: [error],
          }),
        );
      })
      .catch((err: Error) => done(err));
  });
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
