/*
 * The reference for the kept counts (src/training/training-report.sql.ts): the training
 * report recounted in full from users × assignments × acknowledgements, as it was computed
 * before the counts were kept. A test (test/training-counts.e2e-spec.ts) and
 * `bench:training --verify` compare the report with it. Deliberately a frozen copy: it
 * must not change along with the code it checks.
 *
 * The definitions, in one place (they are also in the OpenAPI description), kept in step
 * with the fan-out (assignment-fanout.service.ts):
 *
 * - required(user, document): the user is active, holds a role that acknowledges (not
 *   auditor only), and the document's training requirement covers them now: one of their
 *   departments is in department_ids, one of their roles in roles, or their id in user_ids.
 *   An assignment of a user the requirement no longer covers is not counted.
 * - acknowledged: required, and they acknowledged the current effective revision; or
 *   (carry-over) the current revision is minor, the requirement does not retrain on minor
 *   revisions, and they acknowledged an earlier revision of the same major version and were
 *   given no assignment for any later revision up to the current one (so were never asked
 *   to re-read since; a withdrawn assignment does not count).
 * - overdue: required, not acknowledged, and their assignment for the current revision is
 *   late (status overdue, or pending past due_at).
 * - pending: the rest of required (to read and not late yet, or not assigned yet).
 */

import { ACKNOWLEDGING_ROLES } from '../src/training/training-roles';

/** Effective documents with their current revision and training requirement (empty arrays when none). */
const CURRENT_DOCUMENTS = `
  SELECT d.id AS document_id, d.number, d.title, r.id AS revision_id, r.label,
         r.label_major, r.label_minor,
         tr.document_id IS NOT NULL AS has_requirement,
         COALESCE(tr.department_ids, '{}') AS department_ids,
         COALESCE(tr.roles, '{}') AS roles,
         COALESCE(tr.user_ids, '{}') AS user_ids,
         COALESCE(r.change_level = 'minor' AND NOT tr.retrain_on_minor, false) AS carries_over
    FROM documents d
    JOIN revisions r ON r.document_id = d.id AND r.status = 'effective'
    LEFT JOIN training_requirements tr ON tr.document_id = d.id
   WHERE d.status = 'effective'`;

/**
 * Carry-over: this user got no assignment for a revision of document row d after the
 * acknowledged revision ar, up to the current one (a withdrawn one was taken back: not
 * asked after all, as the fan-out counts it).
 */
const NOT_ASKED_SINCE = (user: string) => `NOT EXISTS (
  SELECT 1 FROM revisions m
    JOIN training_assignments x ON x.revision_id = m.id AND x.user_id = ${user}
                               AND x.status <> 'withdrawn'
   WHERE m.document_id = d.document_id AND m.label_major = d.label_major
     AND m.label_minor > ar.label_minor AND m.label_minor <= d.label_minor)`;

/** Users row u is active, acknowledges ($3), and is a member of department $1 when given. */
const eligible = (u: string) => `(${u}.active AND ${u}.roles && $3::text[]
  AND ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM user_departments f
                                    WHERE f.user_id = ${u}.id AND f.department_id = $1::uuid)))`;

/** Docs row d covers users row u by a department or a role (not by name). */
const coversByGroup = (d: string, u: string) => `(${u}.roles && ${d}.roles
  OR EXISTS (SELECT 1 FROM user_departments ud
              WHERE ud.user_id = ${u}.id AND ud.department_id = ANY(${d}.department_ids)))`;

/**
 * Docs row d requires users row u, checked row by row against the base tables (index
 * probes or hash joins, as the planner likes; never a CTE of all users, which has no index).
 */
const requires = (d: string, u: string) =>
  `(${eligible(u)} AND (${u}.id = ANY(${d}.user_ids) OR ${coversByGroup(d, u)}))`;

/** An assignment that is late: status overdue, or still pending past its due time. */
const LATE = `(t.status = 'overdue' OR (t.status = 'pending' AND t.due_at < now()))`;

/**
 * Users with the same departments and roles are covered alike: the report counts them per
 * class, so "required" costs documents × classes, not documents × users. $1 department
 * (or NULL), $2 the roles that acknowledge.
 */
export const RECOUNT_CLASSES_SQL = `
SELECT department_ids, roles, count(*)::int AS n
  FROM (SELECT u.roles, COALESCE(m.department_ids, '{}') AS department_ids
          FROM users u
          LEFT JOIN (SELECT user_id, array_agg(department_id) AS department_ids
                       FROM user_departments GROUP BY user_id) m ON m.user_id = u.id
         WHERE u.active AND u.roles && $2::text[]
           AND ($1::uuid IS NULL OR u.id IN (SELECT f.user_id FROM user_departments f
                                              WHERE f.department_id = $1::uuid))) p
 GROUP BY department_ids, roles`;

/**
 * Report: $1 department (or NULL), $2 document (or NULL), $3 the roles that acknowledge,
 * $4 the user classes (RECOUNT_CLASSES_SQL) as JSON.
 */
export const RECOUNT_SQL = `
WITH docs AS (
  ${CURRENT_DOCUMENTS} AND ($2::uuid IS NULL OR d.id = $2::uuid)
),
classes AS (
  SELECT row_number() OVER () AS class, c.department_ids, c.roles, c.n
    FROM jsonb_to_recordset($4::jsonb) AS c(department_ids uuid[], roles text[], n int)
),
covered_classes AS (  -- equi-joins on each department and role, not an overlap test per pair
  SELECT d.document_id, c.class
    FROM docs d CROSS JOIN LATERAL unnest(d.department_ids) dd(id)
    JOIN (SELECT class, id FROM classes, unnest(department_ids) id) c ON c.id = dd.id
  UNION
  SELECT d.document_id, c.class
    FROM docs d CROSS JOIN LATERAL unnest(d.roles) dr(role)
    JOIN (SELECT class, role FROM classes, unnest(roles) role) c ON c.role = dr.role
),
required_by_class AS (
  SELECT cc.document_id, sum(c.n)::int AS n
    FROM covered_classes cc JOIN classes c USING (class)
   GROUP BY cc.document_id
),
required_by_name AS (  -- named users their class did not already count
  SELECT d.document_id, count(DISTINCT u.id)::int AS n
    FROM docs d
   CROSS JOIN LATERAL unnest(d.user_ids) named(user_id)
    JOIN users u ON u.id = named.user_id
   WHERE ${eligible('u')} AND NOT ${coversByGroup('d', 'u')}
   GROUP BY d.document_id
),
acknowledged AS (  -- the current revision (one acknowledgement per user)
  SELECT d.document_id, count(*)::int AS n
    FROM docs d
    JOIN acknowledgements a ON a.revision_id = d.revision_id
    JOIN users u ON u.id = a.user_id
   WHERE ${requires('d', 'u')}
   GROUP BY d.document_id
),
-- The NOT EXISTS checks below sit in FILTER clauses on purpose: there they stay index
-- probes per row. In WHERE, PostgreSQL turns them into anti-joins whose row estimates
-- (it cannot know an overdue assignment is never acknowledged) led it to nest loops over
-- whole CTEs: minutes instead of seconds at 5 million acknowledgements.
carried_over AS (  -- not the current revision, but an earlier one of the same major, not asked since
  SELECT d.document_id,
         count(DISTINCT a.user_id) FILTER (
           WHERE NOT EXISTS (SELECT 1 FROM acknowledgements c
                              WHERE c.user_id = a.user_id AND c.revision_id = d.revision_id)
             AND ${NOT_ASKED_SINCE('a.user_id')})::int AS n
    FROM docs d
    JOIN revisions ar ON ar.document_id = d.document_id AND ar.label_major = d.label_major
     AND ar.label_minor < d.label_minor
    JOIN acknowledgements a ON a.revision_id = ar.id
    JOIN users u ON u.id = a.user_id
   WHERE d.carries_over AND ${requires('d', 'u')}
   GROUP BY d.document_id
),
overdue AS (
  SELECT d.document_id,
         count(*) FILTER (
           WHERE NOT EXISTS (SELECT 1 FROM acknowledgements a
                              WHERE a.user_id = t.user_id AND a.revision_id = t.revision_id))::int AS n
    FROM docs d
    JOIN training_assignments t ON t.revision_id = d.revision_id AND ${LATE}
    JOIN users u ON u.id = t.user_id
   WHERE ${requires('d', 'u')}
   GROUP BY d.document_id
),
counted AS (
  SELECT d.*, COALESCE(rc.n, 0) + COALESCE(rn.n, 0) AS required,
         COALESCE(ak.n, 0) + COALESCE(co.n, 0) AS acknowledged, COALESCE(od.n, 0) AS overdue
    FROM docs d
    LEFT JOIN required_by_class rc USING (document_id)
    LEFT JOIN required_by_name rn USING (document_id)
    LEFT JOIN acknowledged ak USING (document_id)
    LEFT JOIN carried_over co USING (document_id)
    LEFT JOIN overdue od USING (document_id)
)
SELECT document_id, number, title, revision_id, label, required, acknowledged, overdue,
       CASE WHEN required = 0 THEN 100 ELSE round(100.0 * acknowledged / required, 1) END::float8 AS percent
  FROM counted
 WHERE $1::uuid IS NULL OR (has_requirement AND ($1::uuid = ANY(department_ids) OR required > 0))
 ORDER BY number`;

/** The figures the report's numbers are compared on. */
export interface CountRow {
  document_id: string;
  required: number;
  acknowledged: number;
  overdue: number;
}

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** The full recount for department `departmentId` and document `documentId` (each NULL: all). */
export async function recount(
  query: Query,
  departmentId: string | null,
  documentId: string | null,
): Promise<CountRow[]> {
  const classes = await query(RECOUNT_CLASSES_SQL, [departmentId, ACKNOWLEDGING_ROLES]);
  return query<CountRow>(RECOUNT_SQL, [
    departmentId,
    documentId,
    ACKNOWLEDGING_ROLES,
    JSON.stringify(classes),
  ]);
}

/** Where two reports differ: "document: required/acknowledged/overdue vs …", one line each. */
export function differences(got: CountRow[], expected: CountRow[]): string[] {
  const key = (r: CountRow) => `${r.required}/${r.acknowledged}/${r.overdue}`;
  const want = new Map(expected.map((r) => [r.document_id, key(r)]));
  const have = new Map(got.map((r) => [r.document_id, key(r)]));
  return [...new Set([...want.keys(), ...have.keys()])]
    .filter((id) => want.get(id) !== have.get(id))
    .map((id) => `${id}: ${have.get(id) ?? 'missing'} vs recount ${want.get(id) ?? 'missing'}`);
}
