import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '@second-chance/db';

/** A household (husstand): its responsible municipality, its current home and its needs. */
@Entity('household')
export class HouseholdEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The municipality responsible for the household (the sending municipality of its cases). */
  @Index()
  @Column('char', { length: 3 })
  responsibleMunicipalityCode: string;

  /** The housing unit it lives in, when it lives in social housing. */
  @Index()
  @Column('uuid', { nullable: true })
  homeUnitId: string | null;

  /** The housing organisation that owns that unit (as the housing subgraph said when the home was set). */
  @Column('varchar', { length: 64, nullable: true })
  homeOrganisationId: string | null;

  /** Its address otherwise, encrypted at rest (it is personal data). */
  @Column('text', { nullable: true })
  homeAddressCiphertext: string | null;

  @Column('smallint', { nullable: true })
  minRooms: number | null;

  @Column('boolean', { default: false })
  needsStepFreeAccess: boolean;

  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  maxMonthlyRentOre: number | null;

  /** Municipalities the household would move to; empty: any. */
  @Column('char', { length: 3, array: true, default: () => "'{}'" })
  acceptableMunicipalityCodes: string[];

  @Column('varchar', { length: 256 })
  registeredBy: string;

  /** Since when processing of its personal data is restricted (GDPR art. 18); null when it is not. */
  @Column('timestamptz', { nullable: true })
  restrictedAt: Date | null;

  @Column('varchar', { length: 256, nullable: true })
  restrictedBy: string | null;

  @Column('varchar', { length: 500, nullable: true })
  restrictionReason: string | null;

  /** When its personal data was erased (GDPR art. 17): what is left of it holds none. */
  @Column('timestamptz', { nullable: true })
  erasedAt: Date | null;

  /** Milliseconds, as JavaScript keeps them, so that a cursor holds the exact value. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
