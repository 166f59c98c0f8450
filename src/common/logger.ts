import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { pinoHttp } from 'pino-http';

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
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** One access log line per request (info; error for 5xx), and the request id on every response. */
export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    // No headers in the access log: nothing secret to redact (redaction ran on every
    // request's child logger, logged or not), and the line stays short.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http makes up an Error ("failed with status code 503") for every 5xx: its stack
      // says nothing, and a database outage would write one per request. A real 500's stack
      // is in the error filter's own line.
      err: (err: Error) => ({ type: err.name, message: err.message }),
    },
    // 503: the database is away (the workers log that once), not a bug of ours.
    customLogLevel: (_req, res, err) =>
      res.statusCode === 503 ? 'warn' : err || res.statusCode >= 500 ? 'error' : 'info',
  });
}
