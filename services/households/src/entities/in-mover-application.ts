import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@second-chance/db';
import { HouseholdEntity } from './household';

/** A household's application for a home by municipal allocation (§ 59), with its needs and its date. */
@Entity('in_mover_application')
@Index(['municipalityCode', 'status'])
export class InMoverApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  /** The municipality that allocates (the household's responsible municipality). */
  @Column('char', { length: 3 })
  municipalityCode: string;

  @Column('smallint')
  minRooms: number;

  @Column('boolean')
  needsStepFreeAccess: boolean;

  @Column('bigint', { transformer: bigintAsNumber })
  maxMonthlyRentOre: number;

  @Column('char', { length: 3, array: true, default: () => "'{}'" })
  acceptableMunicipalityCodes: string[];

  @Column('date')
  requestedOn: string;

  /** ACTIVE, WITHDRAWN or HOUSED. */
  @Column('varchar', { length: 20 })
  status: 'ACTIVE' | 'WITHDRAWN' | 'HOUSED';

  @Column('varchar', { length: 256 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
