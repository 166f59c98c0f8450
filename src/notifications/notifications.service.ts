import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { notFound } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { NotificationResponse } from './dto/notification.dto';
import { ACTIVE_USERS } from '../users/users.sql';

interface NotificationRow {
  id: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const toResponse = (r: NotificationRow): NotificationResponse => ({
  id: r.id,
  type: r.type,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
  data: r.data,
});

/**
 * In-app notifications. notify() runs in the caller's transaction: a change and
 * the notifications it causes commit together. One set-based INSERT for any
 * number of recipients; inactive users and duplicates are skipped. When SMTP_URL is
 * set, the same statement queues one e-mail per notification (EmailDeliveryService).
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async notify(
    em: EntityManager,
    userIds: readonly (string | null | undefined)[],
    type: string,
    data: Record<string, unknown>,
    opts: { except?: string | null } = {},
  ): Promise<number> {
    const ids = [...new Set(userIds.filter((u): u is string => !!u && u !== opts.except))];
    if (ids.length === 0) return 0;
    const [{ count }] = await em.query<{ count: number }[]>(
      `WITH recipients AS (
         SELECT u.id AS user_id, $3::jsonb AS data FROM ${ACTIVE_USERS} u
          WHERE u.id = ANY($1::uuid[])
       ), ${this.notifyCtes('recipients', '$2')}
       SELECT count(*)::int AS count FROM notified`,
      [ids, type, JSON.stringify(data)],
    );
    return count;
  }

  /**
   * For a caller's set-based statement: CTEs (to append after the caller's own, each
   * preceded by a comma) that notify every row of the caller's CTE `source`, which has
   * columns `user_id uuid` and `data jsonb`. `type` is the SQL of a text parameter
   * (e.g. `$5`); `notified` returns the new notifications' ids. notify() and
   * notifyEach() use it too; a fan-out's recipients never travel to the application and
   * back. The caller checks that recipients are active.
   */
  notifyCtes(source: string, type: string): string {
    return `notified AS (
         INSERT INTO notifications (user_id, type, data)
         SELECT user_id, ${type}, data FROM ${source}
         RETURNING id
       ), mailed AS (
         INSERT INTO email_deliveries (notification_id)
         SELECT id FROM notified WHERE ${this.config.smtpUrl !== null ? 'true' : 'false'}
       )`;
  }

  /**
   * Like notify(), but each recipient gets their own data (a digest listing their
   * items): still one set-based INSERT for any number of recipients.
   */
  async notifyEach(
    em: EntityManager,
    type: string,
    items: readonly { userId: string; data: Record<string, unknown> }[],
  ): Promise<number> {
    if (items.length === 0) return 0;
    const [{ count }] = await em.query<{ count: number }[]>(
      `WITH recipients AS (
         SELECT i.user_id, i.data
           FROM jsonb_to_recordset($1::jsonb) AS i(user_id uuid, data jsonb)
           JOIN ${ACTIVE_USERS} u ON u.id = i.user_id
       ), ${this.notifyCtes('recipients', '$2')}
       SELECT count(*)::int AS count FROM notified`,
      [JSON.stringify(items.map((i) => ({ user_id: i.userId, data: i.data }))), type],
    );
    return count;
  }

  async list(
    userId: string,
    q: PageQuery & { unread?: boolean },
  ): Promise<Page<NotificationResponse>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const rows = await this.ds.query<NotificationRow[]>(
      `SELECT id, type, data, created_at, read_at FROM notifications
        WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [userId, q.unread ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.created_at.toISOString(), r.id], toResponse);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return row.n;
  }

  /** Marks one of the caller's notifications read (idempotent). Someone else's is a 404. */
  async markRead(userId: string, id: string): Promise<NotificationResponse> {
    const [[row]] = await this.ds.query<[NotificationRow[], number]>(
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
        WHERE id = $1 AND user_id = $2 RETURNING id, type, data, created_at, read_at`,
      [id, userId],
    );
    if (!row) throw notFound('Notification');
    return toResponse(row);
  }
}
