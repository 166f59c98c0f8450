import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pino, { DestinationStream, Level, Logger } from 'pino';

/** JSON logs on stdout (or `destination`: tests read them) at the configured level. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino({ level }, destination) : pino({ level });
}

/**
 * Nest's own log calls (`new Logger('Context').error({ err }, 'message')`) written to pino:
 * Nest appends the context as the last argument; an object first is pino's merging object.
 * No per-request context (no AsyncLocalStorage, whose promise hooks cost every request about
 * 5 % of its CPU on Node 20): lines about a request carry its id themselves, and the access
 * log line has it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let rest = params;
    // A Logger made with a context appends it; one without appends nothing.
    if (typeof params[params.length - 1] === 'string') {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    const text: string[] = [];
    const extra: unknown[] = [];
    for (const p of rest) {
      if (typeof p === 'string') text.push(p);
      else if (p instanceof Error && fields.err === undefined) fields.err = p;
      else if (p !== undefined) extra.push(p);
    }
    if (extra.length > 0) fields.extra = extra;
    if (message instanceof Error) {
      fields.err = message;
      if (text.length === 0) text.push(message.message);
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else if (level === 'error' && text.length === 1 && text[0].includes('\n    at ')) {
      // Nest's own exception handlers call error(message, stack, context).
      fields.err = { message: String(message), stack: text[0] };
      text[0] = String(message);
    } else {
      text.unshift(String(message));
    }
    this.logger[level](fields, text.join(' '));
  }
}

/** The request id: a sane X-Request-Id from the caller (a load balancer's), else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * One access log line per request (info; warn for 503; error for other 5xx), and the
 * request id (Fastify's `genReqId`, `requestId` above) on every response. The line is the
 * one pino-http wrote: `req` (id, method, url, remoteAddress), `res` (statusCode),
 * `responseTime` (ms) and, for a 5xx, `err` naming the status; no headers (nothing
 * secret to redact, and the line stays short).
 */
export function accessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  const req = (request: FastifyRequest) => ({
    id: request.id,
    method: request.method,
    url: request.originalUrl,
    remoteAddress: request.raw.socket?.remoteAddress,
  });
  const line = (request: FastifyRequest, status: number, ms: number) => {
    const level: Level = status === 503 ? 'warn' : status >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = { req: req(request), res: { statusCode: status } };
    // A 5xx's stack is in the error filter's own line; a database outage would otherwise
    // write one per request.
    if (status >= 500) fields.err = { type: 'Error', message: `failed with status code ${status}` };
    fields.responseTime = Math.round(ms);
    logger[level](fields, status >= 500 ? 'request errored' : 'request completed');
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    line(request, reply.statusCode, reply.elapsedTime);
    done();
  });
  // The client went away before the answer was complete.
  fastify.addHook('onRequestAbort', (request, done) => {
    if (logger.isLevelEnabled('info')) logger.info({ req: req(request) }, 'request aborted');
    done();
  });
}
