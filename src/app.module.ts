import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthGuard } from './common/auth.guard';
import { PrincipalThrottlerGuard } from './common/throttler.guard';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProposalsModule } from './proposals/proposals.module';
import { SearchModule } from './search/search.module';
import { SeedModule } from './seed/seed.module';
import { TrainingModule } from './training/training.module';
import { TrainingReportsModule } from './training/training-reports.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, opts: { poolSize?: number } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // Express 5 path syntax for "every route" (the default '*' logs a conversion warning).
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id =
                typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
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
            },
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, opts.poolSize ?? 10)),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'default', ttl: 60_000, limit: Math.max(config.rateLimitPerMinute, 1) },
          ],
          skipIf: () => config.rateLimitPerMinute === 0,
        }),
        ScheduleModule.forRoot(),
        AuditModule,
        NotificationsModule,
        AuthModule,
        UsersModule,
        DocumentsModule,
        ProposalsModule,
        SearchModule,
        TrainingModule,
        TrainingReportsModule,
        HealthModule,
        SeedModule,
      ],
      // Order matters: authenticate first, so the rate limit can count per user or key.
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: PrincipalThrottlerGuard },
      ],
    };
  }
}
