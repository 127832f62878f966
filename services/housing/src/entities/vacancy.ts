import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UnitEntity } from './unit';
import { ReservationEntity } from './reservation';
import type { LettingChannel, StoredVacancyStatus } from '../domain/vacancies';

/**
 * A unit available from a date through one letting channel. At most one vacancy per unit is open or
 * reserved at a time (a partial unique index). `reservedUntil` is set while a reservation holds it: a
 * reservation past that instant no longer holds the vacancy, which reads as OPEN again.
 */
@Entity('vacancy')
@Index('vacancy_one_active_per_unit', ['unitId'], { unique: true, where: `"status" IN ('OPEN', 'RESERVED')` })
@Index(['status', 'availableFrom'])
@Index('vacancy_active_by_organisation', ['organisationId', 'availableFrom', 'id'], {
  where: `"status" IN ('OPEN', 'RESERVED')`,
})
export class VacancyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  /** The organisation of the unit's department: copied by the database (a trigger), never written here. */
  @Column({ type: 'uuid', insert: false, update: false })
  organisationId: string;

  @Column('date')
  availableFrom: string;

  @Column('varchar', { length: 30 })
  channel: LettingChannel;

  @Column('varchar', { length: 20 })
  status: StoredVacancyStatus;

  @Column('uuid', { nullable: true })
  reservationId: string | null;

  @ManyToOne(() => ReservationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reservation_id' })
  reservation?: ReservationEntity;

  @Column('timestamptz', { nullable: true })
  reservedUntil: Date | null;

  @Column('timestamptz')
  publishedAt: Date;

  @Column('varchar', { length: 256 })
  publishedBy: string;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('varchar', { length: 500, nullable: true })
  withdrawnReason: string | null;
}
