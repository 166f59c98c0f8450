/**
 * Who must read a revision: the one rule, as SQL fragments over a "target" row that
 * carries the revision and its document's training requirement. The fan-out
 * (assignment-fanout.service.ts) turns it into assignments; the impact query
 * (revision-impact.service.ts) counts it before the revision is submitted. Both use these
 * fragments, so "N people will have to read this" is what the fan-out then creates.
 *
 * The target row `t` has: document_id, revision_id, change_level, label_major, label_minor
 * (the revision's label — for one not yet labelled, the label it will get),
 * retrain_on_minor, department_ids, roles, user_ids.
 */

/**
 * The users (column user_id, possibly repeated) the requirement of target row `t` covers:
 * named, in a listed department, or holding a listed role. `only` is a uuid[] SQL
 * expression restricting them (NULL: no restriction). For a CROSS JOIN LATERAL.
 */
export const coveredUsers = (t: string, only: string): string => `
  SELECT n AS user_id FROM unnest(${t}.user_ids) n
   WHERE ${only} IS NULL OR n = ANY(${only})
  UNION ALL
  SELECT ud.user_id FROM user_departments ud
   WHERE ud.department_id = ANY(${t}.department_ids)
     AND (${only} IS NULL OR ud.user_id = ANY(${only}))
  UNION ALL
  SELECT u.id FROM users u
   WHERE cardinality(${t}.roles) > 0 AND u.roles && ${t}.roles
     AND (${only} IS NULL OR u.id = ANY(${only}))`;

/**
 * The rule itself, for people described by an array of departments and one of roles (a
 * person, or a class of people alike, CLASSES_SQL): a department or a role of target row
 * `t`'s requirement is theirs.
 */
export const coversClass = (t: string, departmentIds: string, roles: string): string =>
  `(${roles} && ${t}.roles OR ${departmentIds} && ${t}.department_ids)`;

/** Target row `t`'s requirement covers users row `u`: named, by a department or by a role. */
export const coversUser = (t: string, u: string): string =>
  `(${u}.id = ANY(${t}.user_ids) OR ${u}.roles && ${t}.roles
    OR EXISTS (SELECT 1 FROM user_departments ud
                WHERE ud.user_id = ${u}.id AND ud.department_id = ANY(${t}.department_ids)))`;

/** Users row `u` is active and can acknowledge (`roles`: the acknowledging roles, a text[] expression). */
export const activeReader = (u: string, roles: string): string =>
  `(${u}.active AND ${u}.roles && ${roles})`;

/**
 * Excused from a minor revision: the requirement does not retrain on minor, and `user`
 * acknowledged an earlier revision of the same major version and was given no assignment
 * for any revision in between (so was not asked to re-read; a withdrawn one does not count).
 */
export const carriesOver = (t: string, user: string): string => `(
  ${t}.change_level = 'minor' AND NOT ${t}.retrain_on_minor AND EXISTS (
    SELECT 1 FROM acknowledgements a JOIN revisions ar ON ar.id = a.revision_id
     WHERE a.user_id = ${user} AND a.document_id = ${t}.document_id
       AND ar.label_major = ${t}.label_major AND ar.label_minor < ${t}.label_minor
       AND NOT EXISTS (
         SELECT 1 FROM training_assignments x JOIN revisions m ON m.id = x.revision_id
          WHERE x.user_id = ${user} AND x.document_id = ${t}.document_id
            AND x.status <> 'withdrawn' -- taken back: not asked after all
            AND m.label_major = ${t}.label_major
            AND m.label_minor > ar.label_minor AND m.label_minor < ${t}.label_minor)))`;

/** `user` has already acknowledged target row `t`'s revision. */
export const alreadyRead = (t: string, user: string): string =>
  `EXISTS (SELECT 1 FROM acknowledgements a
            WHERE a.user_id = ${user} AND a.revision_id = ${t}.revision_id)`;

/**
 * Users with the same departments and roles are covered alike: the report counts them per
 * class, so "required" costs documents × classes, not documents × users. $1 the roles
 * that acknowledge.
 */
export const CLASSES_SQL = `
SELECT department_ids, roles, count(*)::int AS n
  FROM (SELECT u.roles, COALESCE(m.department_ids, '{}') AS department_ids
          FROM users u
          LEFT JOIN (SELECT user_id, array_agg(department_id) AS department_ids
                       FROM user_departments GROUP BY user_id) m ON m.user_id = u.id
         WHERE ${activeReader('u', '$1::text[]')}) p
 GROUP BY department_ids, roles`;
