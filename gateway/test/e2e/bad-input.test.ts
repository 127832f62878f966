// Bad input to the households subgraph gets a clear error and writes nothing, in either subgraph.
import { type TestPlatform, errorCode } from '@second-chance/testing';
import { CPR, MAKE_OFFER, REGISTER, as, homesIn, people, searchingCase, startGraph } from './platform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startGraph();
});
afterAll(() => platform.close());

async function counts(): Promise<Record<string, number>> {
  const tables = [
    'household',
    'household_member',
    'member_fact',
    'criminal_record_fact',
    'consent',
    'nomination',
    'relocation_case',
    'case_event',
    'offer',
    'reception_strategy',
    'strategy_activity',
    'in_mover_application',
    'domain_event',
  ];
  const db = platform.subgraph('households').dataSource;
  const result: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${table}`);
    result[table] = row?.count ?? -1;
  }
  const [reservations] = await platform
    .subgraph('housing')
    .dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM reservation');
  result.housingReservations = reservations?.count ?? -1;
  return result;
}

async function refused(query: string, variables: Record<string, unknown>, code: string, message: RegExp) {
  const before = await counts();
  const result = await as(platform, people.caseworker101).call(query, variables);
  expect({ code: errorCode(result.body), message: result.body.errors?.[0]?.message }).toEqual({
    code,
    message: expect.stringMatching(message),
  });
  expect(await counts()).toEqual(before);
}

const member = (overrides: Record<string, unknown>) => ({ name: 'Test Person', ...CPR.mother, ...overrides });
const needs = { stepFreeAccess: false, acceptableMunicipalityCodes: [] };

test('invalid CPR numbers and impossible dates are refused, and nothing of the household is written', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [member({ cpr: '12038-1234' }), /ten digits/],
    [member({ cpr: '310288-1234', birthDate: '1988-02-28' }), /real birth date/],
    [member({ cpr: '120388-1234', birthDate: '1988-03-13' }), /says born 1988-03-12/],
    [member({ birthDate: '2099-01-01', cpr: null }), /future/],
    [
      member({ facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'ASTRONAUT', startedOn: '2020-01-01' }] }),
      /labour-market status/,
    ],
    [
      member({ facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'EMPLOYED', startedOn: '1970-01-01' }] }),
      /before the member was born/,
    ],
    [member({ name: '' }), /empty/],
  ];
  for (const [input, message] of cases) {
    await refused(REGISTER, { input: { members: [input], needs } }, 'BAD_USER_INPUT', message);
  }
  // Dates the calendar does not have never reach the service.
  await refused(
    REGISTER,
    { input: { members: [member({ birthDate: '1988-02-30' })], needs } },
    'BAD_USER_INPUT',
    /calendar date/,
  );
  // The second member's error refuses the first member too.
  await refused(
    REGISTER,
    { input: { members: [member({}), member({ name: 'Other', cpr: '999999-9999' })], needs } },
    'BAD_USER_INPUT',
    /CPR|digits|birth date/,
  );
});

test('unknown references are refused', async () => {
  await refused(
    REGISTER,
    { input: { members: [member({})], home: { unitId: '00000000-0000-4000-8000-00000000aaaa' }, needs } },
    'BAD_USER_INPUT',
    /no housing unit/,
  );
  await refused(
    `mutation { recordConsent(householdId: "00000000-0000-4000-8000-00000000aaaa", input: { purpose: RELOCATION, lawfulBasis: CONSENT, givenOn: "2026-01-01" }) { id } }`,
    {},
    'NOT_FOUND',
    /household/,
  );
  const { caseId } = await searchingCase(platform);
  await refused(
    MAKE_OFFER,
    { input: { caseId, vacancyId: '00000000-0000-4000-8000-00000000aaaa' } },
    'NOT_FOUND',
    /vacancy/,
  );
  await refused(
    MAKE_OFFER,
    { input: { caseId: 'not-an-id', vacancyId: '00000000-0000-4000-8000-00000000aaaa' } },
    'NOT_FOUND',
    /case/,
  );
});

test('a transition the state does not allow is a CONFLICT that says what is possible', async () => {
  const { caseId } = await searchingCase(platform);
  await refused(
    `mutation ($id: ID!) { startSearch(caseId: $id) { state } }`,
    { id: caseId },
    'CONFLICT',
    /SEARCHING cannot start search/,
  );
  await refused(
    `mutation ($id: ID!) { recordMove(caseId: $id, movedOn: "2026-01-01") { state } }`,
    { id: caseId },
    'CONFLICT',
    /move date/,
  );
  await refused(
    `mutation ($id: ID!) { startFollowUp(caseId: $id) { state } }`,
    { id: caseId },
    'CONFLICT',
    /possible now: offer/,
  );
  await refused(
    `mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: {}) { id } }`,
    { id: caseId },
    'CONFLICT',
    /accepted/,
  );
  await refused(`mutation ($id: ID!) { closeCase(caseId: $id) { state } }`, { id: caseId }, 'CONFLICT', /cannot close/);
  // An accepted case cannot have its move date set before all three parties have signed.
  const home = await homesIn(platform, '461');
  const caseworker = as(platform, people.caseworker101);
  const { makeOffer } = await caseworker.ok<{ makeOffer: { id: string } }>(MAKE_OFFER, {
    input: { caseId, vacancyId: home.vacancies[0]!.id },
  });
  await caseworker.ok(`mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, { id: makeOffer.id });
  await refused(
    `mutation ($id: ID!) { setMoveDate(caseId: $id, moveDate: "2099-01-01") { id } }`,
    { id: caseId },
    'CONFLICT',
    /not signed/,
  );
  await refused(
    `mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`,
    { id: makeOffer.id },
    'CONFLICT',
    /ACCEPTED/,
  );
});

test('an offer to a household without consent, or from another municipality, goes nowhere', async () => {
  const caseworker = as(platform, people.caseworker101);
  const { registerHousehold } = await caseworker.ok<{ registerHousehold: { id: string } }>(REGISTER, {
    input: { members: [member({ cpr: null })], needs },
  });
  await refused(
    `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: OTHER, reasonText: "x" }) { id } }`,
    { id: registerHousehold.id },
    'CONFLICT',
    /consent/,
  );
  const { caseId } = await searchingCase(platform, { municipality: '751' });
  const home = await homesIn(platform, '461');
  await refused(
    MAKE_OFFER,
    { input: { caseId, vacancyId: home.vacancies[0]!.id } },
    'FORBIDDEN',
    /sending municipality/,
  );
});

test('an application for municipal allocation needs its own consent, and is one at a time', async () => {
  const caseworker = as(platform, people.caseworker101);
  const { registerHousehold } = await caseworker.ok<{ registerHousehold: { id: string } }>(REGISTER, {
    input: { members: [member({ cpr: null })], needs },
  });
  const apply = `mutation ($id: ID!) { applyForMunicipalAllocation(householdId: $id, input: { minRooms: 2, stepFreeAccess: true, maxMonthlyRentOre: 800000, acceptableMunicipalityCodes: ["101"] }) { id status requestedOn } }`;
  await refused(apply, { id: registerHousehold.id }, 'CONFLICT', /municipal allocation/);
  await caseworker.ok(
    `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: MUNICIPAL_ALLOCATION, lawfulBasis: PUBLIC_TASK, givenOn: "2026-01-01" }) { id } }`,
    { id: registerHousehold.id },
  );
  const { applyForMunicipalAllocation } = await caseworker.ok<{
    applyForMunicipalAllocation: { id: string; status: string };
  }>(apply, {
    id: registerHousehold.id,
  });
  expect(applyForMunicipalAllocation.status).toBe('ACTIVE');
  await refused(apply, { id: registerHousehold.id }, 'CONFLICT', /already has an active application/);
  const listed = await caseworker.ok<{ inMoverApplications: { nodes: { id: string; stepFreeAccess: boolean }[] } }>(
    `{ inMoverApplications(statuses: [ACTIVE]) { nodes { id stepFreeAccess } } }`,
  );
  expect(listed.inMoverApplications.nodes).toContainEqual({ id: applyForMunicipalAllocation.id, stepFreeAccess: true });
  const elsewhere = await as(platform, people.caseworker751).ok<{ inMoverApplications: { nodes: unknown[] } }>(
    `{ inMoverApplications { nodes { id } } }`,
  );
  expect(elsewhere.inMoverApplications.nodes).toEqual([]);
});
