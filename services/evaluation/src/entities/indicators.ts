import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The figures of one housing area for one year, as imported. Shares are integer parts per million (40 % =
 * 400,000), so the law's thresholds compare exactly. A later import of the same area and year replaces the row.
 */
@Entity('area_indicators')
@Index(['year', 'areaId'])
export class AreaIndicatorsEntity {
  @PrimaryColumn('uuid')
  areaId: string;

  @PrimaryColumn('int')
  year: number;

  @Column('int')
  residents: number;

  @Column('int')
  outsideWorkOrEducationPpm: number;

  @Column('int')
  convictionPpm: number;

  @Column('int')
  nationalConvictionPpm: number;

  @Column('int')
  basicSchoolingOnlyPpm: number;

  @Column('int')
  incomeOfRegionPpm: number;

  @Column('int')
  nonWesternPpm: number;

  @Column('int', { nullable: true })
  openMunicipalCasePpm: number | null;

  @Column('uuid')
  importId: string;

  @Column({ type: 'timestamptz', precision: 3 })
  importedAt: Date;
}

/** One import of area indicators: from a file by the command line, or from a mutation. */
@Entity('indicator_import')
export class IndicatorImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 200, nullable: true })
  source: string | null;

  @Column('int')
  rows: number;

  @Column('int')
  replaced: number;

  @Column('varchar', { length: 200 })
  importedBy: string;

  @Index()
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  importedAt: Date;
}
