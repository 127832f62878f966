// Checks every resolver makes before it returns data or changes anything.
import { type Identity, type OrganisationType, type Role, belongsTo, hasRole } from '@second-chance/identity';
import { forbidden } from './errors';

export function requireRole(identity: Identity, roles: readonly Role[], action: string): void {
  if (!hasRole(identity, ...roles)) {
    throw forbidden(`${action} requires the role ${roles.join(' or ')}`);
  }
}

export function requireOrganisation(identity: Identity, type: OrganisationType, id: string, action: string): void {
  if (!belongsTo(identity, type, id)) {
    throw forbidden(`${action} is only for the organisation that owns it`);
  }
}
