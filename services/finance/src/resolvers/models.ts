// The shapes resolvers pass around where they are not entities.
import type { Connection } from '@second-chance/service-kit';
import type { AgreementCompensationPolicy, GrantPolicy, PayerShare } from '../domain/agreements';
import type { GrantShareAmount } from '../domain/grants';
import type { StatementLineData } from '../domain/statements';
import type {
  AgreementEntity,
  CompensationEntitlementEntity,
  GrantEntity,
  SettlementRunEntity,
  SettlementTransferEntity,
} from '../entities';

/** A party key, `MUNICIPALITY:101`. */
export type PartyModel = string;
export type GrantShareModel = GrantShareAmount;
export type PayerShareModel = PayerShare;
export type GrantPolicyModel = GrantPolicy;
export type CompensationPolicyModel = AgreementCompensationPolicy;
export type StatementLineModel = StatementLineData;

export interface StatementModel {
  party: string;
  run: SettlementRunEntity;
  lines: StatementLineData[];
  transfers: SettlementTransferEntity[];
}

/** References to other subgraphs' entities: their keys. */
export interface MunicipalityRef {
  code: string;
}
export interface HousingOrganisationRef {
  id: string;
}
export interface RelocationCaseRef {
  id: string;
}

export type AgreementPage = Connection<AgreementEntity>;
export type GrantPage = Connection<GrantEntity>;
export type EntitlementPage = Connection<CompensationEntitlementEntity>;
export type RunPage = Connection<SettlementRunEntity>;
