// Who may see and change what in the housing subgraph (every resolver asks these questions).
import { type Identity, hasRole } from '@second-chance/identity';

/** Units and vacancies: those who let homes or find homes for households, and platform administrators. */
export function mayReadStock(identity: Identity): boolean {
  return hasRole(identity, 'letting-officer', 'caseworker', 'platform-admin');
}

/** Only the owning organisation's letting officers change its stock. */
export function mayManageStock(identity: Identity, organisationId: string): boolean {
  return (
    hasRole(identity, 'letting-officer') &&
    identity.organisation.type === 'HOUSING_ORGANISATION' &&
    identity.organisation.id === organisationId
  );
}

/** Organisations join the platform through its administrators, and the ministry's lists are theirs to record. */
export function mayAdministerPlatform(identity: Identity): boolean {
  return hasRole(identity, 'platform-admin') && identity.organisation.type === 'PLATFORM';
}
