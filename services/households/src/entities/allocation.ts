import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An allocation round (tilflytterstyring): the seekers and vacancies of a day, the law and the weights it used,
 * and what it proposed. Proposals, never decisions: a caseworker accepts or rejects each one.
 */
@Entity('allocation_round')
export class AllocationRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The day whose law, statuses and facts the round applied. */
  @Column('date')
  roundDate: string;

  /** The letting rules' version (packages/allocation). */
  @Column('varchar', { length: 40 })
  ruleVersion: string;

  @Column('jsonb')
  weights: Record<string, number>;

  /** Households each municipality committed to receive; null: no caps. */
  @Column('jsonb', { nullable: true })
  commitments: { municipalityCode: string; households: number }[] | null;

  @Column('double precision')
  objective: number;

  @Column('double precision')
  lpBound: number;

  /** The same round as the first-come, first-served baseline would have placed it. */
  @Column('double precision')
  greedyObjective: number;

  @Column('int')
  greedyPlaced: number;

  @Column('jsonb')
  stats: Record<string, number | boolean | string>;

  /** Each receiving area's share outside work before and after the proposals. */
  @Column('jsonb')
  areaProjections: {
    areaId: string;
    householdsIn: number;
    workingAgeIn: number;
    outsideIn: number;
    outsideSharePpmBefore: number | null;
    outsideSharePpmAfter: number | null;
  }[];

  @Column('varchar', { length: 256 })
  runBy: string;

  @Index()
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export type ProposalStatus = 'PROPOSED' | 'ACCEPTED' | 'REJECTED' | 'SUPERSEDED' | 'NO_PROPOSAL';

/**
 * What a round says for one seeker: a vacancy proposed (with why, and why not the others), or why none could be.
 */
@Entity('allocation_proposal')
@Index(['householdId', 'status'])
export class AllocationProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  roundId: string;

  @Column('varchar', { length: 12 })
  seekerKind: 'CASE' | 'APPLICATION';

  @Column('uuid')
  householdId: string;

  @Column('uuid', { nullable: true })
  caseId: string | null;

  @Column('uuid', { nullable: true })
  applicationId: string | null;

  /** The household's responsible municipality (its caseworkers decide). */
  @Index()
  @Column('char', { length: 3 })
  municipalityCode: string;

  /** What the round used: the household's size and needs (what letting officers see). */
  @Column('smallint')
  householdSize: number;

  @Column('jsonb')
  needs: {
    minRooms: number;
    stepFreeAccess: boolean;
    maxMonthlyRentOre: number;
    acceptableMunicipalityCodes: string[];
  };

  @Column('uuid', { nullable: true })
  vacancyId: string | null;

  @Column('uuid', { nullable: true })
  unitId: string | null;

  @Column('uuid', { nullable: true })
  areaId: string | null;

  /** The housing organisation offering the vacancy (its letting officers see the proposal). */
  @Index()
  @Column('varchar', { length: 64, nullable: true })
  organisationId: string | null;

  @Column('char', { length: 3, nullable: true })
  receivingMunicipalityCode: string | null;

  @Column('double precision', { nullable: true })
  cost: number | null;

  @Column('jsonb', { nullable: true })
  costParts: Record<string, number> | null;

  @Column('jsonb')
  why: string[];

  @Column('jsonb')
  whyNot: { vacancyId: string; areaName: string; rule: string | null; reason: string }[];

  @Column('jsonb')
  excludedByRule: { rule: string; vacancies: number }[];

  @Column('text')
  explanation: string;

  @Column('varchar', { length: 20 })
  status: ProposalStatus;

  @Column('varchar', { length: 2000, nullable: true })
  rejectionReason: string | null;

  @Column('uuid', { nullable: true })
  offerId: string | null;

  @Column('varchar', { length: 256, nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;
}

/** The weights platform administrators set for the rounds, one row per change; the newest applies. */
@Entity('allocation_weights')
export class AllocationWeightsEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('jsonb')
  weights: Record<string, number>;

  @Column('varchar', { length: 2000 })
  note: string;

  @Column('varchar', { length: 256 })
  setBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  setAt: Date;
}
