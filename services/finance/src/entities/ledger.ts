import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@second-chance/db';
import type { LedgerKind } from '../domain/settlement';

/** A settled quarter. Written once, with its entries, lines and transfers, in one transaction; never changed. */
@Entity('settlement_run')
export class SettlementRunEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('varchar', { length: 7 })
  period: string;

  @Column('date')
  periodStart: string;

  @Column('date')
  periodEnd: string;

  @Column('int')
  entries: number;

  @Column('bigint', { transformer: bigintAsNumber })
  grossOre: number;

  @Column('bigint', { transformer: bigintAsNumber })
  netOre: number;

  @Column('varchar', { length: 256 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A journal entry of the double-entry ledger: its lines sum to zero (a trigger refuses anything else). */
@Entity('ledger_entry')
@Index(['runId'])
@Index(['sourceId'])
export class LedgerEntryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  runId: string;

  @Column('varchar', { length: 7 })
  period: string;

  @Column('varchar', { length: 30 })
  kind: LedgerKind;

  /** The entitlement or grant the entry settles. */
  @Column('uuid')
  sourceId: string;

  @Column('uuid')
  caseId: string;

  /** It corrects what an earlier, closed period should have held. */
  @Column('boolean')
  adjustment: boolean;

  @Column('varchar', { length: 300 })
  description: string;

  @Column('text', { array: true })
  partyKeys: string[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  postedAt: Date;
}

/** One side of an entry: positive, the party is owed the amount; negative, it owes it. */
@Entity('ledger_line')
@Index(['runId', 'party'])
@Index(['party', 'period'])
@Index(['sourceId'])
export class LedgerLineEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  entryId: string;

  @Column('uuid')
  runId: string;

  @Column('varchar', { length: 7 })
  period: string;

  @Column('varchar', { length: 80 })
  party: string;

  @Column('varchar', { length: 80 })
  counterparty: string;

  @Column('bigint', { transformer: bigintAsNumber })
  amountOre: number;

  @Column('varchar', { length: 30 })
  kind: LedgerKind;

  @Column('uuid')
  sourceId: string;

  @Column('uuid')
  caseId: string;

  @Column('boolean')
  adjustment: boolean;
}

/** A payment that settles a run after netting. */
@Entity('settlement_transfer')
@Index(['runId'])
export class SettlementTransferEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  runId: string;

  @Column('varchar', { length: 80 })
  fromParty: string;

  @Column('varchar', { length: 80 })
  toParty: string;

  @Column('bigint', { transformer: bigintAsNumber })
  amountOre: number;

  @Column('text', { array: true })
  partyKeys: string[];
}
