import { AgreementEntity, AgreementVersionEntity } from './agreement';
import { CompensationEntitlementEntity, ReceivedEventEntity } from './compensation';
import { GrantEntity, GrantPaymentEntity } from './grant';
import { LedgerEntryEntity, LedgerLineEntity, SettlementRunEntity, SettlementTransferEntity } from './ledger';

export {
  AgreementEntity,
  AgreementVersionEntity,
  CompensationEntitlementEntity,
  GrantEntity,
  GrantPaymentEntity,
  LedgerEntryEntity,
  LedgerLineEntity,
  ReceivedEventEntity,
  SettlementRunEntity,
  SettlementTransferEntity,
};

export const entities = [
  AgreementEntity,
  AgreementVersionEntity,
  GrantEntity,
  GrantPaymentEntity,
  CompensationEntitlementEntity,
  ReceivedEventEntity,
  SettlementRunEntity,
  LedgerEntryEntity,
  LedgerLineEntity,
  SettlementTransferEntity,
];
