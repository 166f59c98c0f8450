import { MigrationInterface, QueryRunner } from 'typeorm';

/** The indexes that only sealed events need: each one's columns, and the index name. */
const SEALED_INDEXES: [name: string, columns: string, unique: boolean, on: string][] = [
  ['audit_events_seq_key', 'seq', true, 'seq'],
  ['audit_events_prev_hash_key', 'prev_hash', true, 'prev_hash'],
  ['audit_events_hash_key', 'hash', true, 'hash'],
  ['audit_events_entity_idx', 'entity_type, entity_id, seq', false, 'seq'],
  ['audit_events_actor_idx', 'actor_id, seq', false, 'seq'],
  ['audit_events_action_idx', 'action, seq', false, 'seq'],
  ['audit_events_time_idx', 'occurred_at, seq', false, 'seq'],
];

/**
 * Cheaper audit appends (every change appends one; 64 acknowledging clients append
 * hundreds a second). An event is inserted unsealed and sealed once (an UPDATE that
 * writes a new row version into every index, as seq and the hashes are indexed). Until
 * this migration the insert also put an entry into the seven indexes over seq, the
 * hashes and the readers' keys — NULLs for seq and the hashes — which no reader uses:
 * every query reads sealed events (seq IS NOT NULL, seq > n, seq = n). They are now
 * partial, over sealed events only: same uniqueness (NULLs never clashed), same plans,
 * seven index entries (and WAL records) fewer per event. The hash indexes are partial
 * on their own column (the same rows: audit_events_sealed_whole).
 *
 * And time-ordered ids (praxis_uuidv7, migration time-ordered-ids): a random id put each
 * event's primary-key entry on a random page of an index that grows by every change ever
 * made; new v7 ids land at its right edge.
 */
export class AuditAppendIndexes1766600000000 implements MigrationInterface {
  name = 'AuditAppendIndexes1766600000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const [name, columns, unique, on] of SEALED_INDEXES) {
      if (unique) await q.query(`ALTER TABLE audit_events DROP CONSTRAINT ${name}`);
      else await q.query(`DROP INDEX ${name}`);
      await q.query(
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ON audit_events (${columns}) WHERE ${on} IS NOT NULL`,
      );
    }
    await q.query(`ALTER TABLE audit_events ALTER COLUMN id SET DEFAULT praxis_uuidv7()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ALTER COLUMN id DROP DEFAULT`);
    for (const [name, columns, unique] of SEALED_INDEXES) {
      await q.query(`DROP INDEX ${name}`);
      if (unique)
        await q.query(`ALTER TABLE audit_events ADD CONSTRAINT ${name} UNIQUE (${columns})`);
      else await q.query(`CREATE INDEX ${name} ON audit_events (${columns})`);
    }
  }
}
