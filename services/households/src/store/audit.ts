// The audit log of personal data: every read is recorded before the data leaves, batched into one insert
// per resolver level, and readable by platform administrators only. Exports, restrictions and erasures are
// recorded by the transaction that does them. Entries hold ids and actions only, never personal data.
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { type AuditAction, AuditEntryEntity } from '../entities';

export interface AuditRecorder {
  /** Records that `field` of household `householdId` is being read; resolves once it is written. */
  record(info: GraphQLResolveInfo, householdId: string, field: string): Promise<void>;
}

/** The operation's name as the client gave it (or its type when it has none). */
export function operationOf(info: GraphQLResolveInfo): string {
  // The gateway names the operation it sends `<client's name>__<subgraph>__<n>`: keep the client's name.
  return (info.operation.name?.value.replace(/__[a-z]+__\d+$/, '') ?? info.operation.operation).slice(0, 200);
}

export function createAuditRecorder(db: DataSource, identity: Identity, via: string): AuditRecorder {
  const loader = new DataLoader<string, true>(
    async (keys) => {
      const byHousehold = new Map<string, { operation: string; fields: Set<string> }>();
      for (const key of keys) {
        const [householdId, operation, field] = JSON.parse(key) as [string, string, string];
        const entry = byHousehold.get(householdId) ?? { operation, fields: new Set<string>() };
        entry.fields.add(field);
        byHousehold.set(householdId, entry);
      }
      await db.getRepository(AuditEntryEntity).insert(
        [...byHousehold].map(([householdId, entry]) => ({
          actor: identity.subject,
          actorOrganisationType: identity.organisation.type,
          actorOrganisationId: identity.organisation.id,
          actorRoles: identity.roles.join(','),
          via,
          householdId,
          fields: [...entry.fields].sort(),
          operation: entry.operation,
        })),
      );
      return keys.map(() => true as const);
    },
    // A field read twice in one request is recorded once.
    { cache: true },
  );
  return {
    record: async (info, householdId, field) => {
      await loader.load(JSON.stringify([householdId, operationOf(info), field]));
    },
  };
}

export interface AuditedAction {
  actor: Identity;
  /** `gateway`, the service that acted on the actor's behalf, or the job (`retention`). */
  via: string;
  operation: string;
  householdId: string;
  action: Exclude<AuditAction, 'READ'>;
  fields: readonly string[];
  /** Checked beforehand to hold no personal data (`reasonProblem`). */
  reason?: string | null;
}

/** Records an export, a restriction, its lifting or an erasure, in the transaction that does it. */
export async function recordAction(manager: EntityManager, entry: AuditedAction): Promise<AuditEntryEntity> {
  const row = manager.getRepository(AuditEntryEntity).create({
    actor: entry.actor.subject,
    actorOrganisationType: entry.actor.organisation.type,
    actorOrganisationId: entry.actor.organisation.id,
    actorRoles: entry.actor.roles.join(',').slice(0, 30),
    via: entry.via.slice(0, 40),
    householdId: entry.householdId,
    action: entry.action,
    fields: [...entry.fields],
    operation: entry.operation.slice(0, 200),
    reason: entry.reason ?? null,
  });
  await manager.getRepository(AuditEntryEntity).insert(row);
  return row;
}
