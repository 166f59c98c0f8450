import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { TrainingModule } from '../training/training.module';
import { UsersDirectoryModule } from '../users/users-directory.module';
import { UsersModule } from '../users/users.module';
import { BootstrapService } from './bootstrap.service';
import { DemoDocumentsService } from './demo-documents.service';

@Module({
  imports: [AuthModule, UsersModule, UsersDirectoryModule, DocumentsModule, TrainingModule],
  providers: [BootstrapService, DemoDocumentsService],
  exports: [BootstrapService],
})
export class SeedModule {}
