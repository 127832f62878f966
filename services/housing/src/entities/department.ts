import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HousingOrganisationEntity } from './housing-organisation';
import { HousingAreaEntity } from './housing-area';

/** A department (afdeling) of a housing organisation, in one housing area. */
@Entity('department')
@Index('department_number_unique', ['organisationId', 'number'], { unique: true })
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => HousingOrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: HousingOrganisationEntity;

  @Index()
  @Column('uuid')
  areaId: string;

  @ManyToOne(() => HousingAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: HousingAreaEntity;

  /** The department number within its organisation (afdelingsnummer). */
  @Column('varchar', { length: 20 })
  number: string;

  @Column('varchar', { length: 200 })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
