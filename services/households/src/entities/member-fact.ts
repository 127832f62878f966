import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { FactKind } from '../domain/facts';
import { MemberEntity } from './member';

/** A socio-economic fact about a member that the law's rules use, from the date it started. */
@Entity('member_fact')
export class MemberFactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column('varchar', { length: 40 })
  kind: FactKind;

  @Column('varchar', { length: 60, nullable: true })
  value: string | null;

  @Column('date')
  startedOn: string;

  @Column('date', { nullable: true })
  endedOn: string | null;

  @Column('varchar', { length: 256 })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
