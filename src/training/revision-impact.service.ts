import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../common/problem';
import { EFFECTIVE_REVISIONS, REVISION_LABELS } from '../documents/coverage-documents.sql';
import { activeReaders, departmentName, departmentsOf } from '../users/coverage-people.sql';
import { carriesOver, coversClass, coversUser, readerClasses } from './coverage.sql';
import { ImpactDepartment, RevisionImpactResponse } from './dto/impact.dto';
import { ACKNOWLEDGING_ROLES } from './training-roles';

/**
 * Who the fan-out will assign when revision $1 becomes effective, by the shared rule
 * (coverage.sql.ts), in one statement, set-based: the active readers a department or role
 * of the requirement covers are counted by class (readerClasses: a few dozen rows, not
 * 50,000 people), those it covers by name only are added one by one, and only the
 * people who acknowledged this revision or an earlier one of its major version (when a
 * minor revision may excuse them) are looked at one by one, to take out those who need
 * not read it. A revision without a label yet is taken with the one it will get: the same
 * major for a minor change, one minor up from the effective one. $2 the roles that
 * acknowledge.
 */
const IMPACT_SQL = `
  WITH target AS (
    SELECT r.document_id, r.id AS revision_id, r.change_level,
           COALESCE(r.label_major, e.label_major) AS label_major,
           COALESCE(r.label_minor, e.label_minor + 1) AS label_minor,
           tr.retrain_on_minor, tr.department_ids, tr.roles, tr.user_ids
      FROM ${REVISION_LABELS} r
      JOIN training_requirements tr ON tr.document_id = r.document_id
      LEFT JOIN ${EFFECTIVE_REVISIONS} e ON e.document_id = r.document_id AND e.id <> r.id
     WHERE r.id = $1
  ), by_class AS (  -- covered by a department or a role: whole classes
    SELECT c.department_ids, c.n
      FROM target t, (${readerClasses('$2::text[]')}) c
     WHERE ${coversClass('t', 'c.department_ids', 'c.roles')}
  ), by_name AS (  -- named, and in no class above
    SELECT u.id AS user_id
      FROM target t JOIN ${activeReaders('$2::text[]')} u ON u.id = ANY(t.user_ids)
     WHERE NOT ${coversClass('t', departmentsOf('u.id'), 'u.roles')}
  ), readers_before AS (  -- of this revision, or of an earlier one that may excuse from it
    SELECT a.user_id, bool_or(ar.id = t.revision_id) AS read
      FROM target t
      JOIN ${REVISION_LABELS} ar ON ar.document_id = t.document_id
       AND (ar.id = t.revision_id
            OR (t.change_level = 'minor' AND NOT t.retrain_on_minor
                AND ar.label_major = t.label_major AND ar.label_minor < t.label_minor))
      JOIN acknowledgements a ON a.revision_id = ar.id
     GROUP BY a.user_id
  ), judged AS MATERIALIZED (  -- covered active readers among them: each rule checked once
    SELECT rb.user_id, rb.read, NOT rb.read AND ${carriesOver('t', 'rb.user_id')} AS excused
      FROM readers_before rb CROSS JOIN target t
      JOIN ${activeReaders('$2::text[]')} u ON u.id = rb.user_id
     WHERE ${coversUser('t', 'u')}
  ), not_asked AS (  -- who need not read it
    SELECT user_id, excused FROM judged WHERE read OR excused
  ), counted AS (  -- +n per department of each class, ±1 per person (NULL: in no department)
    SELECT c.department_ids, c.n FROM by_class c
    UNION ALL
    SELECT ${departmentsOf('p.user_id')}, p.sign
      FROM (SELECT user_id, 1 AS sign FROM by_name
            UNION ALL SELECT user_id, -1 FROM not_asked) p
  ), per_department AS (
    SELECT d.id AS department_id, ${departmentName('d.id')} AS name, sum(c.n)::int AS count
      FROM counted c
      CROSS JOIN LATERAL unnest(CASE WHEN cardinality(c.department_ids) = 0 THEN '{NULL}'::uuid[]
                                     ELSE c.department_ids END) d(id)
     GROUP BY d.id
    HAVING sum(c.n) > 0
  )
  SELECT EXISTS (SELECT 1 FROM ${REVISION_LABELS} f WHERE f.id = $1) AS found,
         ((SELECT COALESCE(sum(n), 0) FROM by_class) + (SELECT count(*) FROM by_name)
           - (SELECT count(*) FROM not_asked))::int AS total,
         (SELECT count(*) FILTER (WHERE excused) FROM not_asked)::int AS excused_minor,
         COALESCE((SELECT json_agg(json_build_object('departmentId', department_id,
                                                     'name', name, 'count', count)
                                   ORDER BY name NULLS LAST, department_id)
                     FROM per_department), '[]'::json) AS departments`;

@Injectable()
export class RevisionImpactService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async impact(revisionId: string): Promise<RevisionImpactResponse> {
    const [row] = await this.ds.query<
      { found: boolean; total: number; excused_minor: number; departments: ImpactDepartment[] }[]
    >(IMPACT_SQL, [revisionId, ACKNOWLEDGING_ROLES]);
    if (!row?.found) throw notFound('Revision');
    return { total: row.total, excusedMinor: row.excused_minor, departments: row.departments };
  }
}
