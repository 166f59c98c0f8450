import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { ANY_ROLE } from '../common/roles';
import { SigningKeyList } from './dto/public-key.dto';
import { SigningKeyInfo, SigningKeysService } from './signing-keys.service';

@ApiTags('instance')
@Controller('signing-keys')
@Roles(...ANY_ROLE)
export class SigningKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get()
  @ApiOperation({
    summary: 'Every public key this instance has signed with, oldest first',
    description:
      'Evidence pack manifests and audit checkpoints name the key that signed them (`keyId`). Keys used ' +
      'before a rotation stay listed, so what they signed still verifies. Save this answer as ' +
      '`signing-keys.json` for `npm run verify-pack` (it trusts only the keys you give it).',
  })
  @ApiOkResponse({ type: SigningKeyList })
  async list(): Promise<{ items: SigningKeyInfo[] }> {
    return { items: await this.keys.list() };
  }
}
