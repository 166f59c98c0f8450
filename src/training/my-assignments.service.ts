import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { DOCUMENT_REFS } from '../documents/documents.sql';
import { REVISION_LABELS } from '../documents/coverage-documents.sql';
import { MyAssignment, MyAssignmentsQuery } from './dto/training.dto';
import { MyAssignmentRow, toMyAssignment } from './training.mapper';

/**
 * The caller's own assignments, soonest due first. For each, the revision of the
 * same document they last acknowledged up to this one (by label), so a client can
 * show what changed since: GET /revisions/{revisionId}/diff?against={that one}.
 */
@Injectable()
export class MyAssignmentsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(userId: string, q: MyAssignmentsQuery): Promise<Page<MyAssignment>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string', 'string']);
    const rows = await this.ds.query<MyAssignmentRow[]>(
      `SELECT a.id, a.document_id, d.number, d.title, a.revision_id, r.label, a.due_at, a.status,
              mine.acknowledged_at, COALESCE(tr.require_signature, false) AS require_signature,
              (SELECT l.revision_id FROM acknowledgements l JOIN ${REVISION_LABELS} lr ON lr.id = l.revision_id
                WHERE l.user_id = a.user_id AND l.document_id = a.document_id
                  AND (lr.label_major, lr.label_minor) <= (r.label_major, r.label_minor)
                ORDER BY lr.label_major DESC, lr.label_minor DESC LIMIT 1) AS last_acknowledged_revision_id
         FROM training_assignments a
         JOIN ${DOCUMENT_REFS} d ON d.id = a.document_id
         JOIN ${REVISION_LABELS} r ON r.id = a.revision_id
         LEFT JOIN acknowledgements mine ON mine.user_id = a.user_id AND mine.revision_id = a.revision_id
         LEFT JOIN training_requirements tr ON tr.document_id = a.document_id
        WHERE a.user_id = $1
          AND a.status <> 'withdrawn' -- taken back: as if never given, whatever the filter
          AND ($2::text IS NULL AND a.status <> 'superseded'
               OR $2::text = 'open' AND a.status IN ('pending', 'overdue')
               OR a.status = $2::text)
          AND ($6::uuid IS NULL OR a.document_id = $6::uuid)
          AND ($3::timestamptz IS NULL OR (a.due_at, a.id) > ($3::timestamptz, $4::uuid))
        ORDER BY a.due_at, a.id LIMIT $5`,
      [
        userId,
        q.status ?? null,
        cursor?.[0] ?? null,
        cursor?.[1] ?? null,
        limit + 1,
        q.documentId?.toLowerCase() ?? null,
      ],
    );
    return toPage(rows, limit, (r) => [r.due_at.toISOString(), r.id], toMyAssignment);
  }

  /** How many of the caller's assignments GET /me/assignments?status=pending and =overdue list. */
  async counts(userId: string): Promise<{ pending: number; overdue: number }> {
    const [row] = await this.ds.query<{ pending: number; overdue: number }[]>(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'overdue')::int AS overdue
         FROM training_assignments WHERE user_id = $1 AND status IN ('pending', 'overdue')`,
      [userId],
    );
    return row;
  }
}
