// Who may see and do what with the money. Row-level security in the database enforces the same visibility a
// second time: a resolver's mistake cannot show another party's books.
import { type Identity, hasRole } from '@second-chance/identity';
import { housingOrganisationKey, municipalityKey } from './parties';

/** Everything (platform administrators). */
export const ALL_PARTIES = '*';

/** The parties whose rows the caller may read: its own organisation's key, every key, or none. */
export function visibleParties(identity: Identity): readonly string[] | typeof ALL_PARTIES {
  const { organisation } = identity;
  if (hasRole(identity, 'platform-admin')) return ALL_PARTIES;
  if (organisation.type === 'MUNICIPALITY' && hasRole(identity, 'finance-officer', 'caseworker')) {
    return [municipalityKey(organisation.id)];
  }
  if (organisation.type === 'HOUSING_ORGANISATION' && hasRole(identity, 'letting-officer')) {
    return [housingOrganisationKey(organisation.id)];
  }
  return [];
}

/** The municipality a finance officer works for, or null. */
export function financeOfficerOf(identity: Identity): string | null {
  return identity.organisation.type === 'MUNICIPALITY' && hasRole(identity, 'finance-officer')
    ? identity.organisation.id
    : null;
}

/** The municipality a caseworker or finance officer works for (who may apply for a grant), or null. */
export function municipalStaffOf(identity: Identity): string | null {
  return identity.organisation.type === 'MUNICIPALITY' && hasRole(identity, 'finance-officer', 'caseworker')
    ? identity.organisation.id
    : null;
}

export const isPlatformAdmin = (identity: Identity): boolean => hasRole(identity, 'platform-admin');

/** Agreements, statements and ledger lines: finance officers, letting officers (their organisation's), admins. */
export function mayReadBooks(identity: Identity): boolean {
  return isPlatformAdmin(identity) || financeOfficerOf(identity) !== null || hasRole(identity, 'letting-officer');
}

/** Whether the caller speaks for a party key (its own organisation), or is a platform administrator. */
export function speaksFor(identity: Identity, key: string): boolean {
  const parties = visibleParties(identity);
  return parties === ALL_PARTIES || parties.includes(key);
}
