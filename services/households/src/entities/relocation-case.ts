import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { CaseState } from '../domain/case-lifecycle';
import { HouseholdEntity } from './household';

/** A Second Chance relocation case: one household's way to a new home elsewhere, and its follow-up. */
@Entity('relocation_case')
@Index(['sendingMunicipalityCode', 'state'])
// A household has at most one case in progress.
@Index('case_one_active_per_household', ['householdId'], {
  unique: true,
  where: `"state" NOT IN ('CLOSED', 'DECLINED', 'WITHDRAWN', 'CANCELLED')`,
})
export class RelocationCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column('varchar', { length: 20 })
  state: CaseState;

  @Column('char', { length: 3 })
  sendingMunicipalityCode: string;

  /** From the accepted offer: where the household moves to. */
  @Index()
  @Column('char', { length: 3, nullable: true })
  receivingMunicipalityCode: string | null;

  @Index()
  @Column('varchar', { length: 64, nullable: true })
  receivingOrganisationId: string | null;

  /** The housing unit the household lived in when the case started (social housing only). */
  @Column('uuid', { nullable: true })
  fromUnitId: string | null;

  @Column('uuid', { nullable: true })
  toUnitId: string | null;

  /** The housing area of the unit moved into (what evaluation measures in-movement by). */
  @Column('uuid', { nullable: true })
  toAreaId: string | null;

  @Column('date', { nullable: true })
  moveDate: string | null;

  @Column('date', { nullable: true })
  movedOn: string | null;

  /** Milliseconds, as JavaScript keeps them, so that a cursor holds the exact value. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Guards every state change against a concurrent one. */
  @VersionColumn()
  version: number;
}
