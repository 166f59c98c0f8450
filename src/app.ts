import { INestApplication, ValidationError } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DestinationStream } from 'pino';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { accessLog, createLogger, PinoNestLogger, requestId } from './common/logger';
import { bodyLimits, MAX_BODY_BYTES } from './common/body-limits';
import { conditionalGet } from './common/etag';
import { badRequest, FieldError, ProblemBody, titleFor } from './common/problem';
import { problemType, ProblemFilter, sendProblem } from './common/problem.filter';
import { AppValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/config';
import { MetricsService } from './health/metrics.service';
import { serveWebApp } from './web-app/serve-web-app';

export const API_PREFIX = 'api/v1';
/** A body with thousands of bad fields gets a short answer: the first few, and how many more. */
const MAX_REPORTED_ERRORS = 20;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Security headers on every answer: helmet's, worked out once. No upgrade-insecure-requests:
 * the API docs must load over plain http on localhost too. img-src allows https: because
 * procedures may show absolute https images (the Markdown renderer keeps them,
 * src/markdown/render-html.ts); the rest is helmet's default policy. None depends on the
 * request, so they are computed at start (@fastify/helmet rebuilt helmet's middleware,
 * parsing the policy, on every request).
 */
const SECURITY_HEADERS: Record<string, string> = (() => {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  helmet({
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: null, imgSrc: ["'self'", 'data:', 'https:'] },
    },
  })({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
})();

/**
 * Sets them among the reply's headers, which every answer of Fastify's carries (files,
 * streams and errors too; a route may override one, as the HTML route does the policy).
 * Not on the raw response: a header set there makes Node validate and copy every header
 * of the answer once more when it is written (2 % of the CPU of an HTML read).
 */
const securityHeaders = (reply: FastifyReply) => {
  reply.headers(SECURITY_HEADERS);
};

/** The 400 for a path that does not decode, naming the segment as Express did. */
function badPath(url: string): ProblemBody {
  const path = url.split('?')[0];
  const segment = path.split('/').find((s) => {
    try {
      decodeURIComponent(s);
      return false;
    } catch {
      return true;
    }
  });
  return {
    type: problemType('bad-request'),
    title: titleFor(400),
    status: 400,
    detail: `Failed to decode param '${segment ?? path}'`,
    instance: path,
  };
}

/** Node's own answers to a request its parser refuses (Fastify's default would be JSON). */
function nodeClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? 413
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
}

/** Builds the app: the module, body limits, security headers, validation, errors, OpenAPI. */
export async function createApp(
  config: AppConfig,
  opts: { poolSize?: number; logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    // Routes match as they did on Express: whatever the case, with or without a trailing slash.
    // Express put no bound on a path parameter's length (Node's header limit does).
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 16_384 },
    // A path Fastify cannot decode (`/revisions/%zz/html`) is routed nowhere: answered here,
    // as Express answered it (400 problem+json, with the security headers).
    frameworkErrors: (_err: Error, req: FastifyRequest, reply: FastifyReply) => {
      securityHeaders(reply);
      reply.header('X-Request-Id', req.id);
      sendProblem(reply, badPath(req.url));
    },
    // What Node's HTTP parser refuses is answered as Node answers it without Fastify.
    clientErrorHandler: nodeClientError,
    genReqId: requestId,
    // The per-route limits are src/common/body-limits.ts's; this is only the ceiling.
    bodyLimit: MAX_BODY_BYTES,
    // No Nest middleware (app.use): hooks only, so no middie on every request.
    skipMiddie: true,
    // The access log is src/common/logger.ts's hooks.
    logger: false,
    // In-flight requests are drained by src/common/http-drain.ts, which answers them.
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, opts),
    adapter,
    { bodyParser: false, bufferLogs: true },
  );
  const logger = createLogger(config.logLevel, opts.logDestination);
  app.useLogger(new PinoNestLogger(logger));
  // Nest holds buffered lines until listen(): a worker's log before it (or without it, in
  // tests) would wait in memory, and a start that fails before listen would lose them.
  app.flushLogs();
  const fastify = app.getHttpAdapter().getInstance();
  accessLog(fastify, logger);
  app.get(MetricsService).install(fastify);
  fastify.addHook('onRequest', (_request, reply, done) => {
    securityHeaders(reply);
    done();
  });
  conditionalGet(fastify);
  bodyLimits(fastify);
  await serveWebApp(app);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  // Also what fails before a route runs (the body checks, a malformed URL): Nest makes its
  // filters Fastify's error handler.
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(
    new AppValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: (errors) => {
        const all = flatten(errors);
        const more = all.length - MAX_REPORTED_ERRORS;
        return badRequest(
          'validation',
          more > 0
            ? `The request is not valid (${more} more errors not listed)`
            : 'The request is not valid',
          all.slice(0, MAX_REPORTED_ERRORS),
        );
      },
    }),
  );
  setupOpenApi(app);
  await app.init();
  await fastify.ready();
  return app;
}

function setupOpenApi(app: INestApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Praxis API')
    .setDescription(
      'Document control for ISO-style management systems. Errors are application/problem+json (RFC 9457). ' +
        'Lists return { items, nextCursor }; pass ?cursor=&limit= (1–200, default 50). ' +
        'Request bodies: at most 16 KiB for /auth routes, 10 MiB for /documents and /revisions, ' +
        '1 MiB elsewhere (413 past that); a JSON object may have at most 256 keys and a body ' +
        '10,000 keys in all (400). A validation 400 lists at most 20 errors. ' +
        'While the database is unavailable every call answers 503 (type urn:praxis:problem:database-unavailable) with Retry-After.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .addCookieAuth('praxis_session', { type: 'apiKey', in: 'cookie' }, 'session')
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}
