import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The training report's acknowledged and overdue figures, kept as they happen instead of
 * recounted from millions of assignments and acknowledgements on every request.
 *
 * training_report_counts holds, per revision and coverage class (a person's sorted
 * departments, sorted roles and active flag — what decides which requirements cover them)
 * and shard (2 bits of a hash of the user id, so 64 people acknowledging one revision at
 * once do not queue on one row; each shard more adds a row per revision and class that
 * the report reads: 4 keep it at ~25,000 rows for 1,000 documents), how many of that class acknowledged the revision and
 * how many hold an assignment of it in status overdue. Statement-level triggers with
 * transition tables keep it: a fan-out or an overdue run of 50,000 rows is one aggregate
 * upsert, and the writers' code is unchanged. When a person's class changes (departments,
 * roles, active), their counts for the effective revisions move to the new class; rows of
 * revisions no longer effective are left as they were (the report reads only effective
 * revisions, and a revision never becomes effective again).
 *
 * training_class_people counts the people of each class and shard (kept by the same
 * moves, and by an insert trigger on users): the report's "required" and the impact sum the
 * classes a requirement covers, reading a few hundred rows instead of every user. It
 * replaces training_people_version, which only told when to recount the classes.
 *
 * An acknowledged assignment is done (the acknowledgement sets it in the same statement),
 * so the overdue count needs no acknowledgement check. The report adds what time alone
 * changes (pending past due, before the overdue job marks it), people covered only by
 * name, and the minor-revision carry-over (training-report.sql.ts).
 */

/** Sorted roles and the shard of a user, as the class view and the users trigger compute them. */
const sortedRoles = (roles: string) => `ARRAY(SELECT r FROM unnest(${roles}) r ORDER BY r)`;
const shardOf = (userId: string) => `(hashtext(${userId}::text) & 3)::smallint`;

/** Each user's coverage class and shard, now. */
const PERSON_CLASSES = `
  CREATE VIEW training_person_classes AS
  SELECT u.id AS user_id,
         ARRAY(SELECT ud.department_id FROM user_departments ud
                WHERE ud.user_id = u.id ORDER BY ud.department_id) AS department_ids,
         ${sortedRoles('u.roles')} AS roles,
         u.active,
         ${shardOf('u.id')} AS shard
    FROM users u`;

/**
 * The class of user `userId` (a column of the row before), for a CROSS JOIN LATERAL: one
 * index probe per user (OFFSET 0 keeps the planner from hashing the whole view instead).
 */
const classOf = (userId: string) =>
  `(SELECT * FROM training_person_classes v WHERE v.user_id = ${userId} OFFSET 0)`;

/**
 * New users join the class of no department (memberships come after the user row, and the
 * membership trigger moves them): in a statement inserting both, the two triggers may run
 * in either order, so a class count can be one below zero in between.
 */
const ADD_NEW_PEOPLE = `
  INSERT INTO training_class_people AS c (department_ids, roles, active, shard, people)
  SELECT '{}', ${sortedRoles('n.roles')}, n.active, ${shardOf('n.id')}, count(*)
    FROM new_rows n
   GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
  ON CONFLICT (department_ids, roles, active, shard) DO UPDATE SET people = c.people + EXCLUDED.people`;

/**
 * Adds the rows of `deltas` (user_id, revision_id, acknowledged, overdue) to the counts of
 * each user's current class: one upsert per touched row, in key order (no deadlock
 * between two statements touching several rows).
 */
const applyDeltas = (deltas: string) => `
  WITH deltas AS (${deltas}),
  people AS MATERIALIZED (
    SELECT p.* FROM (SELECT DISTINCT user_id FROM deltas) x CROSS JOIN LATERAL ${classOf('x.user_id')} p
  )
  INSERT INTO training_report_counts AS c
         (revision_id, department_ids, roles, active, shard, acknowledged, overdue)
  SELECT d.revision_id, p.department_ids, p.roles, p.active, p.shard,
         sum(d.acknowledged), sum(d.overdue)
    FROM deltas d JOIN people p USING (user_id)
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.acknowledged) <> 0 OR sum(d.overdue) <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (revision_id, department_ids, roles, active, shard) DO UPDATE
     SET acknowledged = c.acknowledged + EXCLUDED.acknowledged,
         overdue = c.overdue + EXCLUDED.overdue`;

/**
 * Moves the people in jsonb `moves` [{user_id, department_ids, roles, active}: their class
 * before the change], and what they count for on effective revisions, to their class now.
 */
const MOVE_FUNCTION = `
  CREATE FUNCTION training_counts_move(moves jsonb) RETURNS void LANGUAGE sql AS $$
  WITH m AS (
    SELECT p.*, ARRAY(SELECT x FROM unnest(o.department_ids) x ORDER BY x) AS old_departments,
           ARRAY(SELECT x FROM unnest(o.roles) x ORDER BY x) AS old_roles, o.active AS old_active
      FROM jsonb_to_recordset(moves) AS o(user_id uuid, department_ids uuid[], roles text[], active boolean)
      CROSS JOIN LATERAL ${classOf('o.user_id')} p
  ), moved AS MATERIALIZED (
    SELECT * FROM m
     WHERE (old_departments, old_roles, old_active) IS DISTINCT FROM (department_ids, roles, active)
  ), people AS (  -- the person moves too (a data-modifying CTE: runs though unreferenced)
    INSERT INTO training_class_people AS c (department_ids, roles, active, shard, people)
    SELECT department_ids, roles, active, shard, sum(n)
      FROM (SELECT old_departments AS department_ids, old_roles AS roles, old_active AS active,
                   shard, -1 AS n FROM moved
            UNION ALL
            SELECT department_ids, roles, active, shard, 1 FROM moved) x
     GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (department_ids, roles, active, shard) DO UPDATE SET people = c.people + EXCLUDED.people
  ), items AS (
    SELECT m.user_id, a.revision_id, 1 AS acknowledged, 0 AS overdue
      FROM moved m JOIN acknowledgements a ON a.user_id = m.user_id
      JOIN revisions r ON r.id = a.revision_id AND r.status = 'effective'
    UNION ALL
    SELECT m.user_id, t.revision_id, 0, 1
      FROM moved m JOIN training_assignments t ON t.user_id = m.user_id AND t.status = 'overdue'
      JOIN revisions r ON r.id = t.revision_id AND r.status = 'effective'
  ), deltas AS (
    SELECT i.revision_id, m.old_departments AS department_ids, m.old_roles AS roles,
           m.old_active AS active, m.shard, -i.acknowledged AS acknowledged, -i.overdue AS overdue
      FROM items i JOIN moved m USING (user_id)
    UNION ALL
    SELECT i.revision_id, m.department_ids, m.roles, m.active, m.shard, i.acknowledged, i.overdue
      FROM items i JOIN moved m USING (user_id)
  )
  INSERT INTO training_report_counts AS c
         (revision_id, department_ids, roles, active, shard, acknowledged, overdue)
  SELECT revision_id, department_ids, roles, active, shard, sum(acknowledged), sum(overdue)
    FROM deltas GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (revision_id, department_ids, roles, active, shard) DO UPDATE
     SET acknowledged = c.acknowledged + EXCLUDED.acknowledged,
         overdue = c.overdue + EXCLUDED.overdue
  $$`;

/** The class before the change, as jsonb for training_counts_move, from `people` rows. */
const movesOf = (departments: string, roles: string, active: string, from: string) => `
  SELECT jsonb_agg(jsonb_build_object('user_id', p.user_id, 'department_ids', ${departments},
                                      'roles', ${roles}, 'active', ${active}))
    FROM ${from}`;

const TRIGGER_FUNCTIONS = [
  `CREATE FUNCTION training_counts_user_added() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${ADD_NEW_PEOPLE};
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION training_counts_acknowledged() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${applyDeltas('SELECT user_id, revision_id, 1 AS acknowledged, 0 AS overdue FROM new_rows')};
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION training_counts_assigned() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${applyDeltas(`SELECT user_id, revision_id, 0 AS acknowledged, 1 AS overdue
                      FROM new_rows WHERE status = 'overdue'`)};
     RETURN NULL;
   END $$`,
  // Only rows entering or leaving overdue (the job's notified stamp changes nothing); an
  // acknowledgement's pending → done touches no count and returns after two tiny scans.
  `CREATE FUNCTION training_counts_assignment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'overdue')
        AND NOT EXISTS (SELECT 1 FROM old_rows WHERE status = 'overdue') THEN
       RETURN NULL;
     END IF;
     ${applyDeltas(`
       SELECT COALESCE(n.user_id, o.user_id) AS user_id,
              COALESCE(n.revision_id, o.revision_id) AS revision_id,
              0 AS acknowledged, CASE WHEN n.id IS NULL THEN -1 ELSE 1 END AS overdue
         FROM (SELECT id, user_id, revision_id FROM new_rows WHERE status = 'overdue') n
         FULL JOIN (SELECT id, user_id, revision_id FROM old_rows WHERE status = 'overdue') o
           ON o.id = n.id
        WHERE n.id IS NULL OR o.id IS NULL`)};
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION training_counts_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM training_counts_move((${movesOf(
       'p.department_ids',
       'o.roles',
       'o.active',
       `old_rows o JOIN new_rows n ON n.id = o.id CROSS JOIN LATERAL ${classOf('o.id')} p
         WHERE o.active <> n.active OR o.roles IS DISTINCT FROM n.roles`,
     )}));
     RETURN NULL;
   END $$`,
  // Departments before the statement: now, less those it added, plus those it removed
  // (each statement's rows gathered per user first: one pass, however many users).
  `CREATE FUNCTION training_counts_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       PERFORM training_counts_move((${movesOf(
         'ARRAY(SELECT unnest(p.department_ids) EXCEPT SELECT unnest(c.added))',
         'p.roles',
         'p.active',
         `(SELECT user_id, array_agg(department_id) AS added FROM new_rows GROUP BY user_id) c
          CROSS JOIN LATERAL ${classOf('c.user_id')} p`,
       )}));
     ELSIF TG_OP = 'DELETE' THEN
       PERFORM training_counts_move((${movesOf(
         'ARRAY(SELECT unnest(p.department_ids) UNION SELECT unnest(c.removed))',
         'p.roles',
         'p.active',
         `(SELECT user_id, array_agg(department_id) AS removed FROM old_rows GROUP BY user_id) c
          CROSS JOIN LATERAL ${classOf('c.user_id')} p`,
       )}));
     ELSE
       PERFORM training_counts_move((${movesOf(
         `ARRAY((SELECT unnest(p.department_ids) EXCEPT SELECT unnest(c.added))
                UNION SELECT unnest(c.removed))`,
         'p.roles',
         'p.active',
         `(SELECT user_id, array_agg(department_id) FILTER (WHERE added) AS added,
                  array_agg(department_id) FILTER (WHERE NOT added) AS removed
             FROM (SELECT user_id, department_id, true AS added FROM new_rows
                   UNION ALL SELECT user_id, department_id, false FROM old_rows) x
            GROUP BY user_id) c
          CROSS JOIN LATERAL ${classOf('c.user_id')} p`,
       )}));
     END IF;
     RETURN NULL;
   END $$`,
];

const TRIGGERS = [
  `CREATE TRIGGER users_report_counts_insert AFTER INSERT ON users
   REFERENCING NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_user_added()`,
  `CREATE TRIGGER acknowledgements_report_counts AFTER INSERT ON acknowledgements
   REFERENCING NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_acknowledged()`,
  `CREATE TRIGGER training_assignments_report_counts_insert AFTER INSERT ON training_assignments
   REFERENCING NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_assigned()`,
  `CREATE TRIGGER training_assignments_report_counts_update AFTER UPDATE ON training_assignments
   REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_assignment_changed()`,
  `CREATE TRIGGER users_report_counts AFTER UPDATE ON users
   REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_user_changed()`,
  `CREATE TRIGGER user_departments_report_counts_insert AFTER INSERT ON user_departments
   REFERENCING NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_membership_changed()`,
  `CREATE TRIGGER user_departments_report_counts_delete AFTER DELETE ON user_departments
   REFERENCING OLD TABLE AS old_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_membership_changed()`,
  `CREATE TRIGGER user_departments_report_counts_update AFTER UPDATE ON user_departments
   REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION training_counts_membership_changed()`,
];

export class TrainingReportCounts1766400000000 implements MigrationInterface {
  name = 'TrainingReportCounts1766400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_report_counts (
        revision_id uuid NOT NULL,
        department_ids uuid[] NOT NULL,
        roles text[] NOT NULL,
        active boolean NOT NULL,
        shard smallint NOT NULL CHECK (shard BETWEEN 0 AND 3),
        acknowledged integer NOT NULL DEFAULT 0,
        overdue integer NOT NULL DEFAULT 0,
        PRIMARY KEY (revision_id, department_ids, roles, active, shard)
      )`);
    await q.query(`
      CREATE TABLE training_class_people (
        department_ids uuid[] NOT NULL,
        roles text[] NOT NULL,
        active boolean NOT NULL,
        shard smallint NOT NULL CHECK (shard BETWEEN 0 AND 3),
        people integer NOT NULL,
        PRIMARY KEY (department_ids, roles, active, shard)
      )`);
    await q.query(PERSON_CLASSES);
    await q.query(MOVE_FUNCTION);
    for (const sql of TRIGGER_FUNCTIONS) await q.query(sql);
    // What is there already, for the effective revisions, before the triggers take over.
    await q.query(
      applyDeltas(`
        SELECT a.user_id, a.revision_id, 1 AS acknowledged, 0 AS overdue
          FROM acknowledgements a JOIN revisions r ON r.id = a.revision_id AND r.status = 'effective'
        UNION ALL
        SELECT t.user_id, t.revision_id, 0, 1
          FROM training_assignments t JOIN revisions r ON r.id = t.revision_id AND r.status = 'effective'
         WHERE t.status = 'overdue'`),
    );
    await q.query(`
      INSERT INTO training_class_people (department_ids, roles, active, shard, people)
      SELECT department_ids, roles, active, shard, count(*)
        FROM training_person_classes GROUP BY 1, 2, 3, 4`);
    for (const sql of TRIGGERS) await q.query(sql);
    await q.query(`DROP TRIGGER users_training_people ON users`);
    await q.query(`DROP TRIGGER user_departments_training_people ON user_departments`);
    await q.query(`DROP FUNCTION training_people_changed()`);
    await q.query(`DROP TABLE training_people_version`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // training_people_version as the training migration made it (its version restarts).
    await q.query(`
      CREATE TABLE training_people_version (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO training_people_version DEFAULT VALUES`);
    await q.query(`
      CREATE FUNCTION training_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE training_people_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_training_people
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF active, roles ON users
      FOR EACH STATEMENT EXECUTE FUNCTION training_people_changed()`);
    await q.query(`
      CREATE TRIGGER user_departments_training_people
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE ON user_departments
      FOR EACH STATEMENT EXECUTE FUNCTION training_people_changed()`);
    for (const [trigger, table] of [
      ['users_report_counts_insert', 'users'],
      ['acknowledgements_report_counts', 'acknowledgements'],
      ['training_assignments_report_counts_insert', 'training_assignments'],
      ['training_assignments_report_counts_update', 'training_assignments'],
      ['users_report_counts', 'users'],
      ['user_departments_report_counts_insert', 'user_departments'],
      ['user_departments_report_counts_delete', 'user_departments'],
      ['user_departments_report_counts_update', 'user_departments'],
    ])
      await q.query(`DROP TRIGGER ${trigger} ON ${table}`);
    await q.query(`
      DROP FUNCTION training_counts_user_added(), training_counts_acknowledged(), training_counts_assigned(),
        training_counts_assignment_changed(), training_counts_user_changed(),
        training_counts_membership_changed(), training_counts_move(jsonb)`);
    await q.query(`DROP VIEW training_person_classes`);
    await q.query(`DROP TABLE training_report_counts, training_class_people`);
  }
}
