/**
 * The users table as other modules' statements may see it: relations to put in their
 * FROM or JOIN, so a set-based or hot statement stays one statement without naming
 * `users` itself. The planner flattens these subqueries, so a join costs what a join on
 * the table costs. Imports nothing: any module may use it without a cycle of modules.
 */

/** Every user, active or not (`JOIN ${USER_REFS} u ON u.id = x.user_id`): id, email, name, roles, active. */
export const USER_REFS = `(SELECT id, email, name, roles, active FROM users)`;

/**
 * Users who may act (sign-in state included): id, email, name, roles, token_generation.
 * Deactivated users are not in it, so a join on it is also the "still active" check.
 */
export const ACTIVE_USERS = `(SELECT id, email, name, roles, token_generation FROM users WHERE active)`;

/** A scalar subquery: the name of the user whose id is the SQL expression `id` (NULL if none). */
export const userName = (id: string): string => `(SELECT name FROM users WHERE id = ${id})`;
