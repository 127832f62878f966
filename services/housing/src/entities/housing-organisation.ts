import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MunicipalityEntity } from './municipality';

/** A housing organisation (boligorganisation), which owns departments and lets their units. */
@Entity('housing_organisation')
export class HousingOrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  /** The company registration number (CVR-nummer), 8 digits. */
  @Index('housing_organisation_cvr_unique', { unique: true })
  @Column('char', { length: 8 })
  cvrNumber: string;

  /** The municipality where the organisation has its seat. */
  @Column('char', { length: 3 })
  municipalityCode: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_code' })
  municipality?: MunicipalityEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
