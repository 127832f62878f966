// The whole graph for end-to-end tests: housing and households behind the gateway, the housing stock
// written straight to housing's database, and the people who act.
import { createHouseholdsSubgraph, generateKeys, type HouseholdsConfig } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import {
  type GraphQLResult,
  type TestPlatform,
  type TestPlatformOptions,
  as,
  identity,
  startTestPlatform,
} from '@second-chance/testing';
import { estate, people as housingPeople } from '../../../services/housing/test/fixtures';

export async function startGraph(
  config: Partial<HouseholdsConfig> = {},
  options: TestPlatformOptions = {},
): Promise<TestPlatform> {
  return startTestPlatform(
    [
      housingSubgraph,
      createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [], ...config }),
    ],
    options,
  );
}

export const people = {
  ...housingPeople,
  caseworker461: identity('caseworker', 'MUNICIPALITY:461', 'caseworker-461'),
};

/** A home in another municipality, offered to the platform: an area, a department, units, open vacancies. */
export function homesIn(platform: TestPlatform, municipalityCode: string, unitCount = 1) {
  return estate(platform.subgraph('housing').dataSource, { municipalityCode, unitCount, channel: 'PLATFORM' });
}

export { as };

export type Result<D = Record<string, unknown>> = GraphQLResult<D>;

/** Valid CPR numbers with their birth dates (synthetic: the serial digits are made up). */
export const CPR = {
  mother: { cpr: '120388-1234', birthDate: '1988-03-12' },
  father: { cpr: '030785-4321', birthDate: '1985-07-03' },
  child: { cpr: '150915-4012', birthDate: '2015-09-15' },
};

export const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id size adults children } }`;

/** A household of municipality 101 with a consent and a case that is searching, made through the API. */
export async function searchingCase(
  platform: TestPlatform,
  options: {
    municipality?: string;
    needs?: Record<string, unknown>;
    name?: string;
    /** The members as registered (default: an adult on kontanthjælp since 2020 and a child). */
    members?: Record<string, unknown>[];
  } = {},
): Promise<{ householdId: string; caseId: string }> {
  const municipality = options.municipality ?? '101';
  const caseworker = as(platform, identity('caseworker', `MUNICIPALITY:${municipality}`, `caseworker-${municipality}`));
  const { registerHousehold } = await caseworker.ok<{ registerHousehold: { id: string } }>(REGISTER, {
    input: {
      members: options.members ?? [
        {
          name: options.name ?? 'Test Voksen',
          birthDate: '1980-05-05',
          facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2020-01-01' }],
        },
        { name: 'Test Barn', birthDate: '2016-06-06' },
      ],
      needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [], ...options.needs },
    },
  });
  await caseworker.ok(
    `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: RELOCATION, lawfulBasis: CONSENT, givenOn: "2026-01-01" }) { id } }`,
    { id: registerHousehold.id },
  );
  const { nominateHousehold } = await caseworker.ok<{ nominateHousehold: { id: string } }>(
    `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: CHILDREN_FRESH_START, reasonText: "A fresh start" }) { id } }`,
    { id: registerHousehold.id },
  );
  const { decideNomination } = await caseworker.ok<{ decideNomination: { case: { id: string } } }>(
    `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT }) { case { id } } }`,
    { id: nominateHousehold.id },
  );
  await caseworker.ok(`mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: decideNomination.case.id });
  return { householdId: registerHousehold.id, caseId: decideNomination.case.id };
}

export const MAKE_OFFER = `mutation ($input: MakeOfferInput!) { makeOffer(input: $input) { id status responseDeadline } }`;

export async function caseState(platform: TestPlatform, caseId: string): Promise<string> {
  const [row] = await platform
    .subgraph('households')
    .dataSource.query<{ state: string }[]>('SELECT state FROM relocation_case WHERE id = $1', [caseId]);
  return row?.state ?? 'MISSING';
}

export async function vacancyStatus(platform: TestPlatform, vacancyId: string): Promise<string> {
  const [row] = await platform.subgraph('housing').dataSource.query<{ status: string; reserved: boolean }[]>(
    `SELECT CASE WHEN status = 'RESERVED' AND reserved_until <= now() THEN 'OPEN' ELSE status END AS status
       FROM vacancy WHERE id = $1`,
    [vacancyId],
  );
  return row?.status ?? 'MISSING';
}

/** A case taken all the way to MOVED through the API: offered, accepted, strategy signed by all three. */
export async function movedCase(platform: TestPlatform): Promise<{ caseId: string; householdId: string }> {
  const { caseId, householdId } = await searchingCase(platform);
  const home = await homesIn(platform, '461');
  await moveInto(platform, caseId, home.vacancies[0]!.id, home.owner.id);
  return { caseId, householdId };
}

/**
 * A searching case of municipality 101 moves into a vacancy (in municipality 461): offered, accepted, the
 * reception strategy signed by all three parties, moved today.
 */
export async function moveInto(
  platform: TestPlatform,
  caseId: string,
  vacancyId: string,
  ownerId: string,
): Promise<void> {
  const sending = as(platform, people.caseworker101);
  const { makeOffer } = await sending.ok<{ makeOffer: { id: string } }>(MAKE_OFFER, {
    input: { caseId, vacancyId },
  });
  await sending.ok(`mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, { id: makeOffer.id });
  const { draftReceptionStrategy } = await sending.ok<{ draftReceptionStrategy: { id: string } }>(
    `mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: {}) { id } }`,
    { id: caseId },
  );
  const parties = [sending, as(platform, people.caseworker461), as(platform, people.lettingOfficer(ownerId))];
  for (const party of parties) {
    await party.ok(`mutation ($id: ID!) { setStrategyContact(strategyId: $id, input: { name: "Kontakt" }) { id } }`, {
      id: draftReceptionStrategy.id,
    });
  }
  for (const party of parties) {
    await party.ok(`mutation ($id: ID!) { signReceptionStrategy(strategyId: $id) { id } }`, {
      id: draftReceptionStrategy.id,
    });
  }
  const today = new Date().toISOString().slice(0, 10);
  await sending.ok(`mutation ($id: ID!, $d: Date!) { setMoveDate(caseId: $id, moveDate: $d) { id } }`, {
    id: caseId,
    d: today,
  });
  await sending.ok(`mutation ($id: ID!, $d: Date!) { recordMove(caseId: $id, movedOn: $d) { state } }`, {
    id: caseId,
    d: today,
  });
}
