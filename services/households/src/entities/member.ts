import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HouseholdEntity } from './household';

/** A member of a household. The CPR number is encrypted at rest and found by a keyed hash. */
@Entity('household_member')
@Index('member_cpr_hash_unique', ['cprHash'], { unique: true, where: '"left_on" IS NULL AND "cpr_hash" IS NOT NULL' })
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('text', { nullable: true })
  cprCiphertext: string | null;

  @Column('char', { length: 64, nullable: true })
  cprHash: string | null;

  @Column('date')
  birthDate: string;

  /** When the person left the household (kept for the case history). */
  @Column('date', { nullable: true })
  leftOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
