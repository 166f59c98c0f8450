import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { notFound } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Cte, sql, SqlStatement } from '../database/sql-statement';
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
    const stmt = new SqlStatement();
    const recipients = stmt.with(
      'recipients',
      sql(
        `SELECT u.id AS user_id, $2::jsonb AS data FROM ${ACTIVE_USERS} u
          WHERE u.id = ANY($1::uuid[])`,
        [ids, JSON.stringify(data)],
      ),
    );
    return this.countNotified(em, stmt, this.notifyRows(stmt, recipients, type));
  }

  /**
   * For a caller's set-based statement: declares in `stmt` the CTEs that notify every row
   * of `source` (columns `user_id uuid` and `data jsonb`) with a notification of `type`,
   * and queue its e-mail when SMTP_URL is set. Returns the CTE of the new notifications
   * (column `id`). notify() and notifyEach() use it too; a fan-out's recipients never
   * travel to the application and back. The caller checks that recipients are active.
   */
  notifyRows(stmt: SqlStatement, source: Cte, type: string): Cte {
    const notified = stmt.with(
      'notified',
      sql`INSERT INTO notifications (user_id, type, data)
         SELECT user_id, ${sql('$1', [type])}, data FROM ${source}
         RETURNING id`,
    );
    stmt.with(
      'mailed',
      sql`INSERT INTO email_deliveries (notification_id)
         SELECT id FROM ${notified} WHERE ${sql(this.config.smtpUrl !== null ? 'true' : 'false')}`,
    );
    return notified;
  }

  private async countNotified(em: EntityManager, stmt: SqlStatement, notified: Cte) {
    const { text, params } = stmt.build(sql`SELECT count(*)::int AS count FROM ${notified}`);
    const [{ count }] = await em.query<{ count: number }[]>(text, params);
    return count;
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
    const stmt = new SqlStatement();
    const recipients = stmt.with(
      'recipients',
      sql(
        `SELECT i.user_id, i.data
           FROM jsonb_to_recordset($1::jsonb) AS i(user_id uuid, data jsonb)
           JOIN ${ACTIVE_USERS} u ON u.id = i.user_id`,
        [JSON.stringify(items.map((i) => ({ user_id: i.userId, data: i.data })))],
      ),
    );
    return this.countNotified(em, stmt, this.notifyRows(stmt, recipients, type));
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
