import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../common/decorators';
import { Principal } from '../common/principal';
import { IdParam } from '../common/uuid.pipe';
import { EvidencePackQuery } from './dto/evidence.dto';
import { EvidencePackService } from './evidence-pack.service';
import { attachment, streamTo } from './http-stream';

@ApiTags('documents')
@Controller('documents')
export class EvidencePackController {
  constructor(private readonly packs: EvidencePackService) {}

  @Get(':id/evidence-pack')
  @Roles('admin', 'quality_lead', 'auditor')
  @ApiOperation({
    summary: 'Everything about a document in a window, as a zip anyone can verify offline',
    description:
      'Streamed. Holds: `VERIFY.md` (how to check it by hand); `document.json`; per revision in the window ' +
      '`revisions/NNN-<label>.md` and `.pdf`; `signatures.json`; `acknowledgements.csv`; `proposals.json` (with ' +
      'timelines); `diffs/<a>..<b>.patch` (unified diff between successive revisions); `audit-events.jsonl` (the ' +
      'events of the document, its revisions, signatures, acknowledgements, proposals, controlled copies and ' +
      'evidence packs, byte for byte as GET /audit-events/export writes them); `chain-head.json` (seq and hash of ' +
      'the chain head at export time, and the newest signed checkpoint); `manifest.json` (every file’s SHA-256 and ' +
      'size), `manifest.sig` (raw Ed25519 signature of manifest.json by the key named in it, see ' +
      'GET /signing-keys) and `SHA256SUMS`. Recorded with an `evidence_pack.exported` audit event. ' +
      'Verify with `npm run verify-pack -- pack.zip --keys signing-keys.json [--chain full-export.jsonl]`.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'The zip',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'X-Praxis-Evidence-Pack': {
        description: 'The pack id (manifest `packId`, entityId of its audit event)',
        schema: { type: 'string' },
      },
    },
  })
  @ApiNotFoundResponse()
  async export(
    @CurrentUser() p: Principal,
    @IdParam() id: string,
    @Query() q: EvidencePackQuery,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const pack = await this.packs.export(p, id, q);
    res.code(200);
    res.type('application/zip');
    res.header('Content-Disposition', attachment(pack.fileName));
    res.header('X-Praxis-Evidence-Pack', pack.packId);
    await streamTo(pack.stream, res);
  }
}
