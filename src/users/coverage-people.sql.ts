/**
 * What training (its coverage rule src/training/coverage.sql.ts, its reports and its
 * requirements) needs to know about people, as SQL fragments owned here, beside the tables
 * they read (users, user_departments, departments): who exists, who is in which department
 * and holds which roles. Training composes them; it names none of these tables itself.
 */

/** The departments of user `userId` (a uuid SQL expression), as a uuid[]. */
export const departmentsOf = (userId: string): string =>
  `ARRAY(SELECT pd.department_id FROM user_departments pd WHERE pd.user_id = ${userId})`;

/** Every department of any of users `userIds` (a uuid[] expression), as a uuid[]. */
export const departmentsOfAny = (userIds: string): string =>
  `ARRAY(SELECT pd.department_id FROM user_departments pd WHERE pd.user_id = ANY(${userIds}))`;

/** Every role of any of users `userIds` (a uuid[] expression), as a text[]. */
export const rolesOfAny = (userIds: string): string =>
  `ARRAY(SELECT DISTINCT pr FROM users pu, unnest(pu.roles) pr WHERE pu.id = ANY(${userIds}))`;

/**
 * Rows (user_id) of the members of departments `departmentIds` (a uuid[] expression),
 * among users `only` (a uuid[] expression; NULL: anyone). A user may come more than once.
 */
export const membersOf = (departmentIds: string, only: string): string => `
  SELECT pd.user_id FROM user_departments pd
   WHERE pd.department_id = ANY(${departmentIds})
     AND (${only} IS NULL OR pd.user_id = ANY(${only}))`;

/** Rows (user_id) of the holders of any of `roles` (a text[] expression), among users `only`. */
export const holdersOf = (roles: string, only: string): string => `
  SELECT pu.id AS user_id FROM users pu
   WHERE cardinality(${roles}) > 0 AND pu.roles && ${roles}
     AND (${only} IS NULL OR pu.id = ANY(${only}))`;

/**
 * The active users holding any of `roles` (a text[] SQL expression: training passes the
 * roles that acknowledge), for a FROM or JOIN: id, roles. Training's class counts apply
 * the same test to a class of people (src/training/coverage.sql.ts, activeReader).
 */
export const activeReaders = (roles: string): string =>
  `(SELECT id, roles FROM users WHERE active AND roles && ${roles})`;

/** The name of department `departmentId` (a uuid SQL expression; NULL when none). */
export const departmentName = (departmentId: string): string =>
  `(SELECT dn.name FROM departments dn WHERE dn.id = ${departmentId})`;

/** The departments of user `userId` (a uuid SQL expression), as a uuid[] in id order. */
export const sortedDepartmentsOf = (userId: string): string =>
  `ARRAY(SELECT pd.department_id FROM user_departments pd WHERE pd.user_id = ${userId} ORDER BY pd.department_id)`;

/** User `userId` is a member of department `departmentId` (uuid SQL expressions). */
export const isMember = (userId: string, departmentId: string): string =>
  `EXISTS (SELECT 1 FROM user_departments pm WHERE pm.user_id = ${userId} AND pm.department_id = ${departmentId})`;

/** Every department, for a FROM or JOIN: id, code, name. */
export const DEPARTMENTS = `(SELECT id, code, name FROM departments)`;

/** A user with id `id` (a uuid SQL expression) exists, active or not. */
export const userExists = (id: string): string =>
  `EXISTS (SELECT 1 FROM users pe WHERE pe.id = ${id})`;

/** A department with id `id` (a uuid SQL expression) exists. */
export const departmentExists = (id: string): string =>
  `EXISTS (SELECT 1 FROM departments de WHERE de.id = ${id})`;
