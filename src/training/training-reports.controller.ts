import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { accepts } from '../common/accepts';
import { Readable } from 'node:stream';
import { Roles } from '../common/decorators';
import { Page } from '../common/pagination';
import {
  TrainingDepartmentReport,
  TrainingMatrixPage,
  TrainingMatrixQuery,
  TrainingMatrixRow,
  TrainingReport,
  TrainingReportItem,
  TrainingReportQuery,
} from './dto/training-report.dto';
import { TrainingReportsService } from './training-reports.service';
import { TRAINING_READ_ALL_ROLES } from './training-roles';

const DEFINITIONS =
  'Counts active users only. **required**: active users with a role that acknowledges (not ' +
  'auditor only) whom the training requirement covers now (a department of theirs in ' +
  'departmentIds, a role in roles, or their id in userIds); an assignment of a user the ' +
  'requirement no longer covers is not counted. **acknowledged**: of those, users who ' +
  'acknowledged the current effective revision, or — when it is a minor revision and the ' +
  'requirement does not retrain on minor revisions — who acknowledged an earlier revision of ' +
  'the same major version and were given no assignment for any later revision up to the ' +
  'current one (carry-over). **overdue**: of those, not acknowledged, whose assignment for the current ' +
  'revision is overdue (status overdue, or pending past dueAt). **pending** = required − ' +
  'acknowledged − overdue. **percent** = round(100 × acknowledged / required, 1), 100 when ' +
  'required is 0.';

const CSV_OPTIONS = { header: true, escape_formulas: true } as const;
const CSV_NOTE =
  ' `Accept: text/csv` gives the same as CSV (header row; cells starting with = + - @ are ' +
  "prefixed with ' so spreadsheets do not run them as formulas).";

const REPORT_COLUMNS = [
  'documentId',
  'documentNumber',
  'title',
  'revisionId',
  'label',
  'required',
  'acknowledged',
  'overdue',
  'pending',
  'percent',
];
const MATRIX_COLUMNS = [
  'userId',
  'name',
  'email',
  'departmentIds',
  'done',
  'state',
  'documentId',
  'documentNumber',
  'revisionId',
  'label',
  'dueAt',
];

/** CSV when the client prefers it over JSON (a missing Accept or `*\/*` gets JSON). */
const wantsCsv = (req: FastifyRequest) =>
  accepts(req.headers.accept, ['application/json', 'text/csv']) === 'text/csv';

@ApiTags('reports')
@Controller('reports/training')
@Roles(...TRAINING_READ_ALL_ROLES)
export class TrainingReportsController {
  constructor(private readonly reports: TrainingReportsService) {}

  @Get()
  @ApiOperation({
    summary: 'Training completion per effective document',
    description:
      'One item per effective document, by number. Documents without a training requirement ' +
      'are listed with required 0 (percent 100), except when filtering by department. ' +
      DEFINITIONS +
      ' With `departmentId`, only that department’s active members are counted, and only ' +
      'documents whose requirement names the department or covers at least one of its members ' +
      '(by role or name too) are listed. With `documentId`, only that document (no items if it is ' +
      'not effective or does not exist).' +
      CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TrainingReport })
  @ApiBadRequestResponse({ description: 'An id is not a UUID' })
  async report(
    @Query() q: TrainingReportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<Buffer | string> {
    const report = await this.reports.report(q);
    res.header('Vary', 'Accept');
    if (!wantsCsv(req)) {
      // The answer's bytes, made once for every caller who shared the computation.
      res.type('application/json; charset=utf-8');
      return report.json;
    }
    res.type('text/csv; charset=utf-8');
    res.header('Content-Disposition', 'attachment; filename="training-report.csv"');
    return stringify(report.items as TrainingReportItem[], {
      ...CSV_OPTIONS,
      columns: REPORT_COLUMNS,
    });
  }

  @Get('departments')
  @ApiOperation({
    summary: 'Training completion per department',
    description:
      'One item per department, by code: the sums over the items of GET ' +
      '/reports/training?departmentId= for that department (its active members, by the same ' +
      'definitions), and percent = round(100 × acknowledged / required, 1), 100 when required is 0. ' +
      DEFINITIONS,
  })
  @ApiOkResponse({ type: TrainingDepartmentReport })
  async departments(): Promise<TrainingDepartmentReport> {
    return { items: await this.reports.departments() };
  }

  @Get('users')
  @ApiOperation({
    summary: 'Training matrix: each active user with their pending and overdue documents',
    description:
      'Active users by e-mail, each with `pending` and ' +
      '`overdue` (effective documents that require them and that they have not acknowledged) and ' +
      '`done` (how many they have acknowledged), by the same definitions as GET ' +
      '/reports/training: summed over all users, `done` is its acknowledged, and the lengths ' +
      'of `pending` and `overdue` its pending and overdue. A pending item has `dueAt` null when ' +
      'the user is covered but holds no assignment yet. With `Accept: text/csv`: the whole ' +
      'matrix (cursor and limit ignored), one row per user and item (state pending or ' +
      'overdue), or one row with an empty state for a user with nothing open; departmentIds ' +
      'joined by ";". Cells starting with = + - @ are prefixed with \'. Filters (each optional, ' +
      'also for CSV): `departmentId` its members; `documentId` the users that document requires, ' +
      'with only that document in their items (the people behind its row of GET /reports/training); ' +
      '`overdue=true` users with something overdue (of that document, when given).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TrainingMatrixPage })
  @ApiBadRequestResponse({ description: 'departmentId is not a UUID, or the cursor is not valid' })
  async matrix(
    @Query() q: TrainingMatrixQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<Page<TrainingMatrixRow> | StreamableFile> {
    res.header('Vary', 'Accept');
    if (!wantsCsv(req)) return this.reports.matrix(q);
    const pages = this.reports.matrixAll({
      departmentId: q.departmentId,
      documentId: q.documentId,
      overdue: q.overdue,
    });
    // The first page is read before the headers go out, so an error is still a problem answer.
    const first = await pages.next();
    return new StreamableFile(Readable.from(matrixCsv(first.done ? [] : first.value, pages)), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="training-matrix.csv"',
    });
  }
}

async function* matrixCsv(
  first: TrainingMatrixRow[],
  rest: AsyncGenerator<TrainingMatrixRow[]>,
): AsyncGenerator<string> {
  yield stringify([], { ...CSV_OPTIONS, columns: MATRIX_COLUMNS });
  const lines = (users: TrainingMatrixRow[]) =>
    stringify(
      users.flatMap((u) => {
        const base = { ...u, departmentIds: u.departmentIds.join(';') };
        const open = [
          ...u.pending.map((e) => ({ ...base, ...e, state: 'pending' })),
          ...u.overdue.map((e) => ({ ...base, ...e, state: 'overdue' })),
        ];
        return open.length ? open : [{ ...base, state: '' }];
      }),
      { escape_formulas: true, columns: MATRIX_COLUMNS },
    );
  yield lines(first);
  for await (const users of rest) yield lines(users);
}
