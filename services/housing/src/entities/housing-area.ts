import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { MunicipalityEntity } from './municipality';
import { HousingOrganisationEntity } from './housing-organisation';

/**
 * A housing area (boligområde): physically connected plots of social housing departments. The law's lists
 * (§ 61 a) consider areas of at least 1,000 residents; the platform registers smaller ones too.
 */
@Entity('housing_area')
@Index('housing_area_name_unique', ['municipalityCode', 'name'], { unique: true })
export class HousingAreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('char', { length: 3 })
  municipalityCode: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_code' })
  municipality?: MunicipalityEntity;

  /** The organisation that registered the area and keeps its facts and letting policy. */
  @Index()
  @Column('uuid')
  administratorId: string;

  @ManyToOne(() => HousingOrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'administrator_id' })
  administrator?: HousingOrganisationEntity;

  /** Residents on 1 January of the latest year the administrator reported. */
  @Column('integer', { nullable: true })
  residentCount: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
