// The authorization questions resolvers ask, answered with FORBIDDEN when the answer is no.
import type { Identity } from '@second-chance/identity';
import { forbidden } from '@second-chance/service-kit';
import { mayAdministerPlatform, mayManageStock, mayReadStock } from '../domain/access';

export function assertStockReader(identity: Identity): void {
  if (!mayReadStock(identity)) {
    throw forbidden('units and vacancies are for letting officers, caseworkers and platform administrators');
  }
}

export function assertStockManager(identity: Identity, organisationId: string): void {
  if (!mayManageStock(identity, organisationId)) {
    throw forbidden("only the owning organisation's letting officers may change its housing stock");
  }
}

export function assertPlatformAdmin(identity: Identity, action: string): void {
  if (!mayAdministerPlatform(identity)) throw forbidden(`${action} is for platform administrators`);
}

/** Letting officers act for their own housing organisation; this is its id. */
export function ownHousingOrganisation(identity: Identity, action: string): string {
  if (identity.organisation.type !== 'HOUSING_ORGANISATION' || !identity.roles.includes('letting-officer')) {
    throw forbidden(`${action} is for letting officers of a housing organisation`);
  }
  return identity.organisation.id;
}
