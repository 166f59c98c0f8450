import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthGuard } from './common/auth.guard';
import { DomainHooksModule } from './common/domain-hooks';
import { JobsModule } from './common/jobs';
import { PrincipalThrottlerGuard } from './common/throttler.guard';
import { SlidingWindowStorage } from './common/throttler-storage';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { ChangeListenerModule } from './database/change-listener';
import { dataSourceOptions } from './database/data-source';
import { DocumentsModule } from './documents/documents.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthModule } from './health/health.module';
import { MeModule } from './me/me.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProposalsModule } from './proposals/proposals.module';
import { SearchModule } from './search/search.module';
import { SeedModule } from './seed/seed.module';
import { SigningModule } from './signing/signing.module';
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
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, opts.poolSize ?? 10)),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'default', ttl: 60_000, limit: Math.max(config.rateLimitPerMinute, 1) },
          ],
          skipIf: () => config.rateLimitPerMinute === 0,
          storage: new SlidingWindowStorage(),
        }),
        ChangeListenerModule,
        JobsModule,
        DomainHooksModule,
        SigningModule,
        AuditModule,
        NotificationsModule,
        AuthModule,
        UsersModule,
        DocumentsModule,
        ProposalsModule,
        SearchModule,
        TrainingModule,
        TrainingReportsModule,
        MeModule,
        EvidenceModule,
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
