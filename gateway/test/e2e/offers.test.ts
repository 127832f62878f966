// Offers and their reservations across households and housing: declined, withdrawn, expired, raced,
// and completed after housing failed to answer.
import { type TestPlatform, errorCode, expectError } from '@second-chance/testing';
import { MAKE_OFFER, as, caseState, homesIn, people, searchingCase, startGraph, vacancyStatus } from './platform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startGraph();
});
afterAll(() => platform.close());

const caseworker = () => as(platform, people.caseworker101);

async function offer(caseId: string, vacancyId: string, responseDays?: number) {
  return caseworker().ok<{ makeOffer: { id: string; status: string; responseDeadline: string } }>(MAKE_OFFER, {
    input: { caseId, vacancyId, ...(responseDays ? { responseDays } : {}) },
  });
}

test('a declined offer releases the vacancy and the search goes on; the reason is kept', async () => {
  const { caseId } = await searchingCase(platform);
  const home = await homesIn(platform, '461');
  const { makeOffer } = await offer(caseId, home.vacancies[0]!.id);
  expect(await vacancyStatus(platform, home.vacancies[0]!.id)).toBe('RESERVED');
  expect(await caseState(platform, caseId)).toBe('OFFERED');
  const declined = await caseworker().ok<{ declineOffer: { status: string; declineReason: string } }>(
    `mutation ($id: ID!) { declineOffer(offerId: $id, input: { reason: TOO_FAR_FROM_NETWORK, note: "Grandparents are in Valby" }) { status declineReason } }`,
    { id: makeOffer.id },
  );
  expect(declined.declineOffer).toEqual({ status: 'DECLINED', declineReason: 'TOO_FAR_FROM_NETWORK' });
  expect(await caseState(platform, caseId)).toBe('SEARCHING');
  await platform.subgraph('households').runJobs();
  expect(await vacancyStatus(platform, home.vacancies[0]!.id)).toBe('OPEN');
  // Declining twice is a conflict; the vacancy can be offered to the household again later.
  expectError(
    await caseworker().call(`mutation ($id: ID!) { declineOffer(offerId: $id, input: { reason: OTHER }) { status } }`, {
      id: makeOffer.id,
    }),
    'CONFLICT',
    /DECLINED/,
  );
  expect((await offer(caseId, home.vacancies[0]!.id)).makeOffer.status).toBe('PENDING');
});

test('an offer not answered by its deadline expires, and its vacancy is released', async () => {
  const { caseId } = await searchingCase(platform);
  const home = await homesIn(platform, '461');
  const { makeOffer } = await offer(caseId, home.vacancies[0]!.id, 2);
  expect(new Date(makeOffer.responseDeadline).getTime() - Date.now()).toBeGreaterThan(47 * 3_600_000);
  // The deadline passes.
  await platform
    .subgraph('households')
    .dataSource.query(`UPDATE offer SET response_deadline = now() - interval '1 minute' WHERE id = $1`, [makeOffer.id]);
  expectError(
    await caseworker().call(`mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, { id: makeOffer.id }),
    'CONFLICT',
    /deadline/,
  );
  await platform.subgraph('households').runJobs();
  const { relocationCase } = await caseworker().ok<{ relocationCase: { state: string; offers: { status: string }[] } }>(
    `query ($id: ID!) { relocationCase(id: $id) { state offers { status } } }`,
    { id: caseId },
  );
  expect(relocationCase).toEqual({ state: 'SEARCHING', offers: [{ status: 'EXPIRED' }] });
  expect(await vacancyStatus(platform, home.vacancies[0]!.id)).toBe('OPEN');
});

test('withdrawing consent stops the case and withdraws its offer', async () => {
  const { householdId, caseId } = await searchingCase(platform);
  const home = await homesIn(platform, '461');
  const { makeOffer } = await offer(caseId, home.vacancies[0]!.id);
  const { household } = await caseworker().ok<{ household: { consents: { id: string }[] } }>(
    `query ($id: ID!) { household(id: $id) { consents { id } } }`,
    { id: householdId },
  );
  const today = new Date().toISOString().slice(0, 10);
  await caseworker().ok(
    `mutation ($id: ID!, $on: Date!) { withdrawConsent(consentId: $id, input: { withdrawnOn: $on, reason: "Changed their mind" }) { inForce } }`,
    { id: household.consents[0]!.id, on: today },
  );
  expect(await caseState(platform, caseId)).toBe('WITHDRAWN');
  await platform.subgraph('households').runJobs();
  expect(await vacancyStatus(platform, home.vacancies[0]!.id)).toBe('OPEN');
  const { relocationCase } = await caseworker().ok<{ relocationCase: { offers: { id: string; status: string }[] } }>(
    `query ($id: ID!) { relocationCase(id: $id) { offers { id status } } }`,
    { id: caseId },
  );
  expect(relocationCase.offers).toEqual([{ id: makeOffer.id, status: 'WITHDRAWN' }]);
  // Without consent nothing goes forward: no new nomination.
  expectError(
    await caseworker().call(
      `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: OTHER, reasonText: "Again" }) { id } }`,
      { id: householdId },
    ),
    'CONFLICT',
    /consent/,
  );
});

test('the household can say no to relocation altogether: the case is DECLINED and its offer withdrawn', async () => {
  const { caseId } = await searchingCase(platform);
  const home = await homesIn(platform, '461');
  await offer(caseId, home.vacancies[0]!.id);
  const { declineRelocation } = await caseworker().ok<{ declineRelocation: { state: string } }>(
    `mutation ($id: ID!) { declineRelocation(caseId: $id, reason: "Wants to stay near school") { state } }`,
    { id: caseId },
  );
  expect(declineRelocation.state).toBe('DECLINED');
  await platform.subgraph('households').runJobs();
  expect(await vacancyStatus(platform, home.vacancies[0]!.id)).toBe('OPEN');
  expectError(
    await caseworker().call(`mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: caseId }),
    'CONFLICT',
    /DECLINED/,
  );
});

test('fifty concurrent offers of one vacancy: exactly one offer, one reservation', async () => {
  const cases = [];
  for (let i = 0; i < 50; i++) cases.push(await searchingCase(platform));
  const home = await homesIn(platform, '461');
  const vacancyId = home.vacancies[0]!.id;
  const token = await platform.token(people.caseworker101);
  const results = await Promise.all(
    cases.map(({ caseId }) =>
      platform.query<{ makeOffer: { id: string } }>(token, MAKE_OFFER, { input: { caseId, vacancyId } }),
    ),
  );
  const succeeded = results.filter((r) => !r.body.errors);
  expect(succeeded).toHaveLength(1);
  expect(results.filter((r) => errorCode(r.body) === 'CONFLICT')).toHaveLength(49);
  const [offers] = await platform
    .subgraph('households')
    .dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM offer WHERE vacancy_id = $1 AND status <> 'FAILED'`,
      [vacancyId],
    );
  expect(offers?.count).toBe(1);
  const [reservations] = await platform
    .subgraph('housing')
    .dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM reservation WHERE vacancy_id = $1', [
      vacancyId,
    ]);
  expect(reservations?.count).toBe(1);
  // Only the winner's case moved on; the others are still searching.
  const states = await Promise.all(cases.map(({ caseId }) => caseState(platform, caseId)));
  expect(states.filter((s) => s === 'OFFERED')).toHaveLength(1);
  expect(states.filter((s) => s === 'SEARCHING')).toHaveLength(49);
});

test('an offer must fit the household and go to a case that is searching', async () => {
  const { caseId } = await searchingCase(platform, {
    needs: { minRooms: 3, stepFreeAccess: true, maxMonthlyRentOre: 500_000 },
  });
  const home = await homesIn(platform, '461');
  const refused = await caseworker().call(MAKE_OFFER, { input: { caseId, vacancyId: home.vacancies[0]!.id } });
  expectError(refused, 'BAD_USER_INPUT', /does not fit/);
  expect(await vacancyStatus(platform, home.vacancies[0]!.id)).toBe('OPEN');
  expectError(
    await caseworker().call(MAKE_OFFER, { input: { caseId, vacancyId: '00000000-0000-4000-8000-00000000dead' } }),
    'NOT_FOUND',
  );
  expectError(
    await caseworker().call(MAKE_OFFER, { input: { caseId, vacancyId: home.vacancies[0]!.id, responseDays: 0 } }),
    'BAD_USER_INPUT',
  );
});
