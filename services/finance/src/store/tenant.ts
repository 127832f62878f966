// Reads and writes on behalf of a caller run inside a transaction that takes the `finance_tenant` role and
// names the caller's parties: PostgreSQL's row-level security then shows and accepts only rows the caller is a
// party to, whatever SQL a resolver sends. Work for the platform itself (settlement runs, received events) runs
// as the service's own user, which owns the tables and is not subject to the policies.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { ALL_PARTIES, visibleParties } from '../domain/access';

export const TENANT_ROLE = 'finance_tenant';
export const PARTIES_SETTING = 'finance.parties';

/** `*` for every party, otherwise the comma-separated keys (none: sees nothing). */
export function partiesSetting(identity: Identity): string {
  const parties = visibleParties(identity);
  return parties === ALL_PARTIES ? ALL_PARTIES : parties.join(',');
}

/** Runs `work` as the tenant `identity`, in one transaction. */
export function asTenant<T>(db: DataSource, identity: Identity, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(async (em) => {
    await em.query(`SELECT set_config('role', $1, true), set_config($2, $3, true)`, [
      TENANT_ROLE,
      PARTIES_SETTING,
      partiesSetting(identity),
    ]);
    return work(em);
  });
}
