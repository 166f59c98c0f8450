import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UsersDirectoryModule } from '../users/users-directory.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { PrincipalCache } from './principal-cache';
import { ReauthService } from './reauth.service';
import { AttackAlertService } from './attack-alert.service';
import { CredentialsService } from './credentials.service';
import { SessionsService } from './sessions.service';
import { ApiKeyStrategy, JwtStrategy, LocalStrategy, SessionStrategy } from './strategies';

@Module({
  imports: [
    UsersDirectoryModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, ApiKeysController],
  providers: [
    AuthService,
    ApiKeysService,
    PasswordService,
    LoginThrottleService,
    ReauthService,
    SessionsService,
    PrincipalCache,
    CredentialsService,
    AttackAlertService,
    LocalStrategy,
    JwtStrategy,
    ApiKeyStrategy,
    SessionStrategy,
  ],
  exports: [AuthService, PasswordService, ReauthService, CredentialsService, ApiKeysService],
})
export class AuthModule {}
