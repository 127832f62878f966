import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One read of personal data: who, for which organisation, when, which household, which fields, how. */
@Entity('audit_entry')
@Index(['householdId', 'occurredAt'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;

  @Column('varchar', { length: 256 })
  actor: string;

  @Column('varchar', { length: 30 })
  actorOrganisationType: string;

  @Index()
  @Column('varchar', { length: 64 })
  actorOrganisationId: string;

  @Column('varchar', { length: 30 })
  actorRoles: string;

  /** `gateway`, or the service that read on the actor's behalf. */
  @Column('varchar', { length: 40 })
  via: string;

  @Column('uuid')
  householdId: string;

  @Column('varchar', { length: 60, array: true })
  fields: string[];

  /** The GraphQL operation (its name, or its type when it has none). */
  @Column('varchar', { length: 200 })
  operation: string;
}
