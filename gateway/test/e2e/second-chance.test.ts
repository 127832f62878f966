// The Second Chance path through the gateway, as each role does its part.
import { type TestPlatform } from '@second-chance/testing';
import { CPR, REGISTER, as, homesIn, people, startGraph } from './platform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startGraph();
});
afterAll(() => platform.close());

test('a family gets a fresh start: registered, nominated, offered a home elsewhere, moved, followed, closed', async () => {
  const sending = as(platform, people.caseworker101);
  const receiving = as(platform, people.caseworker461);
  // The family lives in social housing in København, with the organisation that will nominate it.
  const home = await homesIn(platform, '101');
  const nominatingOfficer = as(platform, people.lettingOfficer(home.owner.id));
  // The new home: in Odense, offered to the platform by another housing organisation.
  const newHome = await homesIn(platform, '461');
  const receivingOfficer = as(platform, people.lettingOfficer(newHome.owner.id));

  const registered = await sending.ok<{ registerHousehold: { id: string; size: number } }>(REGISTER, {
    input: {
      members: [
        {
          name: 'Amina Testesen',
          ...CPR.mother,
          facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2024-01-01' }],
        },
        { name: 'Sami Testesen', ...CPR.child },
      ],
      home: { unitId: home.units[0]!.id },
      needs: {
        minRooms: 1,
        stepFreeAccess: false,
        maxMonthlyRentOre: 900_000,
        acceptableMunicipalityCodes: ['461', '751'],
      },
    },
  });
  const householdId = registered.registerHousehold.id;
  expect(registered.registerHousehold.size).toBe(2);

  await sending.ok(
    `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: RELOCATION, lawfulBasis: CONSENT, givenOn: "2026-11-01" }) { id inForce } }`,
    { id: householdId },
  );
  const nominated = await nominatingOfficer.ok<{ nominateHousehold: { id: string; status: string; case: null } }>(
    `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: HARMFUL_NETWORK, reasonText: "Needs distance from a network" }) { id status case { id } } }`,
    { id: householdId },
  );
  // The nominating organisation sees its nomination, not the municipality's case.
  expect(nominated.nominateHousehold).toMatchObject({ status: 'PENDING', case: null });
  const decided = await sending.ok<{ decideNomination: { status: string; case: { id: string; state: string } } }>(
    `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT }) { status case { id state } } }`,
    { id: nominated.nominateHousehold.id },
  );
  expect(decided.decideNomination).toMatchObject({ status: 'ACCEPTED', case: { state: 'CONSENTED' } });
  const caseId = decided.decideNomination.case.id;
  await sending.ok(`mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: caseId });

  const offered = await sending.ok<{ makeOffer: { id: string; status: string } }>(
    `mutation ($input: MakeOfferInput!) { makeOffer(input: $input) { id status } }`,
    { input: { caseId, vacancyId: newHome.vacancies[0]!.id } },
  );
  expect(offered.makeOffer.status).toBe('PENDING');
  const accepted = await sending.ok<{
    acceptOffer: { status: string; case: { state: string; receivingMunicipalityCode: string } };
  }>(`mutation ($id: ID!) { acceptOffer(offerId: $id) { status case { state receivingMunicipalityCode } } }`, {
    id: offered.makeOffer.id,
  });
  expect(accepted.acceptOffer).toEqual({
    status: 'ACCEPTED',
    case: { state: 'ACCEPTED', receivingMunicipalityCode: '461' },
  });
  await platform.subgraph('households').runJobs();
  const vacancy = await receivingOfficer.ok<{ vacancy: { status: string } }>(
    `query ($id: ID!) { vacancy(id: $id) { status } }`,
    {
      id: newHome.vacancies[0]!.id,
    },
  );
  expect(vacancy.vacancy.status).toBe('LET');

  const strategy = await sending.ok<{ draftReceptionStrategy: { id: string } }>(
    `mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: { summary: "A calm start" }) { id } }`,
    { id: caseId },
  );
  const strategyId = strategy.draftReceptionStrategy.id;
  await sending.ok(
    `mutation ($id: ID!) { addStrategyActivity(strategyId: $id, input: { kind: SCHOOL, description: "School start", ownerParty: RECEIVING_MUNICIPALITY, dueOn: "2027-01-10" }) { id } }`,
    { id: strategyId },
  );
  for (const party of [sending, receiving, receivingOfficer]) {
    await party.ok(
      `mutation ($id: ID!) { setStrategyContact(strategyId: $id, input: { name: "Kontakt Person", email: "kontakt@example.dk" }) { id } }`,
      { id: strategyId },
    );
  }
  for (const party of [sending, receiving, receivingOfficer]) {
    await party.ok(`mutation ($id: ID!) { signReceptionStrategy(strategyId: $id) { signedByAll } }`, {
      id: strategyId,
    });
  }
  const today = new Date().toISOString().slice(0, 10);
  await sending.ok(`mutation ($id: ID!, $date: Date!) { setMoveDate(caseId: $id, moveDate: $date) { moveDate } }`, {
    id: caseId,
    date: today,
  });
  const moved = await sending.ok<{ recordMove: { state: string; movedOn: string } }>(
    `mutation ($id: ID!, $date: Date!) { recordMove(caseId: $id, movedOn: $date) { state movedOn } }`,
    { id: caseId, date: today },
  );
  expect(moved.recordMove).toEqual({ state: 'MOVED', movedOn: today });
  await receiving.ok(`mutation ($id: ID!) { startFollowUp(caseId: $id) { state } }`, { id: caseId });
  const activities = await receiving.ok<{ relocationCase: { receptionStrategy: { activities: { id: string }[] } } }>(
    `query ($id: ID!) { relocationCase(id: $id) { receptionStrategy { activities { id } } } }`,
    { id: caseId },
  );
  for (const activity of activities.relocationCase.receptionStrategy.activities) {
    await receiving.ok(
      `mutation ($id: ID!) { updateStrategyActivity(activityId: $id, input: { status: DONE, outcome: "Started school in week 2" }) { status } }`,
      { id: activity.id },
    );
  }
  const closed = await sending.ok<{ closeCase: { state: string; history: { toState: string }[] } }>(
    `mutation ($id: ID!) { closeCase(caseId: $id, note: "A good start") { state history { toState } } }`,
    { id: caseId },
  );
  expect(closed.closeCase.state).toBe('CLOSED');
  expect(closed.closeCase.history.map((e) => e.toState)).toEqual([
    'NOMINATED',
    'CONSENTED',
    'SEARCHING',
    'OFFERED',
    'ACCEPTED',
    'MOVED',
    'FOLLOW_UP',
    'CLOSED',
  ]);

  // The household now lives in its new home, and finance and evaluation were told of each step.
  const household = await sending.ok<{ household: { home: { id: string } } }>(
    `query ($id: ID!) { household(id: $id) { home { id } } }`,
    {
      id: householdId,
    },
  );
  expect(household.household.home.id).toBe(newHome.units[0]!.id);
  const events = await platform
    .subgraph('households')
    .dataSource.query<{ type: string; payload: Record<string, unknown> }[]>(
      `SELECT type, payload FROM domain_event WHERE aggregate_id = $1 ORDER BY sequence`,
      [caseId],
    );
  expect(events.map((e) => e.type)).toEqual([
    'relocation-case.nominated',
    'relocation-case.consented',
    'relocation-case.searching',
    'relocation-case.offered',
    'relocation-case.accepted',
    'relocation-case.moved',
    'relocation-case.follow-up',
    'relocation-case.closed',
  ]);
  expect(events.find((e) => e.type === 'relocation-case.moved')!.payload).toMatchObject({
    caseId,
    sendingMunicipalityCode: '101',
    receivingMunicipalityCode: '461',
    receivingHousingOrganisationId: newHome.owner.id,
    fromUnitId: home.units[0]!.id,
    toUnitId: newHome.units[0]!.id,
    toAreaId: newHome.area.id,
    composition: {
      adults: 1,
      children: 1,
      adultsOfWorkingAge: 1,
      adultsOutsideLabourMarket: 1,
      adultsWithOpenMunicipalCase: 0,
      membersWithOpenMunicipalCase: 0,
    },
  });
  // No personal data leaves the households subgraph: no names, no CPR numbers, no household id.
  expect(JSON.stringify(events)).not.toMatch(new RegExp(`Testesen|120388|150915|${householdId}`));
});
