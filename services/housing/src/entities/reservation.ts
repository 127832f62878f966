import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VacancyEntity } from './vacancy';

/**
 * One reservation of a vacancy, kept after it ends. The idempotency key is the caller's: a retried
 * reservation with the same key (from the same organisation) returns this reservation again.
 */
@Entity('reservation')
@Index('reservation_idempotency_unique', ['holderOrganisationType', 'holderOrganisationId', 'idempotencyKey'], {
  unique: true,
})
export class ReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  vacancyId: string;

  @ManyToOne(() => VacancyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vacancy_id' })
  vacancy?: VacancyEntity;

  @Column('varchar', { length: 30 })
  holderOrganisationType: string;

  @Column('varchar', { length: 64 })
  holderOrganisationId: string;

  @Column('varchar', { length: 256 })
  holderSubject: string;

  /** The holder's own reference (a case number, say); never personal data. */
  @Column('varchar', { length: 100, nullable: true })
  reference: string | null;

  @Column('varchar', { length: 100 })
  idempotencyKey: string;

  @Column('timestamptz')
  reservedAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  /** When the reservation ended before its expiry: released, let, or the vacancy withdrawn. */
  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;
}
