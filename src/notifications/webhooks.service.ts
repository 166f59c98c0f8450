import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { Principal } from '../common/principal';
import { badRequest, notFound } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CreateWebhookDto, WebhookDeliveryResponse, WebhookResponse } from './dto/webhook.dto';
import { WebhookAction } from './notification-actions';
import { assertPublicHost, NonPublicAddressError } from './webhook-address';

interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  created_by: string | null;
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

/** Never the secret: it signs deliveries and is not shown again after creation. */
const COLUMNS = 'id, url, events, active, created_by, created_at';

const toResponse = (r: WebhookRow): WebhookResponse => ({
  id: r.id,
  url: r.url,
  events: r.events,
  active: r.active,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

const toDelivery = (r: DeliveryRow): WebhookDeliveryResponse => ({
  id: r.id,
  eventId: r.event_id,
  type: r.type,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

/**
 * A failed INSERT carries its parameters (and PostgreSQL's detail may quote the row):
 * the secret would end up in the error log. Keep the SQLSTATE, so the error filter
 * still maps it, and nothing else.
 */
function withoutValues(err: unknown): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const code = (err.driverError as { code?: string }).code;
  const driverError = Object.assign(new Error(`storing a webhook failed (SQLSTATE ${code})`), {
    code,
  });
  return new QueryFailedError('INSERT INTO webhooks …', undefined, driverError);
}

const urlError = (detail: string) =>
  badRequest('invalid-webhook-url', detail, [{ field: 'url', message: detail }]);

/** Webhook subscriptions (admin): create, list, delete, and each one's delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async create(p: Principal, dto: CreateWebhookDto): Promise<WebhookResponse> {
    const url = await this.checkUrl(dto.url);
    return this.ds.transaction(async (em) => {
      const [row] = await em
        .query<WebhookRow[]>(
          `INSERT INTO webhooks (url, events, secret, created_by) VALUES ($1, $2::text[], $3, $4)
           RETURNING ${COLUMNS}`,
          [url, dto.events, dto.secret, p.userId],
        )
        .catch((err: unknown) => {
          throw withoutValues(err);
        });
      await this.audit.append(em, {
        actor: p.actor,
        action: WebhookAction.WebhookCreated,
        entityType: 'webhook',
        entityId: row.id,
        data: { url: row.url, events: row.events },
      });
      return toResponse(row);
    });
  }

  async list(q: PageQuery): Promise<Page<WebhookResponse>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const rows = await this.ds.query<WebhookRow[]>(
      `SELECT ${COLUMNS} FROM webhooks
        WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid))
        ORDER BY created_at, id LIMIT $3`,
      [cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.created_at.toISOString(), r.id], toResponse);
  }

  /** Deletes the subscription, its secret and its delivery log; nothing more is sent to it. */
  async remove(p: Principal, id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const [rows] = await em.query<[WebhookRow[], number]>(
        `DELETE FROM webhooks WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      );
      if (rows.length === 0) throw notFound('Webhook');
      await this.audit.append(em, {
        actor: p.actor,
        action: WebhookAction.WebhookDeleted,
        entityType: 'webhook',
        entityId: id,
        data: { url: rows[0].url, events: rows[0].events },
      });
    });
  }

  /** The webhook's deliveries, newest first. */
  async deliveries(id: string, q: PageQuery): Promise<Page<WebhookDeliveryResponse>> {
    const [hook] = await this.ds.query<{ id: string }[]>('SELECT id FROM webhooks WHERE id = $1', [
      id,
    ]);
    if (!hook) throw notFound('Webhook');
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const rows = await this.ds.query<DeliveryRow[]>(
      `SELECT id, event_id, type, status, attempts, last_status_code, last_error, next_attempt_at,
              delivered_at, created_at
         FROM webhook_deliveries
        WHERE webhook_id = $1
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [id, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.created_at.toISOString(), r.id], toDelivery);
  }

  /**
   * An absolute http(s) URL without credentials (they would show in every listing;
   * the secret authenticates instead), normalised by the WHATWG parser — so
   * `http://0x7f000001/` is seen as the 127.0.0.1 it is. Unless private addresses are
   * allowed, every address the host resolves to must be public.
   */
  private async checkUrl(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw urlError('must be an absolute http:// or https:// URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw urlError('must be an http:// or https:// URL');
    if (url.username || url.password)
      throw urlError('must not carry credentials; deliveries are signed with the secret');
    url.hash = '';
    if (!this.config.webhookAllowPrivate) {
      try {
        await assertPublicHost(url.hostname);
      } catch (err) {
        if (err instanceof NonPublicAddressError)
          throw urlError(`${err.message}; such receivers need WEBHOOK_ALLOW_PRIVATE=true`);
        throw urlError(`host ${url.hostname} could not be resolved`);
      }
    }
    return url.href;
  }
}
