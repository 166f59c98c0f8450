import { Global, Module } from '@nestjs/common';
import { SigningKeysController } from './signing-keys.controller';
import { SigningKeysService } from './signing-keys.service';
import { SigningController } from './signing.controller';
import { SigningService } from './signing.service';

@Global()
@Module({
  controllers: [SigningController, SigningKeysController],
  providers: [SigningService, SigningKeysService],
  exports: [SigningService, SigningKeysService],
})
export class SigningModule {}
