import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The outbox: a domain event, written in the same transaction as the change it reports, and delivered to
 * the subscribers by the job queue (at least once; subscribers deduplicate by id). Kept as the record.
 */
@Entity('domain_event')
export class DomainEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('bigint', { generated: 'increment' })
  sequence: string;

  @Column('varchar', { length: 80 })
  type: string;

  @Column('smallint')
  version: number;

  @Column('varchar', { length: 40 })
  aggregateType: string;

  @Index()
  @Column('uuid')
  aggregateId: string;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('jsonb')
  payload: object;
}
