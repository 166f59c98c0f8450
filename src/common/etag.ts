import type { FastifyInstance } from 'fastify';

/**
 * Whether an If-None-Match header names the strong ETag `"<tag>"` (weak comparison, as
 * RFC 9110 asks for If-None-Match: W/"x" matches "x"; `*` matches anything).
 */
export function etagMatches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((raw) => {
    const v = raw.trim();
    return v === '*' || v.replace(/^W\//, '') === `"${tag}"`;
  });
}

/**
 * A GET or HEAD whose answer carries the route's own ETag (GET /revisions/:id) gets 304
 * when If-None-Match names it, as Express answered (its `req.fresh`: not with a request
 * `Cache-Control: no-cache`). No ETag is made up for other answers.
 */
export function conditionalGet(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const ifNoneMatch = request.headers['if-none-match'];
    if (!ifNoneMatch || (request.method !== 'GET' && request.method !== 'HEAD'))
      return done(null, payload);
    const etag = reply.getHeader('etag');
    const status = reply.statusCode;
    if (
      typeof etag !== 'string' ||
      status < 200 ||
      status >= 300 ||
      /(?:^|,)\s*no-cache/i.test(request.headers['cache-control'] ?? '') ||
      !etagMatches(ifNoneMatch, etag.replace(/^W\//, '').replace(/^"|"$/g, ''))
    )
      return done(null, payload);
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    done(null, '');
  });
}
