import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables that take rows in bulk (a fan-out, its notifications, acknowledgements). */
const TABLES = [
  'training_assignments',
  'acknowledgements',
  'notifications',
  'email_deliveries',
  'webhook_deliveries',
];

/**
 * Time-ordered ids (UUID version 7, RFC 9562: 48 bits of Unix milliseconds, then random
 * bits) for the tables written in bulk. A random id puts each new row's primary-key entry
 * on a random page of the index: with millions of rows, a fan-out of 50,000 touched (read,
 * dirtied, and logged in full after each checkpoint) a page per row. New v7 ids all land
 * at the right edge of the index. PostgreSQL 17 has no uuidv7() (18 does), hence the
 * function; its name does not clash with the built-in one. Existing ids stay as they are.
 */
export class TimeOrderedIds1766520000000 implements MigrationInterface {
  name = 'TimeOrderedIds1766520000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION praxis_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
        SELECT encode(
                 set_bit(set_bit(
                   overlay(uuid_send(gen_random_uuid())
                     PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                     FROM 1 FOR 6),
                 52, 1), 53, 1),
               'hex')::uuid
      $$`);
    for (const table of TABLES)
      await q.query(`ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT praxis_uuidv7()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await q.query(`ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await q.query(`DROP FUNCTION praxis_uuidv7()`);
  }
}
