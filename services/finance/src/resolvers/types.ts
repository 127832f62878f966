// Field resolvers of the finance types, and the entities finance extends by key.
import { forbidden, parseInput, todayInDenmark } from '@second-chance/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { ALL_PARTIES, financeOfficerOf, isPlatformAdmin, speaksFor, visibleParties } from '../domain/access';
import { housingOrganisationKey, municipalityKey, parsePartyKey, partyKey } from '../domain/parties';
import { statementCsv, statementTotals } from '../domain/statements';
import { casesBusinessCase } from '../store/business-case';
import { assumptionsInput } from './inputs';
import { loadStatement } from './statement';

export const Party: Resolvers['Party'] = {
  kind: (key) => parsePartyKey(key).kind,
  id: (key) => parsePartyKey(key).id,
  key: (key) => key,
  municipality: (key) => {
    const party = parsePartyKey(key);
    return party.kind === 'MUNICIPALITY' ? { code: party.id } : null;
  },
  housingOrganisation: (key) => {
    const party = parsePartyKey(key);
    return party.kind === 'HOUSING_ORGANISATION' ? { id: party.id } : null;
  },
};

export const CooperationAgreement: Resolvers['CooperationAgreement'] = {
  parties: (agreement) => agreement.partyKeys,
  current: async (agreement, _args, ctx) => {
    const versions = await ctx.loaders.versionsByAgreement.load(agreement.id);
    const today = todayInDenmark();
    const inForce = versions.filter((v) => v.effectiveFrom <= today);
    const current = inForce[inForce.length - 1] ?? versions[0];
    if (!current) throw new Error(`agreement ${agreement.id} has no version`);
    return current;
  },
  versions: (agreement, _args, ctx) => ctx.loaders.versionsByAgreement.load(agreement.id),
  grantsCommittedOre: (agreement, _args, ctx) => ctx.loaders.committedByAgreement.load(agreement.id),
};

export const GrantPayerShare: Resolvers['GrantPayerShare'] = {
  party: (share) => (share.party ? partyKey(share.party) : null),
};

export const MovingGrant: Resolvers['MovingGrant'] = {
  case: (grant) => ({ id: grant.caseId }),
  agreement: async (grant, _args, ctx) => {
    const agreement = await ctx.loaders.agreement.load(grant.agreementId);
    if (!agreement) throw forbidden('the agreement of this grant is not visible to the caller');
    return agreement;
  },
  sendingMunicipality: (grant) => municipalityKey(grant.sendingMunicipalityCode),
  payments: (grant, _args, ctx) => ctx.loaders.paymentsByGrant.load(grant.id),
};

export const CompensationEntitlement: Resolvers['CompensationEntitlement'] = {
  case: (entitlement) => ({ id: entitlement.caseId }),
  agreement: async (entitlement, _args, ctx) => {
    const agreement = await ctx.loaders.agreement.load(entitlement.agreementId);
    if (!agreement) throw forbidden('the agreement of this entitlement is not visible to the caller');
    return agreement;
  },
  sendingMunicipality: (e) => municipalityKey(e.sendingMunicipalityCode),
  receivingMunicipality: (e) => municipalityKey(e.receivingMunicipalityCode),
  receivingHousingOrganisation: (e) =>
    e.receivingHousingOrganisationId ? housingOrganisationKey(e.receivingHousingOrganisationId) : null,
};

export const SettlementRun: Resolvers['SettlementRun'] = {
  transfers: (run, _args, ctx) => ctx.loaders.transfersByRun.load(run.id),
  reproducible: (run, _args, ctx) => ctx.loaders.reproducible.load(run.id),
};

export const Transfer: Resolvers['Transfer'] = {
  from: (t) => t.fromParty,
  to: (t) => t.toParty,
};

export const StatementLine: Resolvers['StatementLine'] = {
  case: (line) => ({ id: line.caseId }),
  counterparty: (line) => line.counterparty,
};

export const Statement: Resolvers['Statement'] = {
  party: (s) => s.party,
  period: (s) => s.run.period,
  owesOre: (s) => statementTotals(s.lines).owesOre,
  isOwedOre: (s) => statementTotals(s.lines).isOwedOre,
  netOre: (s) => statementTotals(s.lines).netOre,
  csv: (s) => statementCsv(s.party, s.lines),
};

export const Municipality: Resolvers['Municipality'] = {
  __resolveReference: (ref) => ({ code: ref.code }),
  settlementBalanceOre: (m, _args, ctx) => {
    const key = municipalityKey(m.code);
    if (!speaksFor(ctx.identity, key) || (!financeOfficerOf(ctx.identity) && !isPlatformAdmin(ctx.identity)))
      return null;
    return ctx.loaders.balanceByParty.load(key);
  },
  settlementStatement: (m, { period }, ctx) => {
    const key = municipalityKey(m.code);
    if (!speaksFor(ctx.identity, key) || (!financeOfficerOf(ctx.identity) && !isPlatformAdmin(ctx.identity)))
      return null;
    return loadStatement(ctx, key, period);
  },
};

export const HousingOrganisation: Resolvers['HousingOrganisation'] = {
  __resolveReference: (ref) => ({ id: ref.id }),
  grantShares: async (org, { period }, ctx) => {
    const key = housingOrganisationKey(org.id);
    if (!speaksFor(ctx.identity, key))
      throw forbidden("a housing organisation's grant shares are for its letting officers");
    const lines = await ctx.loaders.grantSharesByParty.load(key);
    return period ? lines.filter((line) => line.period === period) : lines;
  },
};

export const RelocationCase: Resolvers['RelocationCase'] = {
  __resolveReference: (ref) => ({ id: ref.id }),
  grant: async (kase, _args, ctx) => {
    // Who sees it is row-level security's answer: the sender and the payers (none for roles without books).
    const parties = visibleParties(ctx.identity);
    if (parties !== ALL_PARTIES && parties.length === 0) return null;
    const grants = await ctx.loaders.grantsByCase.load(kase.id);
    return grants[0] ?? null;
  },
  compensation: (kase, _args, ctx) => {
    if (!financeOfficerOf(ctx.identity) && !isPlatformAdmin(ctx.identity)) return null;
    return ctx.loaders.entitlementByCase.load(kase.id);
  },
  businessCase: async (kase, args, ctx) => {
    if (!financeOfficerOf(ctx.identity) && !isPlatformAdmin(ctx.identity)) {
      throw forbidden('business cases are for finance officers and platform administrators');
    }
    const assumptions = parseInput(assumptionsInput, args.assumptions, 'assumptions');
    const [grants, entitlement] = [
      await ctx.loaders.grantsByCase.load(kase.id),
      await ctx.loaders.entitlementByCase.load(kase.id),
    ];
    const grant = grants.find((g) => g.status !== 'DECLINED') ?? null;
    if (!grant && !entitlement) return null;
    return casesBusinessCase([{ grant, entitlement }], assumptions);
  },
};
