import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../database/db-outage';
import { ProblemBody, ProblemException, RawProblem, titleFor } from './problem';

/** PostgreSQL error codes that mean the client's input, not our bug. */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  '23505': {
    status: 409,
    code: 'duplicate',
    detail: 'A record with the same unique value already exists',
  },
  '23503': { status: 400, code: 'invalid-reference', detail: 'A referenced record does not exist' },
  '22P02': { status: 400, code: 'invalid-value', detail: 'A value has the wrong format' },
  '22021': {
    status: 400,
    code: 'invalid-value',
    detail: 'A value contains characters that cannot be stored',
  },
  '22P05': {
    status: 400,
    code: 'invalid-value',
    detail: 'A value contains characters that cannot be stored',
  },
  '22001': { status: 400, code: 'invalid-value', detail: 'A value is too long' },
  '22003': { status: 400, code: 'invalid-value', detail: 'A number is out of range' },
  '22007': { status: 400, code: 'invalid-value', detail: 'A date or time has the wrong format' },
  '22008': { status: 400, code: 'invalid-value', detail: 'A date or time is out of range' },
  '23514': {
    status: 400,
    code: 'invalid-value',
    detail: 'A value breaks a rule of the data model',
  },
  '40001': {
    status: 409,
    code: 'concurrent-change',
    detail: 'A concurrent change got there first; try again',
  },
  '40P01': {
    status: 409,
    code: 'concurrent-change',
    detail: 'A concurrent change got there first; try again',
  },
};

/** Seconds a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function problemType(code: string): string {
  return `urn:praxis:problem:${code}`;
}

export function sendProblem(
  reply: FastifyReply,
  body: ProblemBody,
  headers: Record<string, string> = {},
): void {
  reply
    .headers(headers)
    .code(body.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(body));
}

/** The one place errors become application/problem+json (RFC 9457). Never leaks internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) {
      // a stream failed mid-way; the client must not take a partial body for a whole one
      reply.raw.destroy();
      return;
    }
    if (exception instanceof RawProblem)
      return sendProblem(reply, exception.problem, exception.headers);
    const { body, headers } = this.toProblem(exception, req);
    sendProblem(reply, { ...body, instance: req.originalUrl?.split('?')[0] }, headers);
  }

  private toProblem(
    exception: unknown,
    req: FastifyRequest,
  ): { body: ProblemBody; headers?: Record<string, string> } {
    if (exception instanceof ProblemException) {
      const { headers, ...extras } = exception.extras;
      const status = exception.getStatus();
      return {
        body: {
          type: problemType(exception.code),
          title: titleFor(status),
          status,
          detail: exception.message,
          ...extras,
        },
        headers,
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        body: {
          type: problemType('rate-limited'),
          title: titleFor(429),
          status: 429,
          detail: 'Too many requests; slow down',
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail =
        status === 404
          ? `Cannot ${req.method} ${req.originalUrl?.split('?')[0]}`
          : exception.message;
      return {
        body: {
          type: problemType(slug(titleFor(status))),
          title: titleFor(status),
          status,
          detail,
        },
      };
    }
    if (isDatabaseUnavailable(exception)) {
      // Not a bug and not the client's fault: no stack trace per request (the access log
      // has the 503s, the background workers log the outage once).
      return {
        body: {
          type: problemType('database-unavailable'),
          title: titleFor(503),
          status: 503,
          detail: 'The database is unavailable; try again shortly',
        },
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      const known = PG_CLIENT_ERRORS[code];
      if (known) {
        return {
          body: {
            type: problemType(known.code),
            title: titleFor(known.status),
            status: known.status,
            detail: known.detail,
          },
        };
      }
    }
    const status = (exception as { statusCode?: unknown } | null)?.statusCode;
    const code = (exception as { code?: unknown } | null)?.code;
    if (
      exception instanceof Error &&
      typeof code === 'string' &&
      code.startsWith('FST_') &&
      typeof status === 'number' &&
      status >= 400 &&
      status < 500
    ) {
      // Fastify refused the request before any route ran (a malformed URL, a bad Content-Length).
      return {
        body: {
          type: problemType(slug(titleFor(status))),
          title: titleFor(status),
          status,
          detail: exception.message,
        },
      };
    }
    const correlationId = req.id ?? 'unknown';
    this.log.error({ err: exception, correlationId }, 'unhandled error');
    return {
      body: {
        type: problemType('internal'),
        title: titleFor(500),
        status: 500,
        detail: `An unexpected error occurred; quote correlation id ${correlationId}`,
        correlationId,
      },
    };
  }
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
