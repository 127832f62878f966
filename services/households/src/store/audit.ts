// The audit log of personal data: every read is recorded before the data leaves, batched into one insert
// per resolver level, and readable by platform administrators only.
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { AuditEntryEntity } from '../entities';

export interface AuditRecorder {
  /** Records that `field` of household `householdId` is being read; resolves once it is written. */
  record(info: GraphQLResolveInfo, householdId: string, field: string): Promise<void>;
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
      // The gateway names the operation it sends `<client's name>__<subgraph>__<n>`: keep the client's name.
      const operation = info.operation.name?.value.replace(/__[a-z]+__\d+$/, '') ?? info.operation.operation;
      await loader.load(JSON.stringify([householdId, operation, field]));
    },
  };
}
