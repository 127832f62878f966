import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AgreementCompensationPolicy, AgreementParty, GrantPolicy } from '../domain/agreements';

/**
 * A cooperation agreement (samarbejdsaftale): who is party to it and when it applies. Its policies live in
 * versions; `partyKeys` is every party any version names, which row-level security checks.
 */
@Entity('agreement')
@Index('agreement_idempotency', ['createdByOrganisation', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('jsonb')
  parties: AgreementParty[];

  @Column('text', { array: true })
  partyKeys: string[];

  @Column('date')
  validFrom: string;

  @Column('date', { nullable: true })
  validTo: string | null;

  @Column('varchar', { length: 80 })
  createdByOrganisation: string;

  @Column('varchar', { length: 256 })
  createdBy: string;

  @Column('varchar', { length: 100, nullable: true })
  idempotencyKey: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A version of an agreement's policies, in force from `effectiveFrom` until the next version's date. */
@Entity('agreement_version')
@Index(['agreementId', 'version'], { unique: true })
@Index(['agreementId', 'effectiveFrom'], { unique: true })
export class AgreementVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  agreementId: string;

  @Column('int')
  version: number;

  @Column('date')
  effectiveFrom: string;

  @Column('text', { array: true })
  partyKeys: string[];

  @Column('jsonb')
  grantPolicy: GrantPolicy;

  @Column('jsonb', { nullable: true })
  compensationPolicy: AgreementCompensationPolicy | null;

  @Column('varchar', { length: 2000, nullable: true })
  note: string | null;

  @Column('varchar', { length: 256 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
