import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HousingAreaEntity } from './housing-area';
import type { FlexibleLettingCriterion } from '../domain/letting-policy';

/** An area's letting policy from a date; a later policy replaces it from its own date, the past stays. */
@Entity('letting_policy')
@Index('letting_policy_valid_from_unique', ['areaId', 'validFrom'], { unique: true })
export class LettingPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  areaId: string;

  @ManyToOne(() => HousingAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: HousingAreaEntity;

  @Column('date')
  validFrom: string;

  /** Criteria for flexible letting (fleksibel udlejning, § 60). */
  @Column('varchar', { array: true, length: 40 })
  flexibleLettingCriteria: FlexibleLettingCriterion[];

  @Column('varchar', { length: 1000, nullable: true })
  flexibleLettingNote: string | null;

  /** Combined letting (kombineret udlejning, § 51 b) decided by the municipality for this area. */
  @Column('boolean')
  combinedLetting: boolean;

  /** Share of vacant family homes the municipality may allocate (§ 59), in basis points: 2500 = every 4th. */
  @Column('integer')
  municipalAllocationShareBp: number;

  @Column('varchar', { length: 256 })
  setBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
