import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Region } from '../domain/regions';

/** A municipality (kommune): reference data, the 98 of them, keyed by the official 3-digit code. */
@Entity('municipality')
export class MunicipalityEntity {
  @PrimaryColumn('char', { length: 3 })
  code: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 20 })
  region: Region;

  @Column('smallint')
  regionCode: number;
}
