import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { ANY_ROLE } from '../common/roles';
import { PublicKeyResponse } from './dto/public-key.dto';
import { PublicKeyInfo, SigningService } from './signing.service';

@ApiTags('instance')
@Controller('instance')
@Roles(...ANY_ROLE)
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  @Get('public-key')
  @ApiOperation({
    summary: 'The public key that verifies this instance’s signatures',
    description:
      'Audit checkpoints (GET /audit-events/checkpoints, webhook event `audit.checkpoint`) are signed ' +
      'with the Ed25519 key whose public half this is. Keep a copy outside Praxis to verify offline.',
  })
  @ApiOkResponse({ type: PublicKeyResponse })
  publicKey(): PublicKeyInfo {
    return this.signing.info;
  }
}
