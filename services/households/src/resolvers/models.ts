// The shapes resolvers pass around where they are not entities.
import type { Connection } from '@second-chance/service-kit';
import type {
  AuditEntryEntity,
  HouseholdEntity,
  InMoverApplicationEntity,
  NominationEntity,
  OfferEntity,
  RelocationCaseEntity,
} from '../entities';

/** A reference to another subgraph's entity: its key. */
export interface VacancyRef {
  __typename?: 'Vacancy';
  id: string;
}

export interface UnitRef {
  __typename?: 'Unit';
  id: string;
}

export type HouseholdPage = Connection<HouseholdEntity>;
export type RelocationCasePage = Connection<RelocationCaseEntity>;
export type NominationPage = Connection<NominationEntity>;
export type OfferPage = Connection<OfferEntity>;
export type InMoverApplicationPage = Connection<InMoverApplicationEntity>;
export type AuditEntryPage = Connection<AuditEntryEntity>;
