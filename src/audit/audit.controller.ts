import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { streamTo } from '../evidence/http-stream';
import { Roles } from '../common/decorators';
import { Page } from '../common/pagination';
import { AuditRecord, auditJsonLine, canonicalJson, VerifyResult } from './audit-hash';
import { AuditQueryService } from './audit-query.service';
import { AuditCheckpointService } from './audit-checkpoint.service';
import {
  AuditEventPage,
  AuditExportQuery,
  AuditListQuery,
  AuditVerifyResponse,
} from './dto/audit.dto';

const CSV_COLUMNS = [
  'id',
  'seq',
  'occurredAt',
  'actorType',
  'actorId',
  'action',
  'entityType',
  'entityId',
  'data',
  'prevHash',
  'hash',
] as const;

@ApiTags('audit')
@Controller('audit-events')
@Roles('admin', 'quality_lead', 'auditor')
export class AuditController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Audit events, newest first, filtered' })
  @ApiOkResponse({ type: AuditEventPage })
  list(@Query() q: AuditListQuery): Promise<Page<AuditRecord>> {
    return this.audit.list(q);
  }

  @Get('export')
  @ApiOperation({
    summary: 'The trail, oldest first, streamed as JSON lines or CSV',
    description:
      'Each JSON line is one event exactly as GET /audit-events returns it; in CSV, `data` is canonical JSON. ' +
      'Recompute each hash as SHA-256 hex of prevHash + "\\n" + canonical JSON (keys sorted, no spaces) of the event without hash.',
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({
    description: 'The stream',
    headers: {
      'X-Praxis-Checkpoint': {
        description:
          'The newest signed checkpoint when the export started, as JSON (as GET /audit-events/checkpoints ' +
          'returns it); absent when there is none yet. The stream itself carries events only.',
        schema: { type: 'string' },
      },
    },
  })
  async export(@Query() q: AuditExportQuery, @Res() res: FastifyReply): Promise<void> {
    const csv = q.format === 'csv';
    const checkpoint = await this.checkpoints.latest();
    const chunks = this.chunks(csv ? this.csvLines(q) : this.jsonLines(q), csv);
    // The first chunk is read before the headers go out, so an error is still a problem answer.
    const first = await chunks.next();
    if (checkpoint) res.header('X-Praxis-Checkpoint', JSON.stringify(checkpoint));
    res.code(200);
    res.type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.header(
      'Content-Disposition',
      `attachment; filename="audit-events.${csv ? 'csv' : 'jsonl'}"`,
    );
    await streamTo(
      Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* chunks;
        })(),
      ),
      res,
    );
  }

  /**
   * The lines in ~64 KiB strings. The stream reads the next only when the socket takes
   * more, so memory stays flat whatever the size of the trail; a client that goes away
   * ends the generator.
   */
  private async *chunks(batches: AsyncGenerator<string[]>, csv: boolean): AsyncGenerator<string> {
    let chunk = csv ? stringify([], { header: true, columns: [...CSV_COLUMNS] }) : '';
    for await (const lines of batches) {
      for (const line of lines) {
        chunk += line;
        if (chunk.length >= 65536) {
          yield chunk;
          chunk = '';
        }
      }
    }
    if (chunk) yield chunk;
  }

  /** Each event exactly as GET /audit-events returns it, one per line. */
  private async *jsonLines(q: AuditExportQuery): AsyncGenerator<string[]> {
    for await (const batch of this.audit.scan(q)) yield batch.map(auditJsonLine);
  }

  private async *csvLines(q: AuditExportQuery): AsyncGenerator<string[]> {
    for await (const batch of this.audit.scan(q)) {
      yield batch.map((e) =>
        stringify([{ ...e, data: canonicalJson(e.data) }], { columns: [...CSV_COLUMNS] }),
      );
    }
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Recompute the whole hash chain, and check it against the signed checkpoints',
    description:
      'Valid when every event recomputes and links, and the chain still has the hash each checkpoint signed ' +
      'with this instance’s key recorded at its seq (checkpoints of other keys are left to offline verifiers).',
  })
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }
}
