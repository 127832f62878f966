import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@second-chance/db';
import type { CompensationStatus } from '../domain/entitlements';
import type { Billing } from '../domain/agreements';
import type { ScheduleYear } from '../domain/compensation';

/**
 * What a receiving municipality is entitled to for a household that moved in under an agreement. Created once
 * per case from the households service's `relocation-case.moved` event; its schedule is fixed then, by the
 * agreement version in force on the move date.
 */
@Entity('compensation_entitlement')
@Index(['status', 'createdAt'])
export class CompensationEntitlementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('uuid')
  caseId: string;

  @Index({ unique: true })
  @Column('uuid')
  sourceEventId: string;

  @Index()
  @Column('uuid')
  agreementId: string;

  @Column('uuid')
  agreementVersionId: string;

  @Column('int')
  agreementVersion: number;

  @Column('varchar', { length: 100 })
  householdPseudonym: string;

  @Column('char', { length: 3 })
  sendingMunicipalityCode: string;

  @Column('char', { length: 3 })
  receivingMunicipalityCode: string;

  @Column('varchar', { length: 64, nullable: true })
  receivingHousingOrganisationId: string | null;

  @Column('uuid', { nullable: true })
  toUnitId: string | null;

  @Column('text', { array: true })
  partyKeys: string[];

  @Column('date')
  moveDate: string;

  @Column('int')
  adults: number;

  @Column('int')
  children: number;

  @Column('int')
  adultsOutsideLabourMarket: number;

  @Column('bigint', { transformer: bigintAsNumber })
  yearlyOre: number;

  @Column('jsonb')
  schedule: ScheduleYear[];

  @Column('bigint', { transformer: bigintAsNumber })
  totalOre: number;

  @Column('bigint', { transformer: bigintAsNumber })
  departmentCompensationOre: number;

  @Column('varchar', { length: 10 })
  billing: Billing;

  @Column('varchar', { length: 20 })
  status: CompensationStatus;

  @Column('date')
  claimDeadline: string;

  @Column('date', { nullable: true })
  claimedOn: string | null;

  @Column('varchar', { length: 256, nullable: true })
  decidedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** Every event received from another service, once: what makes a redelivery create nothing twice. */
@Entity('received_event')
export class ReceivedEventEntity {
  @PrimaryColumn('uuid')
  eventId: string;

  @Column('varchar', { length: 100 })
  type: string;

  @Column('int')
  version: number;

  @Column('bigint', { transformer: bigintAsNumber })
  sequence: number;

  @Column('varchar', { length: 40 })
  outcome: string;

  @Column('jsonb')
  payload: unknown;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  receivedAt: Date;
}
