// Who sees what in the households subgraph. Personal data stays with the municipality responsible for the
// household; the receiving municipality sees what reception needs once an offer in its municipality is
// accepted; a housing organisation sees only a household's size and needs, and only where it has a part.
import { type Identity, hasRole } from '@second-chance/identity';
import type { OfferStatus } from './offers';

/**
 * RESPONSIBLE: a caseworker of the responsible (sending) municipality: everything;
 * RECEIVING: a caseworker of the municipality where an offer was accepted: names, composition, needs, the
 * strategy, labour-market status; never CPR numbers, criminal-record or other sensitive facts;
 * LETTING: a letting officer of an organisation that offered the household a home (an offer that was made,
 * not one that failed to reserve) or that nominated it: the household's size and needs;
 * NONE: nothing.
 *
 * While processing of the household's personal data is restricted (GDPR art. 18), only the responsible
 * municipality reads it: the receiving municipality and letting officers have NONE.
 */
export type HouseholdAccess = 'RESPONSIBLE' | 'RECEIVING' | 'LETTING' | 'NONE';

const RANK: Readonly<Record<HouseholdAccess, number>> = { NONE: 0, LETTING: 1, RECEIVING: 2, RESPONSIBLE: 3 };

export function atLeast(access: HouseholdAccess, needed: HouseholdAccess): boolean {
  return RANK[access] >= RANK[needed];
}

export interface OfferRelation {
  municipalityCode: string;
  housingOrganisationId: string;
  status: OfferStatus;
}

export interface HouseholdRelations {
  responsibleMunicipalityCode: string;
  offers: readonly OfferRelation[];
  nominatingOrganisationIds: readonly string[];
  /** Processing of its personal data is restricted (GDPR art. 18). */
  restricted?: boolean;
}

function caseworkerOf(identity: Identity): string | null {
  return hasRole(identity, 'caseworker') && identity.organisation.type === 'MUNICIPALITY'
    ? identity.organisation.id
    : null;
}

function lettingOfficerOf(identity: Identity): string | null {
  return hasRole(identity, 'letting-officer') && identity.organisation.type === 'HOUSING_ORGANISATION'
    ? identity.organisation.id
    : null;
}

export function householdAccess(identity: Identity, relations: HouseholdRelations): HouseholdAccess {
  const municipality = caseworkerOf(identity);
  if (municipality === relations.responsibleMunicipalityCode) return 'RESPONSIBLE';
  if (relations.restricted) return 'NONE';
  if (municipality && relations.offers.some((o) => o.status === 'ACCEPTED' && o.municipalityCode === municipality)) {
    return 'RECEIVING';
  }
  const organisation = lettingOfficerOf(identity);
  if (
    organisation &&
    (relations.offers.some((o) => o.housingOrganisationId === organisation && o.status !== 'FAILED') ||
      relations.nominatingOrganisationIds.includes(organisation))
  ) {
    return 'LETTING';
  }
  return 'NONE';
}

/** A case's three parties see it: the sending and receiving municipalities and the receiving organisation. */
export type CaseAccess = 'SENDING' | 'RECEIVING' | 'HOUSING' | 'NONE';

export interface CaseRelations {
  sendingMunicipalityCode: string;
  /** Set once an offer is accepted. */
  receivingMunicipalityCode: string | null;
  receivingOrganisationId: string | null;
}

export function caseAccess(identity: Identity, relations: CaseRelations): CaseAccess {
  const municipality = caseworkerOf(identity);
  if (municipality && municipality === relations.sendingMunicipalityCode) return 'SENDING';
  if (municipality && municipality === relations.receivingMunicipalityCode) return 'RECEIVING';
  const organisation = lettingOfficerOf(identity);
  if (organisation && organisation === relations.receivingOrganisationId) return 'HOUSING';
  return 'NONE';
}

/** The caseworker's municipality, or null when the caller is not a caseworker. */
export { caseworkerOf, lettingOfficerOf };

/**
 * An allocation proposal: the household's municipality's caseworkers and platform administrators see all of it
 * (FULL); letting officers of the organisation whose vacancy it proposes see the household's size and needs only
 * (LETTING: never the reasons, which can tell what the law's rules found in the household's facts).
 */
export type ProposalAccess = 'FULL' | 'LETTING' | 'NONE';

export function proposalAccess(
  identity: Identity,
  proposal: { municipalityCode: string; organisationId: string | null },
): ProposalAccess {
  if (hasRole(identity, 'platform-admin') && identity.organisation.type === 'PLATFORM') return 'FULL';
  if (caseworkerOf(identity) === proposal.municipalityCode) return 'FULL';
  const organisation = lettingOfficerOf(identity);
  if (organisation && organisation === proposal.organisationId) return 'LETTING';
  return 'NONE';
}

/** Allocation rounds are run, and their weights set, by platform administrators. */
export function mayRunAllocation(identity: Identity): boolean {
  return isPlatformAdmin(identity);
}

export function isPlatformAdmin(identity: Identity): boolean {
  return hasRole(identity, 'platform-admin') && identity.organisation.type === 'PLATFORM';
}

/**
 * The data subject's rights over a household's personal data (export, restriction, erasure) are exercised by
 * the controller: caseworkers of the household's municipality, and platform administrators on its behalf.
 */
export function mayExerciseRights(identity: Identity, responsibleMunicipalityCode: string): boolean {
  return caseworkerOf(identity) === responsibleMunicipalityCode || isPlatformAdmin(identity);
}
