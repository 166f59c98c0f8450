import express, {
  ErrorRequestHandler,
  NextFunction,
  Request,
  RequestHandler,
  Response,
} from 'express';
import { FieldError, titleFor } from './problem';
import { problemType, sendProblem } from './problem.filter';

const KiB = 1024;
const MiB = 1024 * KiB;
/** The contract's ceiling: no body above 10 MiB, whatever the route. */
export const MAX_BODY_BYTES = 10 * MiB;

/**
 * Body size per route, first match wins (paths are matched case-insensitively, as
 * Express routes them). Sign-in and the other auth routes take a few hundred bytes;
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

const tooLarge = (res: Response, limit: number) =>
  sendProblem(res, {
    type: problemType('body-too-large'),
    title: titleFor(413),
    status: 413,
    detail:
      limit === MAX_BODY_BYTES
        ? 'The request body is larger than 10 MiB'
        : `The request body is larger than ${sizeText(limit)}, the most this route takes`,
  });

/**
 * JSON bodies within the route's limit (413 past it, by Content-Length before reading
 * or while reading), malformed JSON 400, shapes no DTO takes 400 — all as problem+json
 * and all before any transformation or validation sees the body.
 */
export function bodyLimits(): (RequestHandler | ErrorRequestHandler)[] {
  const parsers = new Map(
    ROUTE_BODY_LIMITS.map(({ bytes }) => [
      bytes,
      express.json({ limit: bytes, type: ['application/json', 'application/*+json'] }),
    ]),
  );
  const limitOf = (req: Request) => ROUTE_BODY_LIMITS.find((r) => r.path.test(req.path))!.bytes;
  return [
    (req: Request, res: Response, next: NextFunction) => {
      const limit = limitOf(req);
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > limit) {
        res.setHeader('Connection', 'close');
        return tooLarge(res, limit);
      }
      parsers.get(limit)!(req, res, next);
    },
    (req: Request, res: Response, next: NextFunction) => {
      const error = req.body === undefined ? null : jsonShapeError(req.body);
      if (!error) return next();
      sendProblem(res, {
        type: problemType('validation'),
        title: titleFor(400),
        status: 400,
        detail: 'The request is not valid',
        errors: [error],
      });
    },
    (err: { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
      if (!err) return next();
      if (err.type === 'entity.too.large' || err.status === 413) return tooLarge(res, limitOf(req));
      const status = (err.status ?? 400) < 500 ? (err.status ?? 400) : 400;
      sendProblem(res, {
        type: problemType('malformed-body'),
        title: titleFor(status),
        status,
        detail:
          err.type === 'entity.parse.failed'
            ? 'The request body is not valid JSON'
            : 'The request body could not be read',
      });
    },
  ];
}
