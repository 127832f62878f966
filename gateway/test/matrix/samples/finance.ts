// The finance subgraph's operations, pointed at A's agreement, grants, entitlements and statements.
import { randomUUID } from 'node:crypto';
import { addDays } from '@second-chance/service-kit';
import { COUNTERPART, SETTLED_PERIOD, TODAY, type World, YEAR } from '../world';
import { type Data, type Samples, at, items, perAllowedCall, shows } from './types';

const ASSUMPTIONS = {
  employmentEffectBasisPoints: 2000,
  yearlySavingPerAdultInWorkOre: 10_000_000,
  receptionCostOre: 0,
  discountRateBasisPoints: 300,
  horizonYears: 5,
};

export function financeSamples(world: World): Samples {
  const { A, finance, out } = world;
  const keysOfA = [`MUNICIPALITY:${A.municipality}`, `HOUSING_ORGANISATION:${A.housing}`];
  /** A node that names one of A's parties (a municipality's or a housing organisation's key). */
  const namesA = (node: unknown) => keysOfA.some((key) => JSON.stringify(node).includes(`"${key}"`));
  const anyOfA = (path: string) => (data: Data) => items(data, path).some(namesA);
  /** The node of a list whose case is A's case that moved out, with the field asked for set. */
  const outCase = (path: string, field: string) => (data: Data) =>
    items(data, path).some((node) => at(node, 'case', 'id') === out.caseId && at(node, 'case', field) != null);

  const applyableCase = perAllowedCall(async () => (await world.caseAt('SEARCHING')).caseId);
  const appliedGrant = perAllowedCall(() => world.grant(false));
  const appliedGrantToDecline = perAllowedCall(() => world.grant(false));
  const appliedGrantToWithdraw = perAllowedCall(() => world.grant(false));
  const approvedGrant = perAllowedCall(() => world.grant(true));
  const nextAmendment = (() => {
    let days = 0;
    return () => addDays(TODAY, (days += 1));
  })();

  return {
    'Query.agreement': {
      query: `query ($id: ID!) { agreement(id: $id) { id name } }`,
      variables: () => ({ id: finance.agreementId }),
    },
    'Query.agreements': {
      query: `{ agreements(first: 100) { nodes { id parties { key } } } }`,
      holdsA: anyOfA('agreements'),
    },
    'Query.grants': {
      query: `{ grants(first: 100) { nodes { id sendingMunicipality { key } shares { payer { key } } } } }`,
      holdsA: anyOfA('grants'),
    },
    'Query.compensationEntitlements': {
      query: `{ compensationEntitlements(first: 100) { nodes { id sendingMunicipality { key } receivingMunicipality { key } } } }`,
      holdsA: anyOfA('compensationEntitlements'),
    },
    'Query.settlementRun': {
      query: `query ($p: String!) { settlementRun(period: $p) { id period } }`,
      variables: () => ({ p: SETTLED_PERIOD }),
    },
    'Query.settlementRuns': { query: `{ settlementRuns(first: 5) { nodes { id period } } }` },
    'Query.statement': {
      query: `query ($party: PartyInput!, $p: String!) { statement(party: $party, period: $p) { netOre lines { amountOre } } }`,
      // The statement of A's organisation of the caller's kind: a letting officer asks for the housing organisation's.
      variables: ({ role }) => ({
        party:
          role === 'letting-officer'
            ? { kind: 'HOUSING_ORGANISATION', id: A.housing }
            : { kind: 'MUNICIPALITY', id: A.municipality },
        p: SETTLED_PERIOD,
      }),
      holdsA: shows('statement', 'lines'),
    },
    'Query.agreementBusinessCase': {
      query: `query ($id: ID!, $a: BusinessCaseAssumptions!) {
        agreementBusinessCase(agreementId: $id, assumptions: $a) { cases netPresentValueOre } }`,
      variables: () => ({ id: finance.agreementId, a: ASSUMPTIONS }),
      holdsA: (data) => Number(at(data, 'agreementBusinessCase', 'cases') ?? 0) > 0,
    },

    'Mutation.createAgreement': {
      query: `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`,
      variables: () => ({
        input: {
          name: `Matrixaftale ${randomUUID().slice(0, 8)}`,
          parties: [
            { kind: 'MUNICIPALITY', id: A.municipality },
            { kind: 'MUNICIPALITY', id: COUNTERPART },
          ],
          validFrom: `${YEAR + 1}-01-01`,
          grantPolicy: { maxGrantOre: 1_000_000, payers: [{ role: 'SENDING_MUNICIPALITY', basisPoints: 10_000 }] },
          idempotencyKey: randomUUID(),
        },
      }),
    },
    'Mutation.amendAgreement': {
      query: `mutation ($input: AmendAgreementInput!) { amendAgreement(input: $input) { id } }`,
      variables: () => ({
        input: {
          agreementId: finance.amendableAgreementId,
          effectiveFrom: nextAmendment(),
          grantPolicy: { maxGrantOre: 4_000_000, payers: [{ role: 'SENDING_MUNICIPALITY', basisPoints: 10_000 }] },
          note: 'Lower cap',
        },
      }),
    },
    'Mutation.applyForGrant': {
      query: `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { id } }`,
      variables: async (call) => ({
        input: {
          caseId: await applyableCase(call),
          agreementId: finance.agreementId,
          receivingMunicipalityCode: COUNTERPART,
          receivingHousingOrganisationId: A.housing,
          requestedOre: 1_000_000,
          purpose: 'Flytning',
        },
      }),
    },
    'Mutation.approveGrant': {
      query: `mutation ($id: ID!) { approveGrant(grantId: $id, amountOre: 2000000) { id status } }`,
      variables: async (call) => ({ id: await appliedGrant(call) }),
    },
    'Mutation.declineGrant': {
      query: `mutation ($id: ID!) { declineGrant(grantId: $id, reason: "Outside the agreement") { id status } }`,
      variables: async (call) => ({ id: await appliedGrantToDecline(call) }),
    },
    'Mutation.withdrawGrant': {
      query: `mutation ($id: ID!) { withdrawGrant(grantId: $id, reason: "The case stopped") { id status } }`,
      variables: async (call) => ({ id: await appliedGrantToWithdraw(call) }),
    },
    'Mutation.recordGrantPayment': {
      query: `mutation ($input: RecordGrantPaymentInput!) { recordGrantPayment(input: $input) { id } }`,
      variables: async (call) => ({
        input: {
          grantId: await approvedGrant(call),
          amountOre: 1_000_000,
          paidOn: TODAY,
          idempotencyKey: randomUUID(),
        },
      }),
    },
    'Mutation.claimCompensation': {
      query: `mutation ($id: ID!) { claimCompensation(entitlementId: $id) { id status } }`,
      variables: () => ({ id: finance.entitlementIn1 }),
    },
    'Mutation.absorbCompensation': {
      query: `mutation ($id: ID!) { absorbCompensation(entitlementId: $id) { id status } }`,
      variables: () => ({ id: finance.entitlementIn2 }),
    },
    'Mutation.decideLateClaim': {
      query: `mutation ($id: ID!) { decideLateClaim(entitlementId: $id, accept: true) { id status } }`,
      variables: () => ({ id: finance.entitlementOut }),
    },
    'Mutation.runSettlement': {
      query: `mutation ($p: String!) { runSettlement(period: $p) { id period } }`,
      variables: () => ({ p: SETTLED_PERIOD }),
    },

    'Municipality.settlementBalanceOre': {
      query: `query ($code: ID!) { municipality(code: $code) { code settlementBalanceOre } }`,
      variables: () => ({ code: A.municipality }),
      holdsA: shows('municipality', 'settlementBalanceOre'),
    },
    'Municipality.settlementStatement': {
      query: `query ($code: ID!, $p: String!) { municipality(code: $code) {
        settlementStatement(period: $p) { netOre lines { amountOre } } } }`,
      variables: () => ({ code: A.municipality, p: SETTLED_PERIOD }),
      holdsA: shows('municipality', 'settlementStatement', 'lines'),
    },
    'HousingOrganisation.grantShares': {
      query: `query ($id: ID!) { housingOrganisation(id: $id) { id grantShares { amountOre } } }`,
      variables: () => ({ id: A.housing }),
      holdsA: shows('housingOrganisation', 'grantShares'),
    },
    // A case is reached from households (its parties) or from finance's own lists (finance officers, admins).
    'RelocationCase.grant': [
      {
        query: `query ($id: ID!) { relocationCase(id: $id) { id grant { id } } }`,
        variables: () => ({ id: out.caseId }),
        holdsA: shows('relocationCase', 'grant'),
      },
      {
        query: `{ grants(first: 100) { nodes { case { id grant { id } } } } }`,
        holdsA: outCase('grants', 'grant'),
      },
    ],
    'RelocationCase.compensation': [
      {
        query: `query ($id: ID!) { relocationCase(id: $id) { id compensation { id } } }`,
        variables: () => ({ id: out.caseId }),
        holdsA: shows('relocationCase', 'compensation'),
      },
      {
        query: `{ compensationEntitlements(first: 100) { nodes { case { id compensation { id } } } } }`,
        holdsA: outCase('compensationEntitlements', 'compensation'),
      },
      {
        query: `{ grants(first: 100) { nodes { case { id compensation { id } } } } }`,
        holdsA: outCase('grants', 'compensation'),
      },
    ],
    'RelocationCase.businessCase': [
      {
        query: `query ($id: ID!, $a: BusinessCaseAssumptions!) { relocationCase(id: $id) { id businessCase(assumptions: $a) { cases } } }`,
        variables: () => ({ id: out.caseId, a: ASSUMPTIONS }),
        holdsA: shows('relocationCase', 'businessCase'),
      },
      {
        query: `query ($a: BusinessCaseAssumptions!) { grants(first: 100) { nodes { case { id businessCase(assumptions: $a) { cases } } } } }`,
        variables: () => ({ a: ASSUMPTIONS }),
        holdsA: outCase('grants', 'businessCase'),
      },
    ],
  };
}
