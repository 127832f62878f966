import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { DeclineReason, OfferStatus } from '../domain/offers';
import { RelocationCaseEntity } from './relocation-case';

/**
 * A housing vacancy offered to a case's household. At most one active offer (reserving, pending or
 * accepted) per vacancy and per case: partial unique indexes make the database refuse a second.
 * The vacancy's unit, organisation and municipality are kept as they were when the offer was made.
 */
@Entity('offer')
@Index('offer_one_active_per_vacancy', ['vacancyId'], {
  unique: true,
  where: `"status" IN ('RESERVING', 'PENDING', 'ACCEPTED')`,
})
@Index('offer_one_active_per_case', ['caseId'], {
  unique: true,
  where: `"status" IN ('RESERVING', 'PENDING', 'ACCEPTED')`,
})
@Index(['status', 'responseDeadline'])
export class OfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => RelocationCaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: RelocationCaseEntity;

  @Index()
  @Column('uuid')
  vacancyId: string;

  @Column('uuid')
  unitId: string;

  /** The housing area the unit lies in (null for offers made before the area was recorded). */
  @Column('uuid', { nullable: true })
  areaId: string | null;

  @Index()
  @Column('varchar', { length: 64 })
  housingOrganisationId: string;

  @Column('char', { length: 3 })
  municipalityCode: string;

  @Column('varchar', { length: 20 })
  status: OfferStatus;

  @Column('timestamptz')
  responseDeadline: Date;

  /** The housing subgraph's reservation that holds the vacancy for this offer. */
  @Column('uuid', { nullable: true })
  reservationId: string | null;

  @Column('varchar', { length: 40, nullable: true })
  declineReason: DeclineReason | null;

  @Column('varchar', { length: 2000, nullable: true })
  note: string | null;

  @Column('timestamptz', { nullable: true })
  respondedAt: Date | null;

  @Column('varchar', { length: 256 })
  offeredBy: string;

  /** Milliseconds, as JavaScript keeps them, so that a cursor holds the exact value. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
