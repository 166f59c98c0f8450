import { REVISION_LABELS } from '../documents/coverage-documents.sql';
import {
  departmentsOf,
  departmentsOfAny,
  holdersOf,
  membersOf,
  rolesOfAny,
} from '../users/coverage-people.sql';

/**
 * Who must read a revision: the one rule, as SQL fragments over a "target" row that
 * carries the revision and its document's training requirement. Every use goes through
 * them: the fan-out (assignment-fanout.service.ts) turns the rule into assignments, the
 * impact query (revision-impact.service.ts) counts it before the revision is submitted,
 * the withdrawal (assignment-withdrawal.service.ts) releases whom it no longer covers, the
 * coverage lock (coverage-lock.ts) finds the requirements a person falls under, and the
 * training report (training-report.sql.ts) counts it per document. test/coverage-rule.e2e-spec.ts
 * checks that they agree.
 *
 * The target row `t` has: document_id, revision_id, change_level, label_major, label_minor
 * (the revision's label — for one not yet labelled, the label it will get),
 * retrain_on_minor, department_ids, roles, user_ids. What the rule reads about people comes
 * from the users module (src/users/coverage-people.sql.ts), about revisions from documents
 * (src/documents/coverage-documents.sql.ts).
 */

/**
 * THE rule, for people described by their departments and roles (a uuid[] and a text[]
 * expression: one person, or a class of people alike): a department or a role of target
 * row `t`'s requirement is theirs. Besides, a requirement covers the people it names.
 */
export const coversClass = (t: string, departmentIds: string, roles: string): string =>
  `(${roles} && ${t}.roles OR ${departmentIds} && ${t}.department_ids)`;

/** Target row `t`'s requirement covers users row `u`: named, or by a department or role. */
export const coversUser = (t: string, u: string): string =>
  `(${u}.id = ANY(${t}.user_ids) OR ${coversClass(t, departmentsOf(`${u}.id`), `${u}.roles`)})`;

/**
 * Requirement row `r` covers any of users `userIds` (a uuid[] expression): names one, or
 * lists a department or role of one (the GIN indexes on the requirement's arrays find it).
 */
export const coversAnyOf = (r: string, userIds: string): string =>
  `(${r}.user_ids && ${userIds} OR ${coversClass(r, departmentsOfAny(userIds), rolesOfAny(userIds))})`;

/**
 * The users (column user_id, possibly repeated) the requirement of target row `t` covers,
 * enumerated (coversUser, as index scans rather than a test of everyone): named, in a
 * listed department, or holding a listed role. `only` is a uuid[] SQL expression
 * restricting them (NULL: no restriction). For a CROSS JOIN LATERAL.
 */
export const coveredUsers = (t: string, only: string): string => `
  SELECT n AS user_id FROM unnest(${t}.user_ids) n
   WHERE ${only} IS NULL OR n = ANY(${only})
  UNION ALL ${membersOf(`${t}.department_ids`, only)}
  UNION ALL ${holdersOf(`${t}.roles`, only)}`;

/**
 * The pairs (document_id, class) where target rows `docs` cover class rows `classes`
 * (class, department_ids, roles), enumerated (coversClass, as equi-joins on each
 * department and role rather than an overlap test per pair).
 */
export const coveredClasses = (docs: string, classes: string): string => `
  SELECT d.document_id, c.class
    FROM ${docs} d CROSS JOIN LATERAL unnest(d.department_ids) dd(id)
    JOIN (SELECT class, id FROM ${classes}, unnest(department_ids) id) c ON c.id = dd.id
  UNION
  SELECT d.document_id, c.class
    FROM ${docs} d CROSS JOIN LATERAL unnest(d.roles) dr(role)
    JOIN (SELECT class, role FROM ${classes}, unnest(roles) role) c ON c.role = dr.role`;

/** The pairs (document_id, user_id) of the people target rows `docs` name, enumerated. */
export const namedUsers = (docs: string): string =>
  `SELECT d.document_id, n.user_id FROM ${docs} d CROSS JOIN LATERAL unnest(d.user_ids) n(user_id)`;

/**
 * Row `u` (a user, or a class of people: training_class_people, training_report_counts)
 * is active and can acknowledge (`roles`: the acknowledging roles, a text[] expression).
 * Statements that enumerate people join users' activeReaders (the same test) instead.
 */
export const activeReader = (u: string, roles: string): string =>
  `(${u}.active AND ${u}.roles && ${roles})`;

/**
 * Excused from a minor revision: the requirement does not retrain on minor, and `user`
 * acknowledged an earlier revision of the same major version and was given no assignment
 * for any revision after it (so was not asked to re-read; a withdrawn one does not count)
 * up to target row `t`'s revision, exclusive (before the fan-out: will it assign them?) or
 * `inclusive` (once effective: are they still excused?).
 */
export const carriesOver = (t: string, user: string, inclusive = false): string => `(
  ${t}.change_level = 'minor' AND NOT ${t}.retrain_on_minor AND EXISTS (
    SELECT 1 FROM acknowledgements cov_a JOIN ${REVISION_LABELS} cov_ar ON cov_ar.id = cov_a.revision_id
     WHERE cov_a.user_id = ${user} AND cov_a.document_id = ${t}.document_id
       AND cov_ar.label_major = ${t}.label_major AND cov_ar.label_minor < ${t}.label_minor
       AND NOT EXISTS (
         SELECT 1 FROM training_assignments cov_x JOIN ${REVISION_LABELS} cov_m ON cov_m.id = cov_x.revision_id
          WHERE cov_x.user_id = ${user} AND cov_x.document_id = ${t}.document_id
            AND cov_x.status <> 'withdrawn' -- taken back: not asked after all
            AND cov_m.label_major = ${t}.label_major AND cov_m.label_minor > cov_ar.label_minor
            AND cov_m.label_minor ${inclusive ? '<=' : '<'} ${t}.label_minor)))`;

/** `user` has already acknowledged target row `t`'s revision. */
export const alreadyRead = (t: string, user: string): string =>
  `EXISTS (SELECT 1 FROM acknowledgements cov_r
            WHERE cov_r.user_id = ${user} AND cov_r.revision_id = ${t}.revision_id)`;

/**
 * The active readers by coverage class (department_ids, roles, n), from the counts triggers
 * keep per class (training_class_people, migration 1766400000000-training-report-counts.ts):
 * a requirement covers all of a class or none of it, so the report and the impact count
 * classes (a few hundred rows), not people. `roles`: the acknowledging roles (text[]).
 */
export const readerClasses = (roles: string): string => `
  SELECT department_ids, roles, sum(people)::int AS n
    FROM training_class_people k
   WHERE ${activeReader('k', roles)}
   GROUP BY department_ids, roles
  HAVING sum(people) > 0`;
