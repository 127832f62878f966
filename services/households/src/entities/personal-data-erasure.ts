import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ErasureMethod = 'DELETED' | 'OVERWRITTEN' | 'KEPT';

/** What an erasure did to one kind of record. */
export interface ErasedRecords {
  kind: string;
  count: number;
  how: ErasureMethod;
}

/**
 * The erasure of a household's personal data (GDPR art. 17): who, when, why, and what it deleted, overwrote or
 * kept. One per household; the idempotency key (unique per requesting organisation) returns it to a retry.
 */
@Entity('personal_data_erasure')
@Index('personal_data_erasure_idempotency', ['requestedByOrganisation', 'idempotencyKey'], { unique: true })
export class PersonalDataErasureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('uuid')
  householdId: string;

  /** `<organisation type>:<id>` of the caller: idempotency keys are theirs. */
  @Column('varchar', { length: 100 })
  requestedByOrganisation: string;

  @Column('varchar', { length: 200 })
  idempotencyKey: string;

  @Column('varchar', { length: 256 })
  erasedBy: string;

  @Column('varchar', { length: 500 })
  reason: string;

  @Column('jsonb')
  records: ErasedRecords[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  erasedAt: Date;
}
