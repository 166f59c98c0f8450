import { Inject, Injectable, OnModuleInit, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { UUID_RE } from '../common/uuid.pipe';
import { JobRunner } from '../common/jobs';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DOCUMENT_TITLE_SQL, revisionTitleSql } from '../documents/documents.sql';
import { PROPOSAL_TITLE_SQL } from '../proposals/proposals.sql';
import { USER_REFS } from '../users/users.sql';
import { DeliveryPool, Job, LEASE_SECONDS, Outcome } from './delivery-pool';
import { EmailEntity, renderEmail } from './email-content';

const INTERVAL_MS = 250;
const JOB = 'email-delivery';
const CONCURRENCY = 8;

interface EmailJob extends Job {
  type: string;
  data: Record<string, unknown>;
  email: string;
  name: string;
  active: boolean;
}

interface LeasedRow {
  id: string;
  attempts: number;
  type: string;
  data: Record<string, unknown>;
  email: string;
  name: string;
  active: boolean;
}

type Found = Omit<EmailEntity, 'kind' | 'id'>;

/**
 * E-mail for in-app notifications, when SMTP_URL is set. NotificationsService.notify
 * queues one job per notification in the caller's transaction; this worker claims
 * due jobs with SKIP LOCKED, renders each (subject, plain text, link back) from the
 * current state of what it is about, and sends it, retrying with backoff like
 * webhooks. Without SMTP_URL nothing is queued and this does nothing.
 */
@Injectable()
export class EmailDeliveryService implements OnModuleInit, OnModuleDestroy {
  private readonly pool: DeliveryPool<EmailJob> | null = null;
  private readonly transport: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRunner,
  ) {
    if (!config.smtpUrl) return;
    // Loaded only when e-mail is on: most instances never send any.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTransport } = require('nodemailer') as typeof Nodemailer;
    this.transport = createTransport(
      {
        // a few kept-open connections rather than one handshake per e-mail
        pool: true,
        maxConnections: CONCURRENCY,
        url: config.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      },
      { from: config.smtpFrom },
    );
    this.pool = new DeliveryPool<EmailJob>(ds, {
      name: 'EmailDelivery',
      concurrency: CONCURRENCY,
      perKey: CONCURRENCY,
      maxAttempts: config.webhookMaxAttempts,
      candidates: (em, limit) =>
        em.query<Job[]>(
          `SELECT id, 'smtp' AS key, attempts FROM email_deliveries
            WHERE status = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        ),
      lease: async (em, ids) => {
        const [rows] = await em.query<[LeasedRow[], number]>(
          `UPDATE email_deliveries e
              SET attempts = e.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
             FROM notifications n JOIN ${USER_REFS} u ON u.id = n.user_id
            WHERE e.id = ANY($1::uuid[]) AND n.id = e.notification_id
           RETURNING e.id, e.attempts, n.type, n.data, u.email, u.name, u.active`,
          [ids, LEASE_SECONDS],
        );
        return rows.map((r) => ({ ...r, key: 'smtp' }));
      },
      send: (job) => this.send(job),
      record: async (em, results) => {
        await em.query(
          `UPDATE email_deliveries e
              SET status = u.status, last_error = u.error,
                  delivered_at = CASE WHEN u.status = 'delivered' THEN now() ELSE e.delivered_at END,
                  next_attempt_at = CASE WHEN u.status = 'pending'
                                         THEN now() + make_interval(secs => u.retry_in)
                                         ELSE e.next_attempt_at END
             FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::float8[])
                  AS u(id, attempts, status, error, retry_in)
            WHERE e.id = u.id AND e.attempts = u.attempts`,
          [
            results.map((r) => r.job.id),
            results.map((r) => r.job.attempts),
            results.map((r) => r.status),
            results.map((r) => (r.outcome.ok ? null : (r.outcome.error ?? null))),
            results.map((r) => r.retryIn),
          ],
        );
      },
    });
  }

  onModuleInit(): void {
    const pool = this.pool;
    if (!pool) return; // no SMTP_URL: nothing is ever queued
    this.jobs.define({
      name: JOB,
      title: 'EmailDelivery',
      periodMs: INTERVAL_MS,
      coordination: 'skip-locked',
      failureMessage: 'claiming failed',
      // A run claims and starts the sends; the pool finishes them (and logs their failures).
      run: () => pool.fill(),
      outage: pool.outage,
    });
  }

  /** Stops claiming and waits for the sends under way (the runner stops the schedule). */
  async onModuleDestroy(): Promise<void> {
    await this.pool?.stop();
    this.transport?.close();
  }

  /** Stops the periodic run (tests drive deliverDue themselves). */
  stopSchedule(): void {
    if (this.pool) this.jobs.pause(JOB);
  }

  /** Sends every e-mail due now and waits until every outcome is recorded. */
  async deliverDue(): Promise<void> {
    await this.pool?.runDue();
  }

  private async send(job: EmailJob): Promise<Outcome> {
    if (!job.active) return { ok: false, permanent: true, error: 'the recipient is not active' };
    const entity = await this.entityOf(job.data);
    const { subject, text } = renderEmail({
      type: job.type,
      data: job.data,
      recipientName: job.name,
      entity,
      publicUrl: this.config.publicUrl,
    });
    try {
      await this.transport!.sendMail({ to: { name: job.name, address: job.email }, subject, text });
      return { ok: true };
    } catch (err) {
      const e = err as { message?: string; responseCode?: number };
      return { ok: false, error: String(e.message ?? err).slice(0, 500) };
    }
  }

  /** The proposal, revision or document a notification names, as it is now. */
  private async entityOf(data: Record<string, unknown>): Promise<EmailEntity | null> {
    const id = (key: string) => {
      const v = data[key];
      return typeof v === 'string' && UUID_RE.test(v) ? v : null;
    };
    const lookups: [EmailEntity['kind'], string | null, string][] = [
      ['proposal', id('proposalId'), PROPOSAL_TITLE_SQL],
      ['revision', id('revisionId'), revisionTitleSql()],
      ['document', id('documentId'), DOCUMENT_TITLE_SQL],
    ];
    for (const [kind, entityId, sql] of lookups) {
      if (!entityId) continue;
      const [row] = await this.ds.query<Found[]>(sql, [entityId]);
      if (row) return { kind, id: entityId, ...row };
    }
    return null;
  }
}
