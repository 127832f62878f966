// The households subgraph's operations, pointed at households and cases of municipality 101 and at the offers
// and nominations of A's housing organisation.
import { randomUUID } from 'node:crypto';
import { addDays } from '@second-chance/service-kit';
import { MAIN_CPR, TODAY, type World } from '../world';
import { type Samples, items, once, perAllowedCall, shows } from './types';

export function householdsSamples(world: World): Samples {
  const { A, main } = world;
  const sending = () => world.caseworker(A.municipality);
  const any = (data: unknown, path: string, test: (node: Record<string, unknown>) => boolean) =>
    items(data, path).some(test);

  /** A household of 101 the matrix changes (needs, home, members, facts, consents). */
  const editable = once(() => world.household());
  const caseAt = (stage: Parameters<World['caseAt']>[0]) => perAllowedCall(() => world.caseAt(stage));
  const consented = caseAt('CONSENTED');
  const searching = caseAt('SEARCHING');
  const searchingToCancel = caseAt('SEARCHING');
  const searchingToDecline = caseAt('SEARCHING');
  const offered = caseAt('OFFERED');
  const offeredToDecline = caseAt('OFFERED');
  const offeredToWithdraw = caseAt('OFFERED');
  const accepted = caseAt('ACCEPTED');
  const signed = caseAt('SIGNED');
  const dated = caseAt('DATED');
  const moved = caseAt('MOVED');
  const followedUp = caseAt('FOLLOW_UP');
  const nominated = perAllowedCall(() => world.caseAt('NOMINATED'));
  const drafted = once(() => world.caseAt('DRAFTED'));
  /** A strategy whose three parties have named their contacts: each may sign. */
  const withContacts = once(async () => {
    const record = await world.caseAt('DRAFTED');
    const parties = [sending(), world.caseworker('461'), world.lettingOfficer(A.housing)];
    for (const party of parties) {
      await world.ok(
        party,
        `mutation ($id: ID!) { setStrategyContact(strategyId: $id, input: { name: "Kontakt" }) { id } }`,
        { id: record.strategyId },
      );
    }
    return record;
  });
  /** An activity of a strategy that the receiving housing organisation owns. */
  const activity = once(async () => {
    const record = await world.caseAt('DRAFTED');
    const { addStrategyActivity } = await world.ok<{ addStrategyActivity: { id: string } }>(
      sending(),
      `mutation ($id: ID!, $input: ActivityInput!) { addStrategyActivity(strategyId: $id, input: $input) { id } }`,
      {
        id: record.strategyId,
        input: {
          kind: 'LOCAL_NETWORK',
          description: 'Beboerforeningen',
          ownerParty: 'HOUSING_ORGANISATION',
          dueOn: addDays(TODAY, 30),
        },
      },
    );
    return addStrategyActivity.id;
  });
  /** A household of 101 renting its home from A's housing organisation: its caseworkers and the organisation may
   *  nominate it. */
  const renting = perAllowedCall(async () => {
    const { householdId } = await world.household({ homeUnitId: await world.freshUnit() });
    await world.consent(householdId);
    return householdId;
  });
  const withConsent = (purpose: 'RELOCATION' | 'MUNICIPAL_ALLOCATION') =>
    perAllowedCall(async () => {
      const { householdId } = await world.household();
      return { householdId, consentId: await world.consent(householdId, purpose) };
    });
  const toWithdraw = withConsent('RELOCATION');
  const mayApply = withConsent('MUNICIPAL_ALLOCATION');
  const application = perAllowedCall(async () => {
    const { householdId } = await world.household();
    await world.consent(householdId, 'MUNICIPAL_ALLOCATION');
    const { applyForMunicipalAllocation } = await world.ok<{ applyForMunicipalAllocation: { id: string } }>(
      sending(),
      `mutation ($id: ID!) { applyForMunicipalAllocation(householdId: $id, input: {
          minRooms: 1, stepFreeAccess: false, maxMonthlyRentOre: 900000, acceptableMunicipalityCodes: [] }) { id } }`,
      { id: householdId },
    );
    return applyForMunicipalAllocation.id;
  });
  /** A household of 101 without a case (it may be erased), and one whose processing is restricted. */
  const toRestrict = perAllowedCall(async () => (await world.household()).householdId);
  const toErase = perAllowedCall(async () => (await world.household()).householdId);
  const restricted = perAllowedCall(async () => {
    const { householdId } = await world.household();
    await world.ok(
      sending(),
      `mutation ($id: ID!) { restrictProcessing(householdId: $id, reason: "The facts are disputed") { restricted } }`,
      { id: householdId },
    );
    return householdId;
  });
  /** A proposal of a fresh round for a fresh searching case of 101 (three fresh homes, so the case gets one). */
  const proposal = () =>
    perAllowedCall(async () => {
      const { caseId } = await world.caseAt('SEARCHING');
      for (let i = 0; i < 3; i += 1) await world.freshVacancy();
      return world.proposalFor(caseId);
    });
  const proposalToAccept = proposal();
  const proposalToReject = proposal();

  return {
    'Query.household': {
      query: `query ($id: ID!) { household(id: $id) { id size needs { minRooms } } }`,
      variables: () => ({ id: main.householdId }),
    },
    'Query.households': {
      query: `{ households(first: 100) { nodes { id responsibleMunicipalityCode } } }`,
      holdsA: (data) => any(data, 'households', (h) => h.responsibleMunicipalityCode === A.municipality),
    },
    'Query.householdByCpr': {
      query: `query ($cpr: String!) { householdByCpr(cpr: $cpr) { id } }`,
      variables: () => ({ cpr: MAIN_CPR.cpr }),
    },
    'Query.relocationCase': {
      query: `query ($id: ID!) { relocationCase(id: $id) { id state } }`,
      variables: () => ({ id: main.caseId }),
    },
    'Query.relocationCases': {
      query: `{ relocationCases(first: 100) { nodes {
        id sendingMunicipalityCode receivingMunicipalityCode receivingOrganisationId } } }`,
      holdsA: (data) =>
        any(
          data,
          'relocationCases',
          (c) =>
            c.sendingMunicipalityCode === A.municipality ||
            c.receivingMunicipalityCode === A.municipality ||
            c.receivingOrganisationId === A.housing,
        ),
    },
    'Query.nominations': {
      query: `{ nominations(first: 100) { nodes { id nominatedByOrganisationId } } }`,
      holdsA: (data) =>
        any(data, 'nominations', (n) => [A.municipality, A.housing].includes(String(n.nominatedByOrganisationId))),
    },
    'Query.offersOfMyVacancies': {
      query: `{ offersOfMyVacancies(first: 100) { nodes { id housingOrganisationId } } }`,
      holdsA: (data) => any(data, 'offersOfMyVacancies', (o) => o.housingOrganisationId === A.housing),
    },
    'Query.inMoverApplications': {
      query: `{ inMoverApplications(first: 100) { nodes { id municipalityCode } } }`,
      holdsA: (data) => any(data, 'inMoverApplications', (a) => a.municipalityCode === A.municipality),
    },
    'Query.auditLog': { query: `{ auditLog(first: 5) { nodes { id } } }` },
    'Query.allocationRounds': { query: `{ allocationRounds(first: 5) { nodes { id } } }` },
    'Query.allocationRound': {
      query: `query ($id: ID!) { allocationRound(id: $id) { id placed } }`,
      variables: () => ({ id: world.roundId }),
    },
    'Query.allocationProposals': {
      // Every seeker and every home of this round is A's: a caller sees A's proposals or none.
      query: `query ($round: ID) { allocationProposals(
          filter: { roundId: $round, statuses: [PROPOSED, SUPERSEDED, ACCEPTED, REJECTED, NO_PROPOSAL] }, first: 100) {
        nodes { id householdSize } } }`,
      variables: () => ({ round: world.roundId }),
    },
    'Query.allocationWeights': { query: `{ allocationWeights { weights { placement } } }` },

    'Mutation.runAllocationRound': { query: `mutation { runAllocationRound { id } }` },
    'Mutation.setAllocationWeights': {
      query: `mutation { setAllocationWeights(input: { fairness: 1 }, note: "As before") { weights { fairness } } }`,
    },
    'Mutation.acceptProposal': {
      query: `mutation ($id: ID!) { acceptProposal(proposalId: $id) { id status } }`,
      variables: async (call) => ({ id: await proposalToAccept(call) }),
    },
    'Mutation.rejectProposal': {
      query: `mutation ($id: ID!) { rejectProposal(proposalId: $id, reason: "The family wants to stay near school") { id status } }`,
      variables: async (call) => ({ id: await proposalToReject(call) }),
    },
    'Mutation.registerHousehold': {
      query: `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      variables: () => ({
        input: {
          members: [{ name: 'Ny Voksen', birthDate: '1990-01-01' }],
          needs: { minRooms: 2, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
        },
      }),
    },
    'Mutation.updateHouseholdNeeds': {
      query: `mutation ($id: ID!) { updateHouseholdNeeds(householdId: $id, input: {
        minRooms: 2, stepFreeAccess: false, acceptableMunicipalityCodes: [] }) { id } }`,
      variables: async () => ({ id: (await editable()).householdId }),
    },
    'Mutation.setHome': {
      query: `mutation ($id: ID!) { setHome(householdId: $id, input: { address: "Matrixvej 1, 2300 København S" }) { id } }`,
      variables: async () => ({ id: (await editable()).householdId }),
    },
    'Mutation.addMember': {
      query: `mutation ($id: ID!) { addMember(householdId: $id, input: { name: "Ny Beboer", birthDate: "2019-04-04" }) { id } }`,
      variables: async () => ({ id: (await editable()).householdId }),
    },
    'Mutation.removeMember': {
      query: `mutation ($id: ID!, $on: Date!) { removeMember(memberId: $id, leftOn: $on) { id } }`,
      variables: async () => ({ id: (await editable()).memberIds[1], on: TODAY }),
    },
    'Mutation.recordFact': {
      query: `mutation ($id: ID!, $on: Date!) { recordFact(memberId: $id, input: {
        kind: LABOUR_MARKET_STATUS, value: "IN_EDUCATION", startedOn: $on }) { id } }`,
      variables: async () => ({ id: (await editable()).memberIds[0], on: TODAY }),
    },
    'Mutation.recordCriminalRecordFact': {
      query: `mutation ($id: ID!) { recordCriminalRecordFact(memberId: $id, input: {
        kind: PRISON_RELEASE, releasedOn: "2020-02-02" }) { id } }`,
      variables: async () => ({ id: (await editable()).memberIds[0] }),
    },
    'Mutation.recordConsent': {
      query: `mutation ($id: ID!, $on: Date!) { recordConsent(householdId: $id, input: {
        purpose: MUNICIPAL_ALLOCATION, lawfulBasis: PUBLIC_TASK, givenOn: $on }) { id } }`,
      variables: async () => ({ id: (await editable()).householdId, on: TODAY }),
    },
    'Mutation.withdrawConsent': {
      query: `mutation ($id: ID!, $on: Date!) { withdrawConsent(consentId: $id, input: { withdrawnOn: $on }) { id } }`,
      variables: async (call) => ({ id: (await toWithdraw(call)).consentId, on: TODAY }),
    },
    'Mutation.nominateHousehold': {
      query: `mutation ($id: ID!) { nominateHousehold(input: {
        householdId: $id, reasonCategory: HOUSING_NEEDS, reasonText: "Overcrowded" }) { id } }`,
      variables: async (call) => ({ id: await renting(call) }),
    },
    'Mutation.decideNomination': {
      query: `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT }) { id status } }`,
      variables: async (call) => ({ id: (await nominated(call)).nominationId }),
    },
    'Mutation.startSearch': {
      query: `mutation ($id: ID!) { startSearch(caseId: $id) { id state } }`,
      variables: async (call) => ({ id: (await consented(call)).caseId }),
    },
    'Mutation.makeOffer': {
      query: `mutation ($input: MakeOfferInput!) { makeOffer(input: $input) { id status } }`,
      variables: async (call) => ({
        input: { caseId: (await searching(call)).caseId, vacancyId: (await world.freshVacancy()).vacancyId },
      }),
    },
    'Mutation.acceptOffer': {
      query: `mutation ($id: ID!) { acceptOffer(offerId: $id) { id status } }`,
      variables: async (call) => ({ id: (await offered(call)).offerId }),
    },
    'Mutation.declineOffer': {
      query: `mutation ($id: ID!) { declineOffer(offerId: $id, input: { reason: HOME_DOES_NOT_FIT }) { id status } }`,
      variables: async (call) => ({ id: (await offeredToDecline(call)).offerId }),
    },
    'Mutation.withdrawOffer': {
      query: `mutation ($id: ID!) { withdrawOffer(offerId: $id, reason: "The home is needed elsewhere") { id status } }`,
      variables: async (call) => ({ id: (await offeredToWithdraw(call)).offerId }),
    },
    'Mutation.declineRelocation': {
      query: `mutation ($id: ID!) { declineRelocation(caseId: $id, reason: "The family stays") { id state } }`,
      variables: async (call) => ({ id: (await searchingToDecline(call)).caseId }),
    },
    'Mutation.cancelCase': {
      query: `mutation ($id: ID!) { cancelCase(caseId: $id, reason: "No longer needed") { id state } }`,
      variables: async (call) => ({ id: (await searchingToCancel(call)).caseId }),
    },
    'Mutation.draftReceptionStrategy': {
      query: `mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: { summary: "Modtagelse" }) { id } }`,
      variables: async (call) => ({ id: (await accepted(call)).caseId }),
    },
    'Mutation.setStrategyContact': {
      query: `mutation ($id: ID!) { setStrategyContact(strategyId: $id, input: { name: "Kontaktperson" }) { id } }`,
      variables: async () => ({ id: (await drafted()).strategyId }),
    },
    'Mutation.addStrategyActivity': {
      query: `mutation ($id: ID!, $input: ActivityInput!) { addStrategyActivity(strategyId: $id, input: $input) { id } }`,
      variables: async () => ({
        id: (await drafted()).strategyId,
        input: {
          kind: 'SCHOOL',
          description: 'Skolestart',
          ownerParty: 'RECEIVING_MUNICIPALITY',
          dueOn: addDays(TODAY, 14),
        },
      }),
    },
    'Mutation.updateStrategyActivity': {
      query: `mutation ($id: ID!) { updateStrategyActivity(activityId: $id, input: { status: IN_PROGRESS }) { id status } }`,
      variables: async () => ({ id: await activity() }),
    },
    'Mutation.signReceptionStrategy': {
      query: `mutation ($id: ID!) { signReceptionStrategy(strategyId: $id) { id } }`,
      variables: async () => ({ id: (await withContacts()).strategyId }),
    },
    'Mutation.setMoveDate': {
      query: `mutation ($id: ID!, $on: Date!) { setMoveDate(caseId: $id, moveDate: $on) { id } }`,
      variables: async (call) => ({ id: (await signed(call)).caseId, on: TODAY }),
    },
    'Mutation.recordMove': {
      query: `mutation ($id: ID!, $on: Date!) { recordMove(caseId: $id, movedOn: $on) { id state } }`,
      variables: async (call) => ({ id: (await dated(call)).caseId, on: TODAY }),
    },
    'Mutation.startFollowUp': {
      query: `mutation ($id: ID!) { startFollowUp(caseId: $id) { id state } }`,
      variables: async (call) => ({ id: (await moved(call)).caseId }),
    },
    'Mutation.closeCase': {
      query: `mutation ($id: ID!) { closeCase(caseId: $id, note: "Followed up") { id state } }`,
      variables: async (call) => ({ id: (await followedUp(call)).caseId }),
    },
    'Mutation.applyForMunicipalAllocation': {
      query: `mutation ($id: ID!) { applyForMunicipalAllocation(householdId: $id, input: {
        minRooms: 1, stepFreeAccess: false, maxMonthlyRentOre: 900000, acceptableMunicipalityCodes: [] }) { id } }`,
      variables: async (call) => ({ id: (await mayApply(call)).householdId }),
    },
    'Mutation.withdrawInMoverApplication': {
      query: `mutation ($id: ID!) { withdrawInMoverApplication(applicationId: $id) { id status } }`,
      variables: async (call) => ({ id: await application(call) }),
    },
    'Query.personalDataExport': {
      query: `query ($id: ID!) { personalDataExport(householdId: $id) { householdId format } }`,
      variables: () => ({ id: main.householdId }),
    },
    'Mutation.restrictProcessing': {
      query: `mutation ($id: ID!) { restrictProcessing(householdId: $id, reason: "The facts are disputed") {
        householdId restricted } }`,
      variables: async (call) => ({ id: await toRestrict(call) }),
    },
    'Mutation.liftRestriction': {
      query: `mutation ($id: ID!) { liftRestriction(householdId: $id, reason: "The facts are settled") {
        householdId restricted } }`,
      variables: async (call) => ({ id: await restricted(call) }),
    },
    'Mutation.erasePersonalData': {
      query: `mutation ($id: ID!, $key: String!) { erasePersonalData(householdId: $id, reason: "The retention period ended",
        idempotencyKey: $key) { id householdId } }`,
      variables: async (call) => ({ id: await toErase(call), key: randomUUID() }),
    },

    'Vacancy.offers': {
      query: `query ($id: ID!) { vacancy(id: $id) { id offers { id } } }`,
      variables: () => ({ id: main.vacancyId }),
      holdsA: shows('vacancy', 'offers'),
    },
  };
}
