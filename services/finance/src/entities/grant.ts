import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@second-chance/db';
import type { GrantShareAmount, GrantStatus } from '../domain/grants';

/**
 * A moving and establishment grant for a relocation case. At most one live grant (applied or approved) per
 * case: a partial unique index refuses a second. `partyKeys` are the sending municipality and the payers.
 */
@Entity('moving_grant')
@Index('moving_grant_one_live_per_case', ['caseId'], {
  unique: true,
  where: `"status" IN ('APPLIED', 'APPROVED', 'PAID')`,
})
@Index('moving_grant_idempotency', ['sendingMunicipalityCode', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
export class GrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @Index()
  @Column('uuid')
  agreementId: string;

  @Column('uuid')
  agreementVersionId: string;

  @Column('int')
  agreementVersion: number;

  @Column('char', { length: 3 })
  sendingMunicipalityCode: string;

  @Column('char', { length: 3 })
  receivingMunicipalityCode: string;

  @Column('varchar', { length: 64, nullable: true })
  receivingHousingOrganisationId: string | null;

  @Column('text', { array: true })
  partyKeys: string[];

  @Column('varchar', { length: 20 })
  status: GrantStatus;

  @Column('bigint', { transformer: bigintAsNumber })
  requestedOre: number;

  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  approvedOre: number | null;

  @Column('bigint', { default: 0, transformer: bigintAsNumber })
  paidOre: number;

  /** The approved amount split between the payers (empty until approved). */
  @Column('jsonb', { default: () => "'[]'" })
  shares: GrantShareAmount[];

  @Column('varchar', { length: 2000 })
  purpose: string;

  @Column('varchar', { length: 2000, nullable: true })
  decisionNote: string | null;

  @Column('varchar', { length: 100, nullable: true })
  idempotencyKey: string | null;

  @Column('varchar', { length: 256 })
  appliedBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  appliedAt: Date;

  @Column('varchar', { length: 256, nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;
}

/** A payment of a grant to the household, recorded once (the key makes a retry return the first). */
@Entity('grant_payment')
@Index(['grantId', 'idempotencyKey'], { unique: true })
export class GrantPaymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  grantId: string;

  @Column('text', { array: true })
  partyKeys: string[];

  @Column('date')
  paidOn: string;

  @Column('bigint', { transformer: bigintAsNumber })
  amountOre: number;

  @Column('varchar', { length: 100 })
  idempotencyKey: string;

  @Column('varchar', { length: 256 })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
