import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CriminalRecordKind } from '../domain/facts';
import { MemberEntity } from './member';

/**
 * A release the law's letting rules ask about (§ 59 stk. 6): the kind and the date only, the date encrypted
 * at rest. Shown to caseworkers of the responsible municipality, never to anyone else.
 */
@Entity('criminal_record_fact')
export class CriminalRecordFactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column('varchar', { length: 40 })
  kind: CriminalRecordKind;

  @Column('text')
  releasedOnCiphertext: string;

  @Column('varchar', { length: 256 })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
