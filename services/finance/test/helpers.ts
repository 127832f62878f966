// The finance subgraph behind the real gateway, the people who act, and signed domain events as the households
// service sends them.
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { type GraphQLResult, type TestPlatform, as, identity, startTestPlatform } from '@second-chance/testing';
import { EVENTS_PATH, createFinanceSubgraph } from '../src';

export const EVENT_SECRET = 'households-to-finance-secret-of-32-characters';

export function startFinance(): Promise<TestPlatform> {
  return startTestPlatform([createFinanceSubgraph({ eventSecrets: [EVENT_SECRET] })]);
}

export const people = {
  admin: identity('platform-admin', 'PLATFORM:sc', 'admin'),
  finance101: identity('finance-officer', 'MUNICIPALITY:101', 'finance-101'),
  finance751: identity('finance-officer', 'MUNICIPALITY:751', 'finance-751'),
  finance461: identity('finance-officer', 'MUNICIPALITY:461', 'finance-461'),
  finance147: identity('finance-officer', 'MUNICIPALITY:147', 'finance-147'),
  caseworker101: identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101'),
  caseworker751: identity('caseworker', 'MUNICIPALITY:751', 'caseworker-751'),
  lettingAarhus: identity('letting-officer', 'HOUSING_ORGANISATION:ho-aarhus', 'letting-aarhus'),
  lettingOther: identity('letting-officer', 'HOUSING_ORGANISATION:ho-other', 'letting-other'),
  evaluator: identity('evaluator', 'EVALUATOR:vive', 'evaluator'),
};

export { as };

export type Result<D = Record<string, unknown>> = GraphQLResult<D>;

export const AGREEMENT_FIELDS = `id name validFrom validTo parties { key kind id } grantsCommittedOre
  current { version effectiveFrom grantPolicy { maxGrantOre budgetOre payers { role basisPoints party { key } } }
    compensationPolicy { baseYearlyOre taperBasisPoints billing claimDeadlineDays departmentCompensationOre } }
  versions { version effectiveFrom }`;

export const CREATE_AGREEMENT = `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`;

/** 50/50 between the receiving housing organisation and the sending municipality; four tapering years. */
export function agreementInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Samarbejdsaftale om en ny start',
    parties: [
      { kind: 'MUNICIPALITY', id: '101' },
      { kind: 'MUNICIPALITY', id: '751' },
      { kind: 'MUNICIPALITY', id: '461' },
      { kind: 'HOUSING_ORGANISATION', id: 'ho-aarhus' },
    ],
    validFrom: '2024-01-01',
    grantPolicy: {
      maxGrantOre: 5_000_000,
      payers: [
        { role: 'RECEIVING_HOUSING_ORGANISATION', basisPoints: 5000 },
        { role: 'SENDING_MUNICIPALITY', basisPoints: 5000 },
      ],
    },
    compensationPolicy: {
      baseYearlyOre: 2_500_000,
      perAdultOutsideLabourMarketYearlyOre: 4_000_000,
      perChildYearlyOre: 1_500_000,
      taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
      billing: 'BILL',
      claimDeadlineDays: 730,
      departmentCompensationOre: 1_000_000,
    },
    ...overrides,
  };
}

export interface Moved {
  caseId?: string;
  eventId?: string;
  sending?: string;
  receiving?: string;
  organisation?: string | null;
  moveDate: string;
  adults?: number;
  children?: number;
  outside?: number;
}

let sequence = 0;

/** A `relocation-case.moved` event (version 1), as docs/events.md describes it. */
export function movedEvent(m: Moved) {
  const caseId = m.caseId ?? randomUUID();
  return {
    id: m.eventId ?? randomUUID(),
    type: 'relocation-case.moved',
    version: 1,
    sequence: ++sequence,
    occurredAt: new Date().toISOString(),
    aggregate: { type: 'RelocationCase', id: caseId },
    payload: {
      caseId,
      householdPseudonym: `hp-${caseId.slice(0, 8)}`,
      fromState: 'ACCEPTED',
      toState: 'MOVED',
      effectiveOn: m.moveDate,
      sendingMunicipalityCode: m.sending ?? '101',
      receivingMunicipalityCode: m.receiving ?? '751',
      receivingHousingOrganisationId: m.organisation === undefined ? 'ho-aarhus' : m.organisation,
      fromUnitId: null,
      toUnitId: randomUUID(),
      moveDate: m.moveDate,
      composition: {
        adults: m.adults ?? 2,
        children: m.children ?? 2,
        adultsOutsideLabourMarket: m.outside ?? 1,
        adultsWithOpenMunicipalCase: 0,
      },
    },
  };
}

export function sign(body: string, secret = EVENT_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Delivers an event to the finance service's inbox, signed (or with the signature given). */
export async function deliver(platform: TestPlatform, event: object, signature?: string) {
  const body = JSON.stringify(event);
  const response = await request(platform.subgraph('finance').server.app)
    .post(EVENTS_PATH)
    .set('content-type', 'application/json')
    .set('x-second-chance-signature', signature ?? sign(body))
    .send(body);
  return { status: response.status, body: response.body as { outcome?: string; error?: string } };
}
