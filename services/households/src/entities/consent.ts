import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentPurpose, LawfulBasis } from '../domain/consent';
import { HouseholdEntity } from './household';

/** A consent, or another lawful basis, for one purpose, from a date until withdrawn. */
@Entity('consent')
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column('varchar', { length: 30 })
  purpose: ConsentPurpose;

  @Column('varchar', { length: 30 })
  lawfulBasis: LawfulBasis;

  @Column('date')
  givenOn: string;

  @Column('date', { nullable: true })
  withdrawnOn: string | null;

  @Column('varchar', { length: 1000, nullable: true })
  withdrawalReason: string | null;

  @Column('varchar', { length: 256 })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
