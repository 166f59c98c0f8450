import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of the append-only audit table; rows are only ever written by AuditService. */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn('uuid') id!: string;
  @Column('bigint') seq!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('text', { name: 'actor_type' }) actorType!: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('uuid', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('char', { name: 'prev_hash', length: 64 }) prevHash!: string;
  @Column('char', { length: 64 }) hash!: string;
}
