import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HousingAreaEntity } from './housing-area';
import type { AreaStatus } from '../domain/area-status';

/** The status the ministry published for an area on 1 December of a year (the year's lists). */
@Entity('official_area_status')
@Index('official_area_status_year_unique', ['areaId', 'year'], { unique: true })
export class OfficialAreaStatusEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  areaId: string;

  @ManyToOne(() => HousingAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: HousingAreaEntity;

  @Column('smallint')
  year: number;

  @Column('varchar', { length: 30 })
  status: AreaStatus;

  @Column('date')
  publishedOn: string;

  @Column('varchar', { length: 256 })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
