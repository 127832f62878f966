import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber } from '@second-chance/db';

/**
 * A family's way through the programme, built from the households service's events: when it was nominated,
 * consented, offered a home, accepted, moved, and how its case ended. Keyed by a hash of the case id, and the
 * household appears only by the pseudonym the households service gives it: evaluation cannot tell who it is.
 */
@Entity('participation')
@Index(['sendingMunicipalityCode', 'nominatedOn'])
export class ParticipationEntity {
  /** SHA-256 of the case id (hex): the case's events find it; nothing in evaluation leads back to the case. */
  @PrimaryColumn('char', { length: 64 })
  caseRef: string;

  @Index()
  @Column('varchar', { length: 100 })
  householdPseudonym: string;

  @Column('char', { length: 3 })
  sendingMunicipalityCode: string;

  @Column('char', { length: 3, nullable: true })
  receivingMunicipalityCode: string | null;

  @Column('uuid', { nullable: true })
  toAreaId: string | null;

  @Column('date')
  nominatedOn: string;

  @Column('date', { nullable: true })
  consentedOn: string | null;

  @Column('date', { nullable: true })
  offeredOn: string | null;

  @Column('date', { nullable: true })
  acceptedOn: string | null;

  @Column('date', { nullable: true })
  movedOn: string | null;

  /** The state the case is in, as of the latest event applied (by the households service's sequence). */
  @Column('varchar', { length: 20 })
  state: string;

  @Column('bigint', { transformer: bigintAsNumber })
  lastSequence: number;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/**
 * A household that moved into a housing area, counted, not named: the in-movement balance sums these. One row
 * per platform move (from the `relocation-case.moved` event).
 */
@Entity('in_move')
@Index(['areaId', 'movedOn'])
export class InMoveEntity {
  /** bigint, as text. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index({ unique: true, where: 'case_ref IS NOT NULL' })
  @Column('char', { length: 64, nullable: true })
  caseRef: string | null;

  @Column('uuid')
  areaId: string;

  @Column('date')
  movedOn: string;

  @Column('smallint')
  members: number;

  @Column('smallint')
  adultsOfWorkingAge: number;

  @Column('smallint')
  adultsOutsideLabourMarket: number;

  @Column('smallint')
  membersWithOpenCase: number;
}

/** What was measured for a followed family at one point (baseline, 6, 12, 24 months): counts, never persons. */
@Entity('outcome')
export class OutcomeEntity {
  @PrimaryColumn('varchar', { length: 100 })
  householdPseudonym: string;

  @PrimaryColumn('varchar', { length: 10 })
  point: string;

  @Column('smallint')
  adults: number;

  @Column('smallint')
  adultsInWork: number;

  @Column('smallint')
  adultsInEducation: number;

  @Column('smallint')
  adultsOnBenefits: number;

  @Column('smallint')
  children: number;

  /** Hundredths of a percent (12.5 % = 1250), an integer like every other figure. */
  @Column('smallint', { nullable: true })
  childrenSchoolAbsenceBp: number | null;

  @Column('boolean', { nullable: true })
  stillInNewHome: boolean | null;

  @Column('boolean', { nullable: true })
  returnedToFormerArea: boolean | null;

  @Column('int', { nullable: true })
  recordedCrimeOffences: number | null;

  @Column('varchar', { length: 200 })
  recordedBy: string;

  /** When the record (or the record it replaced) was made. */
  @Column({ type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}

/** Every event applied, by id, recorded in the same transaction as its effect: a redelivery changes nothing. */
@Entity('received_event')
export class ReceivedEventEntity {
  @PrimaryColumn('uuid')
  eventId: string;

  @Column('varchar', { length: 100 })
  type: string;

  @Column('bigint', { transformer: bigintAsNumber })
  sequence: number;

  @Column('varchar', { length: 40 })
  outcome: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  receivedAt: Date;
}
