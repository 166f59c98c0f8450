import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../common/problem';
import { activeReader, alreadyRead, carriesOver, coveredUsers } from './coverage.sql';
import { ImpactDepartment, RevisionImpactResponse } from './dto/impact.dto';
import { ACKNOWLEDGING_ROLES } from './training-roles';

/**
 * Who the fan-out will assign when revision $1 becomes effective, by the shared rule
 * (coverage.sql.ts), in one statement. A revision without a label yet is taken with the
 * one it will get: the same major for a minor change, one minor up from the effective one.
 */
const IMPACT_SQL = `
  WITH target AS (
    SELECT r.document_id, r.id AS revision_id, r.change_level,
           COALESCE(r.label_major, e.label_major) AS label_major,
           COALESCE(r.label_minor, e.label_minor + 1) AS label_minor,
           tr.retrain_on_minor, tr.department_ids, tr.roles, tr.user_ids
      FROM revisions r
      JOIN training_requirements tr ON tr.document_id = r.document_id
      LEFT JOIN revisions e ON e.document_id = r.document_id AND e.status = 'effective'
                           AND e.id <> r.id
     WHERE r.id = $1
  ), covered AS (
    SELECT DISTINCT t.revision_id, c.user_id
      FROM target t
      CROSS JOIN LATERAL (${coveredUsers('t', 'NULL::uuid[]')}) c
  ), readers AS (
    SELECT c.user_id, ${carriesOver('t', 'c.user_id')} AS excused
      FROM covered c
      JOIN target t ON t.revision_id = c.revision_id
      JOIN users u ON u.id = c.user_id AND ${activeReader('u', '$2::text[]')}
     WHERE NOT ${alreadyRead('t', 'c.user_id')}
  ), per_department AS (
    SELECT ud.department_id, d.name, count(*)::int AS count
      FROM readers x
      LEFT JOIN user_departments ud ON ud.user_id = x.user_id
      LEFT JOIN departments d ON d.id = ud.department_id
     WHERE NOT x.excused
     GROUP BY ud.department_id, d.name
  )
  SELECT EXISTS (SELECT 1 FROM revisions WHERE id = $1) AS found,
         (SELECT count(*) FILTER (WHERE NOT excused) FROM readers)::int AS total,
         (SELECT count(*) FILTER (WHERE excused) FROM readers)::int AS excused_minor,
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
