import { INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { accessLog, createLogger, PinoNestLogger } from './common/logger';
import { badRequest, FieldError, titleFor } from './common/problem';
import { ProblemFilter, problemType, sendProblem } from './common/problem.filter';
import { AppConfig } from './config/config';
import { MetricsService } from './health/metrics.service';

export const API_PREFIX = 'api/v1';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Deeper JSON overflows the stack in class-transformer (a 500); no DTO nests anywhere near this. */
const MAX_JSON_DEPTH = 32;
/** class-validator's ArrayUnique is quadratic: a million-element array would block the event loop for minutes. */
const MAX_JSON_ARRAY = 10_000;
/** NUL (PostgreSQL cannot store it) and unpaired UTF-16 surrogates (not Unicode; validator's isEmail throws on them). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (s: string) => s.includes('\0') || LONE_SURROGATE.test(s);

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Builds the app: the module, body limits, security headers, validation, errors, OpenAPI. */
export async function createApp(
  config: AppConfig,
  opts: { poolSize?: number; logDestination?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, opts), {
    bodyParser: false,
    bufferLogs: true,
  });
  const logger = createLogger(config.logLevel, opts.logDestination);
  app.useLogger(new PinoNestLogger(logger));
  // Nest holds buffered lines until listen(): a worker's log before it (or without it, in
  // tests) would wait in memory, and a start that fails before listen would lose them.
  app.flushLogs();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(accessLog(logger));
  app.use(app.get(MetricsService).middleware());
  // No upgrade-insecure-requests: the API docs must load over plain http on localhost too.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(bodyLimits());
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: (errors) =>
        badRequest('validation', 'The request is not valid', flatten(errors)),
    }),
  );
  setupOpenApi(app);
  await app.init();
  return app;
}

/**
 * Finds what no DTO should ever see: nesting past MAX_JSON_DEPTH, arrays past
 * MAX_JSON_ARRAY, strings (values or keys) with NUL or unpaired surrogates.
 * Iterative, so the check itself cannot overflow the stack.
 */
function jsonShapeError(body: unknown): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  const at = (path: string) => path || '(body)';
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
    for (const [k, v] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      if (unstorable(k))
        return { field: at(path), message: 'has a key with characters that are not allowed' };
      stack.push({ value: v, path: field, depth: depth + 1 });
    }
  }
  return null;
}

/** JSON bodies up to 10 MiB (413 past that), malformed JSON 400, all as problem+json. */
function bodyLimits() {
  const json = express.json({
    limit: MAX_BODY_BYTES,
    type: ['application/json', 'application/*+json'],
  });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > MAX_BODY_BYTES) {
        res.setHeader('Connection', 'close');
        return sendProblem(res, {
          type: problemType('body-too-large'),
          title: titleFor(413),
          status: 413,
          detail: 'The request body is larger than 10 MiB',
        });
      }
      next();
    },
    json,
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
    (err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (!err) return next();
      const status =
        err.type === 'entity.too.large'
          ? 413
          : (err.status ?? 400) < 500
            ? (err.status ?? 400)
            : 400;
      const detail =
        status === 413
          ? 'The request body is larger than 10 MiB'
          : err.type === 'entity.parse.failed'
            ? 'The request body is not valid JSON'
            : 'The request body could not be read';
      sendProblem(res, {
        type: problemType(status === 413 ? 'body-too-large' : 'malformed-body'),
        title: titleFor(status),
        status,
        detail,
      });
    },
  ];
}

function setupOpenApi(app: INestApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Praxis API')
    .setDescription(
      'Document control for ISO-style management systems. Errors are application/problem+json (RFC 9457). ' +
        'Lists return { items, nextCursor }; pass ?cursor=&limit= (1–200, default 50). ' +
        'While the database is unavailable every call answers 503 (type urn:praxis:problem:database-unavailable) with Retry-After.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}
