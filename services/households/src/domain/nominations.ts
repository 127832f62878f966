// Nominations (indstillinger): who may propose a household for a new start, and why.
import { type Identity, hasRole } from '@second-chance/identity';

export const NOMINATION_REASONS = [
  /** Serious conflicts with neighbours or in the area. */
  'NEIGHBOURHOOD_CONFLICT',
  /** Safety: threats, violence, pressure from networks in the area. */
  'SAFETY',
  /** A network in the area that holds the family back (crime, substance misuse). */
  'HARMFUL_NETWORK',
  /** The home does not fit: overcrowding, accessibility. */
  'HOUSING_NEEDS',
  /** A fresh start for the children: school, daycare, peers. */
  'CHILDREN_FRESH_START',
  'OTHER',
] as const;
export type NominationReason = (typeof NOMINATION_REASONS)[number];

export const NOMINATION_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/**
 * A caseworker of the responsible municipality nominates its own households; a letting officer nominates a
 * household that lives in its organisation's housing (the nominating organisation must own the home).
 */
export function mayNominate(
  identity: Identity,
  responsibleMunicipalityCode: string,
  homeOrganisationId: string | null,
): boolean {
  const org = identity.organisation;
  if (hasRole(identity, 'caseworker') && org.type === 'MUNICIPALITY') return org.id === responsibleMunicipalityCode;
  if (hasRole(identity, 'letting-officer') && org.type === 'HOUSING_ORGANISATION') return org.id === homeOrganisationId;
  return false;
}
