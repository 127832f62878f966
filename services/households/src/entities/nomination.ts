import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { NominationReason, NominationStatus } from '../domain/nominations';
import { HouseholdEntity } from './household';

/** A nomination (indstilling) of a household for a new start, decided by its responsible municipality. */
@Entity('nomination')
export class NominationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  /** The case the nomination opened. */
  @Index()
  @Column('uuid')
  caseId: string;

  @Column('varchar', { length: 30 })
  nominatedByOrganisationType: string;

  @Index()
  @Column('varchar', { length: 64 })
  nominatedByOrganisationId: string;

  @Column('varchar', { length: 256 })
  nominatedBy: string;

  @Column('varchar', { length: 40 })
  reasonCategory: NominationReason;

  @Column('varchar', { length: 2000 })
  reasonText: string;

  @Column('varchar', { length: 20 })
  status: NominationStatus;

  @Column('varchar', { length: 256, nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('varchar', { length: 2000, nullable: true })
  decisionNote: string | null;

  /** Milliseconds, as JavaScript keeps them, so that a cursor holds the exact value. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
