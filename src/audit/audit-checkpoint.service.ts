import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JobRunner } from '../common/jobs';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { SYSTEM_ACTOR } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/config';
import { SigningService } from '../signing/signing.service';
import { AuditAction } from './audit-actions';
import { AuditCheckpoint, checkpointMessage } from './audit-checkpoint';
import { VerifyResult } from './audit-hash';
import { AuditSealerService } from './audit-sealer.service';
import { AuditService } from './audit.service';

/** One checkpoint writer at a time across every app instance ("PRXC"). */
const CHECKPOINT_LOCK = 0x50525843;

interface CheckpointRow {
  id: string;
  seq: string;
  hash: string;
  time: Date;
  key_id: string;
  signature: string;
}

const COLUMNS = 'id, seq, hash, time, key_id, signature';

const toCheckpoint = (r: CheckpointRow): AuditCheckpoint => ({
  id: r.id,
  seq: Number(r.seq),
  hash: r.hash,
  time: r.time.toISOString(),
  algorithm: 'Ed25519',
  keyId: r.key_id,
  signature: r.signature,
});

/**
 * Anchors the audit chain outside the database: every AUDIT_CHECKPOINT_INTERVAL_SECONDS
 * one instance signs the sealed head { seq, hash, time } with the instance key and
 * stores it, with an `audit.checkpoint` audit event in the same transaction, so
 * webhook subscribers get a copy. The checkpoint covers the chain up to and including
 * `seq`; its own event comes later in the chain. Someone who can switch the triggers off
 * may rewrite the table, but not sign: verify() then sees the chain disagree with a
 * checkpoint (rewritten) or end before one (truncated).
 */
@Injectable()
export class AuditCheckpointService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sealer: AuditSealerService,
    private readonly audit: AuditService,
    private readonly signing: SigningService,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: 'audit-checkpoint',
      title: 'audit checkpoint',
      periodMs: this.config.auditCheckpointIntervalSeconds * 1000,
      coordination: 'advisory-lock',
      failureMessage: 'audit checkpoint failed',
      run: () => this.run(),
    });
  }

  /**
   * Writes a checkpoint of the sealed head, unless another instance is writing one
   * right now, or nothing but checkpoint events was sealed since the last one (an
   * idle trail is not checkpointed over and over). Returns it, or null.
   */
  async run(): Promise<AuditCheckpoint | null> {
    await this.sealer.seal();
    return this.ds.transaction(async (em) => {
      const [{ locked }] = await em.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [CHECKPOINT_LOCK],
      );
      if (!locked) return null;
      const [head] = await em.query<{ seq: string; hash: string }[]>(
        'SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
      );
      if (!head) return null;
      const [last] = await em.query<{ seq: string; key_id: string }[]>(
        'SELECT seq, key_id FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
      );
      // A chain shorter than the last checkpoint is for verify to report, not to paper over.
      if (last && Number(head.seq) <= Number(last.seq)) return null;
      if (last && last.key_id === this.signing.keyId) {
        const [{ news }] = await em.query<{ news: boolean }[]>(
          `SELECT EXISTS (SELECT 1 FROM audit_events WHERE seq > $1 AND action <> $2) AS news`,
          [last.seq, AuditAction.AuditCheckpoint],
        );
        if (!news) return null;
      }
      const [{ now }] = await em.query<{ now: Date }[]>(
        `SELECT date_trunc('milliseconds', clock_timestamp()) AS now`,
      );
      const body = { seq: Number(head.seq), hash: head.hash, time: now.toISOString() };
      const checkpoint: AuditCheckpoint = {
        id: randomUUID(),
        ...body,
        algorithm: 'Ed25519',
        keyId: this.signing.keyId,
        signature: this.signing.sign(checkpointMessage(body)),
      };
      await em.query(`INSERT INTO audit_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
        checkpoint.id,
        body.seq,
        body.hash,
        now,
        checkpoint.keyId,
        checkpoint.signature,
      ]);
      const { id, ...data } = checkpoint;
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: AuditAction.AuditCheckpoint,
        entityType: 'audit_checkpoint',
        entityId: id,
        data,
      });
      return checkpoint;
    });
  }

  /** Checkpoints, newest first. */
  async list(q: PageQuery): Promise<Page<AuditCheckpoint>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['number']);
    const rows = await this.ds.query<CheckpointRow[]>(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE ($1::bigint IS NULL OR seq < $1)
        ORDER BY seq DESC LIMIT $2`,
      [cursor?.[0] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [Number(r.seq)], toCheckpoint);
  }

  /** The newest checkpoint signed with this instance's key, if any. */
  async latest(): Promise<AuditCheckpoint | null> {
    const [row] = await this.ds.query<CheckpointRow[]>(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE key_id = $1 ORDER BY seq DESC LIMIT 1`,
      [this.signing.keyId],
    );
    return row ? toCheckpoint(row) : null;
  }

  /**
   * Checks a chain that verified on its own against the checkpoints signed with this
   * instance's key that existed before the chain was read (`upTo`: latest().seq taken
   * then), so a checkpoint written meanwhile cannot look like truncation. Checkpoints
   * of other keys (before a key rotation) are left to offline verifiers who hold them.
   */
  async check(chain: VerifyResult, upTo: number | null): Promise<VerifyResult> {
    if (!chain.valid || upTo === null) return chain;
    const { count } = chain;
    // The first checkpoint the chain disagrees with: its row gone, or its hash different.
    const [bad] = await this.ds.query<(CheckpointRow & { chain_hash: string | null })[]>(
      `SELECT c.id, c.seq, c.hash, c.time, c.key_id, c.signature, e.hash AS chain_hash
         FROM audit_checkpoints c LEFT JOIN audit_events e ON e.seq = c.seq
        WHERE c.key_id = $1 AND c.seq <= $2 AND e.hash IS DISTINCT FROM c.hash
        ORDER BY c.seq LIMIT 1`,
      [this.signing.keyId, upTo],
    );
    const [last] = await this.ds.query<CheckpointRow[]>(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE key_id = $1 AND seq <= $2
        ORDER BY seq DESC LIMIT 1`,
      [this.signing.keyId, upTo],
    );
    if (!bad && !last) return chain;
    const suspect = toCheckpoint(bad ?? last);
    if (!this.signing.verify(checkpointMessage(suspect), suspect.signature)) {
      return { valid: false, count, firstInvalidSeq: suspect.seq, reason: 'checkpoint_forged' };
    }
    if (!bad) return { ...chain, checkpoint: { seq: suspect.seq, time: suspect.time } };
    return bad.chain_hash === null
      ? { valid: false, count, firstInvalidSeq: count + 1, reason: 'truncated' }
      : { valid: false, count, firstInvalidSeq: suspect.seq, reason: 'rewritten' };
  }
}
