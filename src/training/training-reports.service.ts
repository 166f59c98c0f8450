import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, Page, toPage } from '../common/pagination';
import {
  TrainingDepartmentItem,
  TrainingMatrixEntry,
  TrainingMatrixQuery,
  TrainingMatrixRow,
  TrainingReportItem,
  TrainingReportQuery,
} from './dto/training-report.dto';
import { Coalescer } from './coalesce';
import {
  DEPARTMENTS_REPORT_SQL,
  MATRIX_SQL,
  MATRIX_USERS_SQL,
  REPORT_SQL,
} from './training-report.sql';
import { ACKNOWLEDGING_ROLES } from './training-roles';

interface ReportRow {
  document_id: string;
  number: string;
  title: string;
  revision_id: string;
  label: string;
  required: number;
  acknowledged: number;
  overdue: number;
  percent: number;
}

interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  required: number;
  acknowledged: number;
  overdue: number;
}

interface UserRow {
  id: string;
  name: string;
  email: string;
  department_ids: string[];
}

interface MatrixStateRow {
  user_id: string;
  state: 'done' | 'pending' | 'overdue';
  done: number;
  document_id: string | null;
  number: string | null;
  revision_id: string | null;
  label: string | null;
  due_at: Date | null;
}

/**
 * One computation of the report, as shared by every caller who waited for it: its items,
 * and its JSON answer made once however many callers send it (a dashboard's report is
 * ~250 KB; serialising it per caller cost more than computing it).
 */
export class SharedReport {
  private bytes?: Buffer;

  constructor(readonly items: readonly TrainingReportItem[]) {}

  /** `{"items":[…]}`, UTF-8, as the JSON answer of GET /reports/training. */
  get json(): Buffer {
    return (this.bytes ??= Buffer.from(JSON.stringify({ items: this.items })));
  }
}

@Injectable()
export class TrainingReportsService {
  /** Dashboards asking for the same report at once share one computation (never an older one). */
  private readonly reports = new Coalescer<SharedReport>();
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async report(q: TrainingReportQuery): Promise<SharedReport> {
    const params = [q.departmentId ?? null, q.documentId ?? null];
    return this.reports.run(JSON.stringify(params), async () => {
      const rows = await this.read((em) =>
        this.reportRows(em, q.departmentId ?? null, q.documentId ?? null),
      );
      return new SharedReport(
        rows.map((r) => ({
          documentId: r.document_id,
          documentNumber: r.number,
          title: r.title,
          revisionId: r.revision_id,
          label: r.label,
          required: r.required,
          acknowledged: r.acknowledged,
          overdue: r.overdue,
          pending: r.required - r.acknowledged - r.overdue,
          percent: r.percent,
        })),
      );
    });
  }

  /** Per department: the per-document report of its members, summed; one statement. */
  async departments(): Promise<TrainingDepartmentItem[]> {
    const rows = await this.read(async (em) =>
      em.query<DepartmentRow[]>(DEPARTMENTS_REPORT_SQL, [ACKNOWLEDGING_ROLES]),
    );
    return rows.map((d) => ({
      departmentId: d.id,
      code: d.code,
      name: d.name,
      required: d.required,
      acknowledged: d.acknowledged,
      overdue: d.overdue,
      pending: d.required - d.acknowledged - d.overdue,
      percent: d.required === 0 ? 100 : Math.round((1000 * d.acknowledged) / d.required) / 10,
    }));
  }

  private async reportRows(
    em: EntityManager,
    departmentId: string | null,
    documentId: string | null,
  ): Promise<ReportRow[]> {
    return em.query<ReportRow[]>(REPORT_SQL, [ACKNOWLEDGING_ROLES, departmentId, documentId]);
  }

  /**
   * One page of active users by e-mail (of the department, required by the document, with
   * something overdue: each if given), with their open items (of that document, if given).
   */
  async matrix(q: TrainingMatrixQuery): Promise<Page<TrainingMatrixRow>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['string']);
    const [users, states] = await this.read(async (em) => {
      const users = await em.query<UserRow[]>(MATRIX_USERS_SQL, [
        q.departmentId ?? null,
        cursor?.[0] ?? null,
        ACKNOWLEDGING_ROLES,
        q.documentId ?? null,
        q.overdue === 'true',
        limit + 1,
      ]);
      const states = await em.query<MatrixStateRow[]>(MATRIX_SQL, [
        users.slice(0, limit).map((u) => u.id),
        ACKNOWLEDGING_ROLES,
        q.documentId ?? null,
      ]);
      return [users, states] as const;
    });
    const byUser = new Map<string, MatrixStateRow[]>();
    for (const s of states) {
      const list = byUser.get(s.user_id);
      if (list) list.push(s);
      else byUser.set(s.user_id, [s]);
    }
    return toPage(
      users,
      limit,
      (u) => [u.email],
      (u) => toMatrixRow(u, byUser.get(u.id) ?? []),
    );
  }

  /** The whole matrix (cursor and limit ignored), a page at a time. */
  async *matrixAll(
    q: Omit<TrainingMatrixQuery, 'cursor' | 'limit'>,
  ): AsyncGenerator<TrainingMatrixRow[]> {
    let cursor: string | undefined;
    do {
      const page = await this.matrix({ ...q, cursor, limit: 200 });
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * One read-only snapshot (the report and the matrix read more than once), without JIT:
   * PostgreSQL would compile these plans for their estimated cost, which takes longer
   * (~1 s) than running them.
   */
  private read<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY; SET LOCAL jit = off');
      return fn(em);
    });
  }
}

function toMatrixRow(u: UserRow, states: MatrixStateRow[]): TrainingMatrixRow {
  const entry = (s: MatrixStateRow): TrainingMatrixEntry => ({
    documentId: s.document_id!,
    documentNumber: s.number!,
    revisionId: s.revision_id!,
    label: s.label!,
    dueAt: s.due_at?.toISOString() ?? null,
  });
  return {
    userId: u.id,
    name: u.name,
    email: u.email,
    departmentIds: u.department_ids,
    pending: states.filter((s) => s.state === 'pending').map(entry),
    overdue: states.filter((s) => s.state === 'overdue').map(entry),
    done: states.find((s) => s.state === 'done')?.done ?? 0,
  };
}
