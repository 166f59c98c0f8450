import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, Page, PageQuery, toPage } from '../common/pagination';
import { hasAnyRole, Principal } from '../common/principal';
import { UsersDirectory } from '../users/users-directory.service';
import { SigningQueueItem } from './dto/signing-queue.dto';
import { SIGNER_ROLES } from './lifecycle';

interface QueueRow {
  id: string;
  document_id: string;
  number: string;
  title: string;
  change_level: 'major' | 'minor';
  change_summary: string;
  author_id: string;
  submitted_at: Date;
  effective_from: Date | null;
  meaning: 'reviewed' | 'approved';
}

/** $1 the caller: has not yet signed revision row r, in its current round, with this meaning. */
const unsigned = (meaning: 'reviewed' | 'approved') => `NOT EXISTS (
  SELECT 1 FROM signatures s WHERE s.revision_id = r.id AND s.review_round = r.review_round
     AND s.signer_id = $1::uuid AND s.meaning = '${meaning}')`;
const OWES_REVIEW = `($1::uuid = ANY(r.reviewer_ids) AND ${unsigned('reviewed')})`;
const OWES_APPROVAL = `($1::uuid = ANY(r.approver_ids) AND ${unsigned('approved')})`;
/** In review and waiting for the caller's review or approval (an author never is: the database sees to that). */
const WAITING = `r.status = 'in_review' AND (${OWES_REVIEW} OR ${OWES_APPROVAL})`;
/** submitted_at to the millisecond, so that the cursor (an ISO time) compares exactly. */
const SUBMITTED = `date_trunc('milliseconds', r.submitted_at)`;

/**
 * What waits for the caller's signature. One item per revision: someone both reviewer
 * and approver of it is asked to review first, then to approve.
 */
@Injectable()
export class SigningQueueService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersDirectory,
  ) {}

  async list(p: Principal, q: PageQuery): Promise<Page<SigningQueueItem>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    if (!hasAnyRole(p, SIGNER_ROLES)) return { items: [], nextCursor: null };
    const rows = await this.ds.query<QueueRow[]>(
      `SELECT r.id, r.document_id, d.number, d.title, r.change_level, r.change_summary, r.author_id,
              ${SUBMITTED} AS submitted_at, r.effective_from,
              CASE WHEN ${OWES_REVIEW} THEN 'reviewed' ELSE 'approved' END AS meaning
         FROM revisions r JOIN documents d ON d.id = r.document_id
        WHERE ${WAITING}
          AND ($2::timestamptz IS NULL OR (${SUBMITTED}, r.id) > ($2::timestamptz, $3::uuid))
        ORDER BY ${SUBMITTED}, r.id LIMIT $4`,
      [p.userId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    const names = await this.users.namesOf(rows.slice(0, limit).map((r) => r.author_id));
    return toPage(
      rows,
      limit,
      (r) => [r.submitted_at.toISOString(), r.id],
      (r) => ({
        revisionId: r.id,
        documentId: r.document_id,
        documentNumber: r.number,
        title: r.title,
        changeLevel: r.change_level,
        changeSummary: r.change_summary,
        authorId: r.author_id,
        authorName: names.get(r.author_id) ?? null,
        submittedAt: r.submitted_at.toISOString(),
        effectiveFrom: r.effective_from?.toISOString() ?? null,
        meaning: r.meaning,
      }),
    );
  }

  /** How many revisions list() would give in all. */
  async count(p: Principal): Promise<number> {
    if (!hasAnyRole(p, SIGNER_ROLES)) return 0;
    const [row] = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM revisions r WHERE ${WAITING}`,
      [p.userId],
    );
    return row.n;
  }
}
