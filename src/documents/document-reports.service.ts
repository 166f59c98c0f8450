import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReviewsDueReport } from './dto/document.dto';

/** Reports over documents (GET /reports/reviews-due). */
@Injectable()
export class DocumentReportsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Effective documents whose periodic review is due on or before `before` (default: in 30 days). */
  async reviewsDue(before: string | null): Promise<ReviewsDueReport> {
    const rows = await this.ds.query<
      {
        id: string;
        number: string;
        title: string;
        owner_id: string;
        department_id: string | null;
        revision_id: string;
        label: string;
        due: string;
        overdue: boolean;
      }[]
    >(
      `SELECT d.id, d.number, d.title, d.owner_id, d.department_id, r.id AS revision_id, r.label,
              to_char(d.next_review_due, 'YYYY-MM-DD') AS due, d.next_review_due < current_date AS overdue
         FROM documents d JOIN revisions r ON r.document_id = d.id AND r.status = 'effective'
        WHERE d.status = 'effective' AND d.next_review_due <= COALESCE($1::date, current_date + 30)
        ORDER BY d.next_review_due, d.number`,
      [before],
    );
    return {
      items: rows.map((r) => ({
        documentId: r.id,
        documentNumber: r.number,
        title: r.title,
        ownerId: r.owner_id,
        departmentId: r.department_id,
        revisionId: r.revision_id,
        label: r.label,
        nextReviewDue: r.due,
        overdue: r.overdue,
      })),
    };
  }
}
