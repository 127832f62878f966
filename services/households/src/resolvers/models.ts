// The shapes resolvers pass around where they are not entities.
import type { Weights } from '@second-chance/allocation';
import type { Connection } from '@second-chance/service-kit';
import type {
  AllocationProposalEntity,
  AllocationRoundEntity,
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

export interface AreaRef {
  __typename?: 'HousingArea';
  id: string;
}

export type AllocationRoundPage = Connection<AllocationRoundEntity>;
export type AllocationProposalPage = Connection<AllocationProposalEntity>;
export type AreaProjectionModel = AllocationRoundEntity['areaProjections'][number];
export type WhyNotModel = AllocationProposalEntity['whyNot'][number];

export interface WeightsSettingModel {
  weights: Weights;
  setBy: string | null;
  setAt: Date | null;
  note: string | null;
}
