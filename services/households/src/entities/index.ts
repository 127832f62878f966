import { AuditEntryEntity } from './audit-entry';
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
import { ReceptionStrategyEntity, StrategyActivityEntity, StrategyPartyEntity } from './reception-strategy';
import { RelocationCaseEntity } from './relocation-case';

export {
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
  ReceptionStrategyEntity,
  RelocationCaseEntity,
  StrategyActivityEntity,
  StrategyPartyEntity,
};

export const entities = [
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
];
