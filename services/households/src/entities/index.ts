import { AllocationProposalEntity, AllocationRoundEntity, AllocationWeightsEntity } from './allocation';
export type { ProposalStatus } from './allocation';
import { AuditEntryEntity } from './audit-entry';
export { AUDIT_ACTIONS, type AuditAction } from './audit-entry';
import { CaseEventEntity } from './case-event';
import { ConsentEntity } from './consent';
import { CriminalRecordFactEntity } from './criminal-record-fact';
import { DomainEventEntity } from './domain-event';
import { HouseholdEntity } from './household';
import { InMoverApplicationEntity } from './in-mover-application';
import { MemberEntity } from './member';
import { MemberFactEntity } from './member-fact';
import { NominationEntity } from './nomination';
import { OfferEntity } from './offer';
import { PersonalDataErasureEntity } from './personal-data-erasure';
export type { ErasedRecords, ErasureMethod } from './personal-data-erasure';
import { ReceptionStrategyEntity, StrategyActivityEntity, StrategyPartyEntity } from './reception-strategy';
import { RelocationCaseEntity } from './relocation-case';

export {
  AllocationProposalEntity,
  AllocationRoundEntity,
  AllocationWeightsEntity,
  AuditEntryEntity,
  CaseEventEntity,
  ConsentEntity,
  CriminalRecordFactEntity,
  DomainEventEntity,
  HouseholdEntity,
  InMoverApplicationEntity,
  MemberEntity,
  MemberFactEntity,
  NominationEntity,
  OfferEntity,
  PersonalDataErasureEntity,
  ReceptionStrategyEntity,
  RelocationCaseEntity,
  StrategyActivityEntity,
  StrategyPartyEntity,
};

export const entities = [
  AllocationRoundEntity,
  AllocationProposalEntity,
  AllocationWeightsEntity,
  HouseholdEntity,
  MemberEntity,
  MemberFactEntity,
  CriminalRecordFactEntity,
  ConsentEntity,
  NominationEntity,
  RelocationCaseEntity,
  CaseEventEntity,
  OfferEntity,
  ReceptionStrategyEntity,
  StrategyPartyEntity,
  StrategyActivityEntity,
  InMoverApplicationEntity,
  AuditEntryEntity,
  DomainEventEntity,
  PersonalDataErasureEntity,
];
