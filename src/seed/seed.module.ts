import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { BootstrapService } from './bootstrap.service';

@Module({
  imports: [AuthModule, UsersModule],
  providers: [BootstrapService],
  exports: [BootstrapService],
})
export class SeedModule {}
