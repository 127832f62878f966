import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What an audit entry records: a read of personal data, or one of the data subject's rights exercised. */
export const AUDIT_ACTIONS = ['READ', 'EXPORT', 'RESTRICTION', 'RESTRICTION_LIFTED', 'ERASURE'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One read of personal data (or an export, a restriction, its lifting, an erasure): who, for which organisation,
 * when, which household, which fields, how. Ids and actions only, never personal data: the log is append-only
 * and outlives an erasure.
 */
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

  @Column('varchar', { length: 20, default: 'READ' })
  action: AuditAction;

  @Column('varchar', { length: 60, array: true })
  fields: string[];

  /** The GraphQL operation (its name, or its type when it has none). */
  @Column('varchar', { length: 200 })
  operation: string;

  /** Why, for restrictions and erasures (checked to name no member of the household). */
  @Column('varchar', { length: 500, nullable: true })
  reason: string | null;
}
