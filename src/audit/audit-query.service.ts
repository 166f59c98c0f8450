import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { SqlWhere } from '../common/sql-where';
import { AuditRecord, ChainVerifier, VerifyResult } from './audit-hash';
import { AuditListQuery, AuditTimeRange } from './dto/audit.dto';
import { AUDIT_COLUMNS as COLUMNS, AuditRow, toRecord } from './audit-row';
import { AuditSealerService } from './audit-sealer.service';
import { AuditCheckpointService } from './audit-checkpoint.service';

const BATCH = 2000;

/** Reads the audit trail: filtered pages, constant-memory scans for export and verify. */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sealer: AuditSealerService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  async list(q: AuditListQuery): Promise<Page<AuditRecord>> {
    await this.sealer.seal();
    const limit = q.limit ?? 50;
    const where = new SqlWhere('seq IS NOT NULL');
    if (q.entityType) where.add('entity_type = ?', q.entityType);
    if (q.entityId) where.add('entity_id = ?', q.entityId);
    if (q.actorId) where.add('actor_id = ?', q.actorId);
    if (q.action) where.add('action = ?', q.action);
    if (q.from) where.add('occurred_at >= ?', q.from);
    if (q.to) where.add('occurred_at < ?', q.to);
    const cursor = decodeCursor(q.cursor, ['number']);
    if (cursor) where.add('seq < ?', cursor[0]);
    const rows = await this.ds.query<AuditRow[]>(
      `SELECT ${COLUMNS} FROM audit_events ${where.clause()} ORDER BY seq DESC LIMIT ${where.param(limit + 1)}`,
      where.params,
    );
    return toPage(rows, limit, (r) => [Number(r.seq)], toRecord);
  }

  /** Every event in seq order (optionally within a time range), in batches: memory stays flat. */
  async *scan(range: AuditTimeRange = {}): AsyncGenerator<AuditRecord[]> {
    await this.sealer.seal();
    let after = 0;
    for (;;) {
      const params: unknown[] = [after, BATCH];
      let filter = '';
      if (range.from) filter += ` AND occurred_at >= $${params.push(range.from)}`;
      if (range.to) filter += ` AND occurred_at < $${params.push(range.to)}`;
      const rows = await this.ds.query<AuditRow[]>(
        `SELECT ${COLUMNS} FROM audit_events WHERE seq > $1${filter} ORDER BY seq LIMIT $2`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map(toRecord);
      if (rows.length < BATCH) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /**
   * The sealed events about any of these entities (entity_id), in seq order and in
   * batches, optionally within a time range: what an evidence pack carries.
   */
  async *scanEntities(
    entityIds: string[],
    range: AuditTimeRange = {},
  ): AsyncGenerator<AuditRecord[]> {
    await this.sealer.seal();
    let after = 0;
    for (;;) {
      const params: unknown[] = [after, BATCH, entityIds];
      let filter = '';
      if (range.from) filter += ` AND occurred_at >= $${params.push(range.from)}`;
      if (range.to) filter += ` AND occurred_at < $${params.push(range.to)}`;
      const rows = await this.ds.query<AuditRow[]>(
        `SELECT ${COLUMNS} FROM audit_events
          WHERE seq > $1 AND entity_id = ANY($3::uuid[])${filter} ORDER BY seq LIMIT $2`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map(toRecord);
      if (rows.length < BATCH) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /** The sealed head of the chain now (everything committed so far is sealed first). */
  async head(): Promise<{ seq: number; hash: string } | null> {
    await this.sealer.seal();
    const [row] = await this.ds.query<{ seq: string; hash: string }[]>(
      'SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
    );
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  /** The chain on its own, then against the signed checkpoints that existed before reading it. */
  async verify(): Promise<VerifyResult> {
    const upTo = (await this.checkpoints.latest())?.seq ?? null;
    const verifier = new ChainVerifier();
    for await (const batch of this.scan()) for (const e of batch) verifier.add(e);
    return this.checkpoints.check(verifier.result(), upTo);
  }
}
