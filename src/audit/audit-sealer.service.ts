import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRunner } from '../common/jobs';
import { computeHash, GENESIS_HASH } from './audit-hash';
import { AuditRow, toRecord } from './audit-row';

/** One sealer at a time across every app instance ("PRXS"). */
const SEAL_LOCK = 0x50525853;
const BATCH = 5000;
const INTERVAL_MS = 200;

/**
 * Chains committed audit events into the hash chain, in batches: each gets the
 * next seq (gap-free), the previous event's hash and its own hash, computed by the
 * same computeHash() that verify and auditors use. Events committed but not yet
 * sealed (a crash in between included) are picked up on the next run. Readers of
 * the trail call seal() first, so what they read is complete.
 */
@Injectable()
export class AuditSealerService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: 'audit-sealer',
      title: 'audit sealer',
      periodMs: INTERVAL_MS,
      coordination: 'advisory-lock',
      failureMessage: 'sealing failed',
      run: () => this.seal(false),
    });
  }

  /**
   * Seals everything committed so far. With wait=false it gives way when another
   * instance is sealing. Returns how many events it sealed.
   */
  async seal(wait = true): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.ds.transaction(async (em) => {
        const [{ locked }] = await em.query<{ locked: boolean }[]>(
          wait
            ? 'SELECT true AS locked FROM pg_advisory_xact_lock($1)'
            : 'SELECT pg_try_advisory_xact_lock($1) AS locked',
          [SEAL_LOCK],
        );
        if (!locked) return -1;
        const pending = await em.query<AuditRow[]>(
          `SELECT id, seq, occurred_at, actor_type, actor_id, action, entity_type, entity_id, data, prev_hash, hash
             FROM audit_events WHERE seq IS NULL ORDER BY pos LIMIT $1`,
          [BATCH],
        );
        if (pending.length === 0) return 0;
        const [head] = await em.query<{ seq: string; hash: string }[]>(
          'SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
        );
        let seq = head ? Number(head.seq) : 0;
        let prevHash = head?.hash ?? GENESIS_HASH;
        const ids: string[] = [];
        const seqs: number[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const row of pending) {
          const event = { ...toRecord(row), seq: ++seq, prevHash };
          const hash = computeHash(event);
          ids.push(event.id);
          seqs.push(seq);
          prevs.push(prevHash);
          hashes.push(hash);
          prevHash = hash;
        }
        await em.query(
          `UPDATE audit_events a SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
             FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, prev_hash, hash)
            WHERE a.id = u.id`,
          [ids, seqs, prevs, hashes],
        );
        return pending.length;
      });
      if (sealed < 0) return total;
      total += sealed;
      if (sealed < BATCH || this.jobs.stopping) return total;
    }
  }
}
