import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { Roles } from '../common/decorators';
import { Page } from '../common/pagination';
import { AuditRecord, canonicalJson, VerifyResult } from './audit-hash';
import { AuditQueryService } from './audit-query.service';
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
  constructor(private readonly audit: AuditQueryService) {}

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
  @ApiOkResponse({ description: 'The stream' })
  async export(@Query() q: AuditExportQuery, @Res() res: Response): Promise<void> {
    const csv = q.format === 'csv';
    res.status(200);
    res.type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-events.${csv ? 'csv' : 'jsonl'}"`,
    );
    let closed = false;
    res.on('close', () => (closed = true));
    let first = true;
    for await (const batch of this.audit.scan(q)) {
      if (closed) return;
      const chunk = csv
        ? stringify(
            batch.map((e) => ({ ...e, data: canonicalJson(e.data) })),
            { header: first, columns: [...CSV_COLUMNS] },
          )
        : batch.map((e) => JSON.stringify(e)).join('\n') + '\n';
      first = false;
      if (!res.write(chunk)) await drainOrClose(res);
    }
    if (csv && first) res.write(stringify([], { header: true, columns: [...CSV_COLUMNS] }));
    res.end();
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the whole hash chain' })
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }
}

/** Waits for the socket to take more, or for the client to go away (then the loop stops). */
function drainOrClose(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
