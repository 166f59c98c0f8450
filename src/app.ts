import { INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { badRequest, FieldError, titleFor } from './common/problem';
import { ProblemFilter, problemType, sendProblem } from './common/problem.filter';
import { AppConfig } from './config/config';
import { MetricsService } from './health/metrics.service';

export const API_PREFIX = 'api/v1';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

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
  opts: { poolSize?: number } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, opts), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
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
  app.enableShutdownHooks();
  await app.init();
  return app;
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
        'Lists return { items, nextCursor }; pass ?cursor=&limit= (1–200, default 50).',
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
