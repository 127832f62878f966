import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseEventAction, CaseState } from '../domain/case-lifecycle';
import { RelocationCaseEntity } from './relocation-case';

/** One change of a case's state: what, by whom, when and why. The case's history, never changed. */
@Entity('case_event')
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => RelocationCaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: RelocationCaseEntity;

  @Column('varchar', { length: 30 })
  action: CaseEventAction;

  @Column('varchar', { length: 20, nullable: true })
  fromState: CaseState | null;

  @Column('varchar', { length: 20 })
  toState: CaseState;

  @Column('varchar', { length: 256 })
  actor: string;

  @Column('varchar', { length: 30 })
  actorOrganisationType: string;

  @Column('varchar', { length: 64 })
  actorOrganisationId: string;

  @Column('varchar', { length: 2000, nullable: true })
  reason: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;
}
