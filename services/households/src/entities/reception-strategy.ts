import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ActivityKind, ActivityStatus, StrategyParty } from '../domain/strategy';
import { RelocationCaseEntity } from './relocation-case';

/** The reception strategy (modtagestrategi) of a case, agreed by its three parties. */
@Entity('reception_strategy')
export class ReceptionStrategyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => RelocationCaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: RelocationCaseEntity;

  @Column('varchar', { length: 4000, nullable: true })
  summary: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One of the three parties to a strategy: its contact person and its signature. */
@Entity('strategy_party')
export class StrategyPartyEntity {
  @PrimaryColumn('uuid')
  strategyId: string;

  @ManyToOne(() => ReceptionStrategyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: ReceptionStrategyEntity;

  @PrimaryColumn('varchar', { length: 30 })
  party: StrategyParty;

  /** The organisation that is this party (municipality code or housing organisation id). */
  @Column('varchar', { length: 64 })
  organisationId: string;

  @Column('varchar', { length: 200, nullable: true })
  contactName: string | null;

  @Column('varchar', { length: 200, nullable: true })
  contactEmail: string | null;

  @Column('varchar', { length: 40, nullable: true })
  contactPhone: string | null;

  @Column('varchar', { length: 256, nullable: true })
  signedBy: string | null;

  @Column('timestamptz', { nullable: true })
  signedAt: Date | null;
}

/** An activity of a strategy, owned by one of its parties, due on a date, closed with an outcome. */
@Entity('strategy_activity')
export class StrategyActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  strategyId: string;

  @ManyToOne(() => ReceptionStrategyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: ReceptionStrategyEntity;

  @Column('varchar', { length: 30 })
  kind: ActivityKind;

  @Column('varchar', { length: 2000 })
  description: string;

  @Column('varchar', { length: 30 })
  ownerParty: StrategyParty;

  @Column('date')
  dueOn: string;

  @Column('varchar', { length: 20 })
  status: ActivityStatus;

  @Column('varchar', { length: 2000, nullable: true })
  outcome: string | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
