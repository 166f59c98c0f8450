import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { DomainHooks } from '../common/domain-hooks';
import { JobRunner } from '../common/jobs';
import { Actor, SYSTEM_ACTOR } from '../common/principal';
import { DocumentAction } from './document-actions';
import { RevisionRow } from './document.mapper';
import { assertRevisionTransition } from './lifecycle';

const JOB = 'revisions-due';

/**
 * Approval and the effective date: labels the revision, makes it effective (at
 * once, or by the scheduled job on its date) and supersedes the previous one, all
 * in the caller's transaction. Also marks documents due for periodic review.
 */
@Injectable()
export class RevisionActivationService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: JOB,
      title: 'effective-date scheduler',
      periodMs: 60_000,
      coordination: 'skip-locked',
      failureMessage: 'scheduled document job failed',
      run: async () => {
        await this.activateDue();
        await this.flagReviewsDue();
      },
    });
  }

  /** The last approval: label (1.0, N+1.0 for major, N.M+1 for minor), approved, and effective when due. */
  async approve(em: EntityManager, rev: RevisionRow, actor: Actor): Promise<void> {
    assertRevisionTransition(rev.status, 'approved', 'approve');
    const [last] = await em.query<{ major: number | null; minor: number | null }[]>(
      `SELECT label_major AS major, label_minor AS minor FROM revisions
        WHERE document_id = $1 AND label_major IS NOT NULL
        ORDER BY label_major DESC, label_minor DESC LIMIT 1`,
      [rev.document_id],
    );
    const [major, minor] =
      last?.major == null
        ? [1, 0]
        : rev.change_level === 'major'
          ? [last.major + 1, 0]
          : [last.major, (last.minor ?? 0) + 1];
    const [[row]] = await em.query<[{ label: string; due: boolean }[], number]>(
      `UPDATE revisions SET status = 'approved', label_major = $2, label_minor = $3, approved_at = now(),
              version = version + 1, updated_at = now()
        WHERE id = $1
        RETURNING label, (effective_from IS NULL OR effective_from <= now()) AS due`,
      [rev.id, major, minor],
    );
    await this.audit.append(em, {
      actor,
      action: DocumentAction.RevisionApproved,
      entityType: 'revision',
      entityId: rev.id,
      data: {
        documentId: rev.document_id,
        label: row.label,
        effectiveFrom: rev.effective_from?.toISOString() ?? null,
      },
    });
    if (row.due) await this.makeEffective(em, rev.id, actor);
  }

  /**
   * Makes an approved revision effective; the one before becomes superseded. Caller's
   * transaction. The new revision and the document are locked FOR NO KEY UPDATE (ids
   * never change): an acknowledgement's foreign key checks take the document FOR KEY
   * SHARE, which FOR UPDATE would block while it holds the effective revision — a
   * deadlock. The effective revision itself IS locked FOR UPDATE: acknowledgements hold
   * it FOR KEY SHARE (the lock their foreign key check takes anyway), and only FOR
   * UPDATE waits for them — a plain UPDATE of its status would not.
   */
  async makeEffective(em: EntityManager, revisionId: string, actor: Actor): Promise<void> {
    const [rev] = await em.query<(RevisionRow & { title: string })[]>(
      `SELECT r.id, r.document_id, r.status, r.change_level, r.proposal_ids::text[] AS proposal_ids, d.title
         FROM revisions r JOIN documents d ON d.id = r.document_id WHERE r.id = $1 FOR NO KEY UPDATE OF r, d`,
      [revisionId],
    );
    assertRevisionTransition(rev.status, 'effective', 'make effective');
    await em.query(
      `SELECT 1 FROM revisions WHERE document_id = $1 AND status = 'effective' FOR UPDATE`,
      [rev.document_id],
    );
    // The time it is superseded is read once that lock is held (acknowledgements in
    // flight have committed), so every acknowledgement of it is stamped earlier; the new
    // revision takes effect at that same instant.
    const superseded = await em.query<
      [{ id: string; label: string; superseded_at: Date }[], number]
    >(
      `UPDATE revisions SET status = 'superseded', updated_at = now(), search = NULL,
              superseded_at = date_trunc('milliseconds', clock_timestamp())
        WHERE document_id = $1 AND status = 'effective' RETURNING id, label, superseded_at`,
      [rev.document_id],
    );
    const [[eff]] = await em.query<[{ effective_from: Date; label: string }[], number]>(
      `UPDATE revisions SET status = 'effective', effective_from = COALESCE(effective_from, $3, now()),
              version = version + 1, updated_at = now(),
              search = setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', body), 'B')
        WHERE id = $1 RETURNING effective_from, label`,
      [revisionId, rev.title, superseded[0][0]?.superseded_at ?? null],
    );
    await em.query(
      `UPDATE documents SET status = 'effective', updated_at = now(), review_due_flagged_on = NULL,
              next_review_due = ($2::timestamptz AT TIME ZONE 'UTC')::date + make_interval(months => review_interval_months)
        WHERE id = $1`,
      [rev.document_id, eff.effective_from],
    );
    const previous = superseded[0][0] ?? null;
    const events: AuditEntry[] = [];
    if (previous) {
      events.push({
        actor,
        action: DocumentAction.RevisionSuperseded,
        entityType: 'revision',
        entityId: previous.id,
        data: { documentId: rev.document_id, label: previous.label, supersededBy: revisionId },
      });
    }
    events.push({
      actor,
      action: DocumentAction.RevisionEffective,
      entityType: 'revision',
      entityId: revisionId,
      data: {
        documentId: rev.document_id,
        label: eff.label,
        effectiveFrom: eff.effective_from.toISOString(),
        supersedes: previous?.id ?? null,
      },
    });
    await this.audit.append(em, events);
    // Training assigns the new revision, proposals become implemented: all or nothing.
    await this.hooks.run('revision.effective', {
      em,
      actor,
      documentId: rev.document_id,
      revisionId,
      previousRevisionId: previous?.id ?? null,
      changeLevel: rev.change_level,
      proposalIds: rev.proposal_ids,
      effectiveFrom: eff.effective_from,
    });
  }

  /**
   * The scheduled job (every minute, safe with many app instances: SKIP LOCKED):
   * approved revisions whose date has come become effective, and documents whose
   * periodic review has come due are marked once.
   */
  runScheduled(): Promise<void> {
    return this.jobs.runNow(JOB);
  }

  async activateDue(): Promise<number> {
    let count = 0;
    for (;;) {
      const done = await this.ds.transaction(async (em) => {
        const [due] = await em.query<{ id: string }[]>(
          `SELECT id FROM revisions WHERE status = 'approved' AND effective_from <= now()
            ORDER BY effective_from, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!due) return false;
        await this.makeEffective(em, due.id, SYSTEM_ACTOR);
        return true;
      });
      if (!done) return count;
      count++;
      if (this.jobs.stopping) return count;
    }
  }

  async flagReviewsDue(): Promise<number> {
    return this.ds.transaction(async (em) => {
      const [flagged] = await em.query<
        [{ id: string; number: string; next_review_due: string }[], number]
      >(
        `UPDATE documents SET review_due_flagged_on = next_review_due
          WHERE id IN (SELECT id FROM documents WHERE status = 'effective' AND next_review_due <= current_date
                          AND review_due_flagged_on IS DISTINCT FROM next_review_due FOR NO KEY UPDATE SKIP LOCKED)
          RETURNING id, number, to_char(next_review_due, 'YYYY-MM-DD') AS next_review_due`,
      );
      await this.audit.append(
        em,
        flagged.map((d) => ({
          actor: SYSTEM_ACTOR,
          action: DocumentAction.DocumentReviewDue,
          entityType: 'document',
          entityId: d.id,
          data: { number: d.number, nextReviewDue: d.next_review_due },
        })),
      );
      return flagged.length;
    });
  }
}
