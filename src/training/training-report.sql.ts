/*
 * The definitions, in one place (they are also in the OpenAPI description), by the rule
 * the fan-out uses (coverage.sql.ts):
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

import { EFFECTIVE_DOCUMENTS, REVISION_LABELS } from '../documents/coverage-documents.sql';
import {
  DEPARTMENTS,
  departmentsOf,
  isMember,
  activeReaders,
  sortedDepartmentsOf,
} from '../users/coverage-people.sql';
import { USER_REFS } from '../users/users.sql';
import {
  activeReader,
  alreadyRead,
  carriesOver,
  coveredClasses,
  namedUsers,
  coversClass,
  coversUser,
  readerClasses,
} from './coverage.sql';

/** Effective documents with their current revision and training requirement (empty arrays when none). */
const CURRENT_DOCUMENTS = `
  SELECT d.document_id, d.number, d.title, d.revision_id, d.label,
         d.label_major, d.label_minor, d.change_level,
         tr.document_id IS NOT NULL AS has_requirement,
         COALESCE(tr.retrain_on_minor, false) AS retrain_on_minor,
         COALESCE(tr.department_ids, '{}') AS department_ids,
         COALESCE(tr.roles, '{}') AS roles,
         COALESCE(tr.user_ids, '{}') AS user_ids,
         COALESCE(d.change_level = 'minor' AND NOT tr.retrain_on_minor, false) AS carries_over
    FROM ${EFFECTIVE_DOCUMENTS} d
    LEFT JOIN training_requirements tr ON tr.document_id = d.document_id`;

/** Users row u is active, acknowledges ($3), and is a member of department $1 when given. */
const eligible = (u: string) => `(${activeReader(u, '$3::text[]')}
  AND ($1::uuid IS NULL OR $1::uuid = ANY(${departmentsOf(`${u}.id`)})))`;

/**
 * Docs row d requires users row u, checked row by row against the base tables (index
 * probes or hash joins, as the planner likes; never a CTE of all users, which has no index).
 */
const requires = (d: string, u: string) => `(${eligible(u)} AND ${coversUser(d, u)})`;

/** An assignment that is late: status overdue, or still pending past its due time. */
export const LATE = `(t.status = 'overdue' OR (t.status = 'pending' AND t.due_at < now()))`;

/** The active users who acknowledge ($1 the roles that do), as a relation. */
const READERS = activeReaders('$1::text[]');

/** A scope row s (department_id, NULL: everyone) includes the users of departments `ids`. */
const inScope = (ids: string) => `(s.department_id IS NULL OR s.department_id = ANY(${ids}))`;

/**
 * The report, per scope and effective document: `scopes` gives rows (key uuid, department_id
 * uuid or NULL: everyone), `documentId` a uuid expression or NULL. $1 the roles that
 * acknowledge. Columns: key, scope, the document's, required, acknowledged, overdue.
 *
 * Acknowledged and overdue are read from training_report_counts (kept by triggers, per
 * revision and coverage class: migration 1766400000000-training-report-counts.ts), for
 * the classes the requirement covers by a department or a role; to them come, person by
 * person, the few the kept counts cannot say: people covered only by name, the
 * minor-revision carry-over, and assignments late by time alone (pending past due, until
 * the overdue job marks them; training_assignments_due_idx finds them).
 */
const reportCtes = (scopes: string, documentId: string) => `
WITH docs AS (
  ${CURRENT_DOCUMENTS}
   WHERE ${documentId} IS NULL OR d.document_id = ${documentId}
),
scopes AS (${scopes}),
classes AS (
  SELECT row_number() OVER () AS class, c.department_ids, c.roles, c.n
    FROM (${readerClasses('$1::text[]')}) c
),
covered_classes AS (${coveredClasses('docs', 'classes')}),
required_by_class AS (
  SELECT s.key, cc.document_id, sum(c.n)::int AS n
    FROM covered_classes cc JOIN classes c USING (class) JOIN scopes s ON ${inScope('c.department_ids')}
   GROUP BY s.key, cc.document_id
),
kept AS (  -- the current revision's kept counts, classes covered by a department or a role
  SELECT s.key, d.document_id, sum(k.acknowledged)::int AS acknowledged, sum(k.overdue)::int AS overdue
    FROM docs d
    JOIN training_report_counts k ON k.revision_id = d.revision_id
    JOIN scopes s ON ${inScope('k.department_ids')}
   WHERE ${activeReader('k', '$1::text[]')}
     AND ${coversClass('d', 'k.department_ids', 'k.roles')}
   GROUP BY s.key, d.document_id
),
named AS (  -- named, and not covered by a department or role: counted one by one
  SELECT DISTINCT d.document_id, d.revision_id, u.id AS user_id
    FROM docs d CROSS JOIN LATERAL unnest(d.user_ids) n(user_id)
    JOIN ${READERS} u ON u.id = n.user_id
   WHERE NOT ${coversClass('d', departmentsOf('u.id'), 'u.roles')}
),
-- The checks below sit in FILTER clauses on purpose: there they stay index probes per
-- row. In WHERE, PostgreSQL turns NOT EXISTS into anti-joins whose row estimates led it
-- to nest loops over whole CTEs: minutes instead of seconds at 5 million rows.
carried AS (  -- read an earlier revision of the same major, not asked to read since
  SELECT d.document_id,
         unnest(array_agg(DISTINCT a.user_id) FILTER (
           WHERE NOT ${alreadyRead('d', 'a.user_id')} AND ${carriesOver('d', 'a.user_id', true)})) AS user_id
    FROM docs d
    JOIN ${REVISION_LABELS} ar ON ar.document_id = d.document_id AND ar.label_major = d.label_major
     AND ar.label_minor < d.label_minor
    JOIN acknowledgements a ON a.revision_id = ar.id
    JOIN ${READERS} u ON u.id = a.user_id
   WHERE d.carries_over AND ${coversUser('d', 'u')}
   GROUP BY d.document_id
),
late_by_time AS (  -- pending past due: late already, overdue once the job marks it
  SELECT d.document_id,
         unnest(array_agg(t.user_id) FILTER (
           WHERE NOT EXISTS (SELECT 1 FROM acknowledgements a
                              WHERE a.user_id = t.user_id AND a.revision_id = t.revision_id))) AS user_id
    FROM training_assignments t
    JOIN docs d ON d.revision_id = t.revision_id
    JOIN ${READERS} u ON u.id = t.user_id
   WHERE t.status = 'pending' AND t.due_at < now() AND ${coversUser('d', 'u')}
   GROUP BY d.document_id
),
people AS (
  SELECT n.document_id, n.user_id, 1 AS required,
         EXISTS (SELECT 1 FROM acknowledgements a
                  WHERE a.user_id = n.user_id AND a.revision_id = n.revision_id)::int AS acknowledged,
         EXISTS (SELECT 1 FROM training_assignments t  -- acknowledged: done, never overdue
                  WHERE t.user_id = n.user_id AND t.revision_id = n.revision_id
                    AND t.status = 'overdue')::int AS overdue
    FROM named n
  UNION ALL
  SELECT document_id, user_id, 0, 1, 0 FROM carried
  UNION ALL
  SELECT document_id, user_id, 0, 0, 1 FROM late_by_time
),
by_people AS (
  SELECT s.key, p.document_id, sum(p.required)::int AS required,
         sum(p.acknowledged)::int AS acknowledged, sum(p.overdue)::int AS overdue
    FROM people p
    JOIN scopes s ON ${inScope(departmentsOf('p.user_id'))}
   GROUP BY s.key, p.document_id
),
counted AS (
  SELECT s.key, s.department_id AS scope, d.*,
         COALESCE(rc.n, 0) + COALESCE(bp.required, 0) AS required,
         COALESCE(kp.acknowledged, 0) + COALESCE(bp.acknowledged, 0) AS acknowledged,
         COALESCE(kp.overdue, 0) + COALESCE(bp.overdue, 0) AS overdue
    FROM scopes s CROSS JOIN docs d
    LEFT JOIN required_by_class rc ON rc.key = s.key AND rc.document_id = d.document_id
    LEFT JOIN kept kp ON kp.key = s.key AND kp.document_id = d.document_id
    LEFT JOIN by_people bp ON bp.key = s.key AND bp.document_id = d.document_id
)`;

/**
 * Report: $1 the roles that acknowledge, $2 department (or NULL: everyone), $3 document
 * (or NULL). A department's report lists the
 * documents whose requirement names it or that require one of its members.
 */
export const REPORT_SQL = `
${reportCtes(`SELECT COALESCE($2::uuid, '00000000-0000-0000-0000-000000000000') AS key, $2::uuid AS department_id`, '$3::uuid')}
SELECT document_id, number, title, revision_id, label, required, acknowledged, overdue,
       CASE WHEN required = 0 THEN 100 ELSE round(100.0 * acknowledged / required, 1) END::float8 AS percent
  FROM counted
 WHERE scope IS NULL OR (has_requirement AND (scope = ANY(department_ids) OR required > 0))
 ORDER BY number`;

/**
 * Per department, by code: the per-document report of its members, summed (documents left
 * out of a department's report require none of them, so count nothing). $1 as REPORT_SQL.
 */
export const DEPARTMENTS_REPORT_SQL = `
${reportCtes(`SELECT id AS key, id AS department_id FROM ${DEPARTMENTS} dk`, 'NULL::uuid')}
SELECT dep.id, dep.code, dep.name, COALESCE(sum(c.required), 0)::int AS required,
       COALESCE(sum(c.acknowledged), 0)::int AS acknowledged, COALESCE(sum(c.overdue), 0)::int AS overdue
  FROM ${DEPARTMENTS} dep LEFT JOIN counted c ON c.key = dep.id
 GROUP BY dep.id, dep.code, dep.name
 ORDER BY dep.code`;

/**
 * Users row u holds a late assignment for the current revision of an effective document
 * (document $4, when given) that still requires them and that they have not acknowledged:
 * the per-user form of the report's overdue. Driven by the user's own assignments
 * (training_assignments_user_idx), so a page costs its users' assignments, not all documents.
 */
const HAS_OVERDUE = (u: string) => `EXISTS (
  SELECT 1 FROM training_assignments t
    JOIN (${CURRENT_DOCUMENTS}) d ON d.revision_id = t.revision_id
   WHERE t.user_id = ${u}.id AND ${LATE} AND ($4::uuid IS NULL OR d.document_id = $4::uuid)
     AND ${requires('d', u)}
     AND NOT EXISTS (SELECT 1 FROM acknowledgements a
                      WHERE a.user_id = ${u}.id AND a.revision_id = t.revision_id))`;

/**
 * A page of the matrix: active users by e-mail after $2, $6 of them; members of department $1,
 * required by document $4 and holding something overdue ($5) when given. $3 the roles that
 * acknowledge.
 */
export const MATRIX_USERS_SQL = `
SELECT u.id, u.name, u.email,
       ${sortedDepartmentsOf('u.id')} AS department_ids
  FROM ${USER_REFS} u
 WHERE u.active
   AND ($1::uuid IS NULL OR ${isMember('u.id', '$1::uuid')})
   AND ($2::text IS NULL OR u.email > $2)
   AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM (${CURRENT_DOCUMENTS}) d
                                     WHERE d.document_id = $4::uuid AND ${requires('d', 'u')}))
   AND (NOT $5::boolean OR ${HAS_OVERDUE('u')})
 ORDER BY u.email
 LIMIT $6`;

/**
 * Training state of the given users ($1) for every effective document that requires them
 * ($2 the roles that acknowledge), or only document $3 when given.
 */
export const MATRIX_SQL = `
WITH page AS MATERIALIZED (
  SELECT u.id, u.roles, ${departmentsOf('u.id')} AS department_ids
    FROM ${USER_REFS} u
   WHERE u.id = ANY($1::uuid[]) AND u.roles && $2::text[]
),
docs AS MATERIALIZED (
  ${CURRENT_DOCUMENTS}
   WHERE tr.document_id IS NOT NULL AND ($3::uuid IS NULL OR d.document_id = $3::uuid)
),
page_people AS (SELECT id AS class, department_ids, roles FROM page),
covered AS (  -- the rule (coverage.sql.ts), each person of the page as a class of one
  SELECT c.class AS user_id, c.document_id FROM (${coveredClasses('docs', 'page_people')}) c
  UNION
  SELECT p.id, n.document_id FROM page p JOIN (${namedUsers('docs')}) n ON n.user_id = p.id
),
pairs AS (
  SELECT c.user_id, d.document_id, d.number, d.revision_id, d.label,
         ack.id IS NOT NULL
         OR ${carriesOver('d', 'c.user_id', true)} AS acknowledged
    FROM covered c
    JOIN docs d USING (document_id)
    -- LATERAL … LIMIT 1: one index probe per pair, never a hash over the whole table
    LEFT JOIN LATERAL (SELECT a.id FROM acknowledgements a
                        WHERE a.user_id = c.user_id AND a.revision_id = d.revision_id LIMIT 1) ack ON true
)
SELECT pr.user_id, 'done' AS state, count(*)::int AS done,
       NULL::uuid AS document_id, NULL AS number, NULL::uuid AS revision_id, NULL AS label,
       NULL::timestamptz AS due_at
  FROM pairs pr WHERE pr.acknowledged GROUP BY pr.user_id
UNION ALL
SELECT pr.user_id, CASE WHEN t.id IS NOT NULL AND ${LATE} THEN 'overdue' ELSE 'pending' END, 0,
       pr.document_id, pr.number, pr.revision_id, pr.label, t.due_at
  FROM pairs pr
  LEFT JOIN LATERAL (SELECT x.id, x.status, x.due_at FROM training_assignments x  -- withdrawn: not held
                      WHERE x.user_id = pr.user_id AND x.revision_id = pr.revision_id
                        AND x.status <> 'withdrawn' LIMIT 1) t ON true
 WHERE NOT pr.acknowledged
 ORDER BY 1, 8 NULLS LAST, 5`;
