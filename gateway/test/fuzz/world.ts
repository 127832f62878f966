// The fuzzer's fixture world: a platform with all four subgraphs and, made through the API, one record in the
// right state for every mutation to be valid at the start (an organisation, its areas, units and vacancies; a
// household and its members; cases in every state from consented to followed up; offers, a strategy and an
// activity; proposals of an allocation round; an agreement, grants, compensation entitlements; followed
// families), and makers that make more of them when the fuzzer has used one up.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import type { Identity } from '@second-chance/identity';
import { addDays, todayInDenmark } from '@second-chance/service-kit';
import {
  type TestPlatform,
  type TestPlatformOptions,
  expectNoErrors,
  identity,
  startTestPlatform,
} from '@second-chance/testing';
import { nextCvr } from '../../../services/housing/test/fixtures';
import { CPR, MAKE_OFFER } from '../e2e/platform';

const FINANCE_SECRET = 'households-to-finance-secret-of-32-characters';
const EVALUATION_SECRET = 'households-to-evaluation-secret-of-32-chars';

/** A caller; `null` is a caller without a token. */
export type Who = Identity | null;

export function peopleOf(organisationId: string, otherOrganisationId: string) {
  return {
    admin: identity('platform-admin', 'PLATFORM:sc', 'fuzz-admin'),
    caseworker101: identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101'),
    caseworker461: identity('caseworker', 'MUNICIPALITY:461', 'caseworker-461'),
    caseworker751: identity('caseworker', 'MUNICIPALITY:751', 'caseworker-751'),
    finance101: identity('finance-officer', 'MUNICIPALITY:101', 'finance-101'),
    finance461: identity('finance-officer', 'MUNICIPALITY:461', 'finance-461'),
    finance751: identity('finance-officer', 'MUNICIPALITY:751', 'finance-751'),
    evaluator: identity('evaluator', 'EVALUATOR:vive', 'evaluator-1'),
    letting: identity('letting-officer', `HOUSING_ORGANISATION:${organisationId}`, 'letting-owner'),
    lettingOther: identity('letting-officer', `HOUSING_ORGANISATION:${otherOrganisationId}`, 'letting-other'),
  };
}

export type People = ReturnType<typeof peopleOf>;

export interface World {
  platform: TestPlatform;
  people: People;
  today: string;
  /** Every id the world was built with, by what it is (the bases use them; any is "an id of another type"). */
  ids: Record<string, string>;
  /** Makes more records in a given state, through the API. */
  make: Makers;
  /** Sends an operation through the gateway and returns its data (failing on any error). */
  call: Call;
  /** The previous quarter, `2026Q3` say (ended, never settled). */
  lastQuarter: string;
  listYear: number;
  csvHeader: string;
}

/** Sends an operation as `who` and returns its data, failing on any error. */
export type Call = <D = Record<string, unknown>>(
  who: Who,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<D>;

export async function startFuzzPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const subscribers: { name: string; url: string; secret: string }[] = [];
  const platform = await startTestPlatform(
    [
      housingSubgraph,
      createEvaluationSubgraph({ eventSecrets: [EVALUATION_SECRET] }),
      createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers }),
      createFinanceSubgraph({ eventSecrets: [FINANCE_SECRET] }),
    ],
    options,
  );
  const events = (name: string) => platform.subgraph(name).url.replace(/\/graphql$/, '/events');
  subscribers.push(
    { name: 'finance', url: events('finance'), secret: FINANCE_SECRET },
    { name: 'evaluation', url: events('evaluation'), secret: EVALUATION_SECRET },
  );
  return platform;
}

/** Tokens minted once per person: the fuzzer makes thousands of calls. */
export function tokenCache(platform: TestPlatform) {
  const tokens = new Map<string, Promise<string>>();
  return (who: Identity): Promise<string> => {
    const key = JSON.stringify(who);
    let token = tokens.get(key);
    if (!token) {
      token = platform.token(who, '6h');
      tokens.set(key, token);
    }
    return token;
  };
}

function previousQuarter(today: string): string {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}

let sequence = 0;
/** A number never used before in this run (for names, house numbers, keys). */
export const nextNumber = () => (sequence += 1);

/** A CPR number with its birth date (1960-1999, serial 1000-3999: born in the 1900s), different on every call. */
export function nextCpr(): { cpr: string; birthDate: string } {
  const n = nextNumber();
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const year = 60 + (Math.floor(n / 336) % 40);
  return { cpr: `${day}${month}${year}-${1000 + ((n * 7) % 3000)}`, birthDate: `19${year}-${month}-${day}` };
}

const CSV_HEADER =
  'area_id;year;residents;outside_work_or_education_pct;conviction_pct;national_conviction_pct;' +
  'basic_schooling_only_pct;income_of_region_pct;non_western_pct;open_municipal_case_pct';

const REGISTER_HOUSEHOLD = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id } } }`;
const SET_MOVE_DATE = `mutation ($id: ID!, $d: Date!) { setMoveDate(caseId: $id, moveDate: $d) { id } }`;
const RECORD_MOVE = `mutation ($id: ID!, $d: Date!) { recordMove(caseId: $id, movedOn: $d) { state } }`;

function makersOf(call: Call, people: People, ids: { organisation: string; department: string }, today: string) {
  const caseworker = people.caseworker101;
  const letting = people.letting;
  const units: string[] = [];

  const make = {
    /** A unit of the organisation without a vacancy. */
    unit: async (): Promise<string> => {
      if (!units.length) {
        const { registerUnits } = await call<{ registerUnits: { id: string }[] }>(
          letting,
          `mutation ($id: ID!, $units: [UnitInput!]!) { registerUnits(departmentId: $id, units: $units) { id } }`,
          {
            id: ids.department,
            units: Array.from({ length: 10 }, () => ({
              street: 'Fuzzvej',
              houseNumber: String(nextNumber()),
              floor: 'st',
              door: 'tv',
              postalCode: '5000',
              city: 'Odense C',
              rooms: 3,
              floorAreaM2: 80,
              monthlyRentOre: 700_000,
              kind: 'FAMILY',
              stepFreeAccess: true,
              elevator: false,
            })),
          },
        );
        units.push(...registerUnits.map((u) => u.id));
      }
      return units.pop()!;
    },
    /** An open vacancy of the organisation (for the platform unless said otherwise). */
    vacancy: async (channel = 'PLATFORM', who: Identity = letting, unitId?: string): Promise<string> =>
      (
        await call<{ publishVacancy: { id: string } }>(
          who,
          `mutation ($input: PublishVacancyInput!) { publishVacancy(input: $input) { id } }`,
          { input: { unitId: unitId ?? (await make.unit()), availableFrom: today, channel } },
        )
      ).publishVacancy.id,
    /** A vacancy the organisation has reserved itself. */
    reservedVacancy: async (): Promise<string> => {
      const vacancyId = await make.vacancy();
      await call(letting, `mutation ($input: ReserveVacancyInput!) { reserveVacancy(input: $input) { id } }`, {
        input: { vacancyId, idempotencyKey: `fuzz-reservation-${nextNumber()}` },
      });
      return vacancyId;
    },
    /** A household of Copenhagen (101): an adult on kontanthjælp since 2020 and a child, unless said otherwise. */
    household: async (members?: Record<string, unknown>[]): Promise<{ id: string; members: { id: string }[] }> =>
      (
        await call<{ registerHousehold: { id: string; members: { id: string }[] } }>(caseworker, REGISTER_HOUSEHOLD, {
          input: {
            members: members ?? [
              {
                name: `Fuzz Voksen ${nextNumber()}`,
                birthDate: '1980-05-05',
                facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2020-01-01' }],
              },
              { name: 'Fuzz Barn', birthDate: '2016-06-06' },
            ],
            needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
          },
        })
      ).registerHousehold,
    consent: async (householdId: string, purpose = 'RELOCATION'): Promise<string> =>
      (
        await call<{ recordConsent: { id: string } }>(
          caseworker,
          `mutation ($id: ID!, $purpose: ConsentPurpose!, $on: Date!) { recordConsent(householdId: $id, input: { purpose: $purpose, lawfulBasis: CONSENT, givenOn: $on }) { id } }`,
          { id: householdId, purpose, on: today },
        )
      ).recordConsent.id,
    /** A household with a consent for relocation and a nomination awaiting its municipality's decision. */
    nomination: async (householdId?: string): Promise<string> => {
      const id = householdId ?? (await make.household()).id;
      if (!householdId) await make.consent(id);
      return (
        await call<{ nominateHousehold: { id: string } }>(
          caseworker,
          `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: CHILDREN_FRESH_START, reasonText: "En ny start" }) { id } }`,
          { id },
        )
      ).nominateHousehold.id;
    },
    consentedCase: async (): Promise<string> =>
      (
        await call<{ decideNomination: { case: { id: string } } }>(
          caseworker,
          `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT }) { case { id } } }`,
          { id: await make.nomination() },
        )
      ).decideNomination.case.id,
    searchingCase: async (): Promise<string> => {
      const caseId = await make.consentedCase();
      await call(caseworker, `mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: caseId });
      return caseId;
    },
    offer: async (caseId?: string, vacancyId?: string): Promise<string> =>
      (
        await call<{ makeOffer: { id: string } }>(caseworker, MAKE_OFFER, {
          input: { caseId: caseId ?? (await make.searchingCase()), vacancyId: vacancyId ?? (await make.vacancy()) },
        })
      ).makeOffer.id,
    acceptedCase: async (): Promise<string> => {
      const caseId = await make.searchingCase();
      await call(caseworker, `mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, {
        id: await make.offer(caseId),
      });
      return caseId;
    },
    strategy: async (caseId: string): Promise<string> =>
      (
        await call<{ draftReceptionStrategy: { id: string } }>(
          caseworker,
          `mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: { summary: "Modtagelse" }) { id } }`,
          { id: caseId },
        )
      ).draftReceptionStrategy.id,
    /** A case whose reception strategy all three parties have signed. */
    signedCase: async (): Promise<string> => {
      const caseId = await make.acceptedCase();
      const strategyId = await make.strategy(caseId);
      const parties = [caseworker, people.caseworker461, letting];
      for (const party of parties) {
        await call(
          party,
          `mutation ($id: ID!) { setStrategyContact(strategyId: $id, input: { name: "Kontakt" }) { id } }`,
          { id: strategyId },
        );
      }
      for (const party of parties) {
        await call(party, `mutation ($id: ID!) { signReceptionStrategy(strategyId: $id) { id } }`, { id: strategyId });
      }
      return caseId;
    },
    caseWithMoveDate: async (): Promise<string> => {
      const caseId = await make.signedCase();
      await call(caseworker, SET_MOVE_DATE, { id: caseId, d: today });
      return caseId;
    },
    movedCase: async (movedOn = today): Promise<string> => {
      const caseId = await make.caseWithMoveDate();
      await call(caseworker, RECORD_MOVE, { id: caseId, d: movedOn });
      return caseId;
    },
    followedUpCase: async (): Promise<string> => {
      const caseId = await make.movedCase();
      await call(caseworker, `mutation ($id: ID!) { startFollowUp(caseId: $id) { state } }`, { id: caseId });
      return caseId;
    },
    /** A member who can leave the household. */
    member: async (householdId: string): Promise<string> =>
      (
        await call<{ addMember: { id: string } }>(
          caseworker,
          `mutation ($id: ID!, $name: String!) { addMember(householdId: $id, input: { name: $name, birthDate: "1990-01-01" }) { id } }`,
          { id: householdId, name: `Fuzz Flytter ${nextNumber()}` },
        )
      ).addMember.id,
    /** An active application for municipal allocation (§ 59). */
    application: async (householdId?: string): Promise<string> => {
      const id = householdId ?? (await make.household()).id;
      if (!householdId) await make.consent(id, 'MUNICIPAL_ALLOCATION');
      return (
        await call<{ applyForMunicipalAllocation: { id: string } }>(
          caseworker,
          `mutation ($id: ID!) { applyForMunicipalAllocation(householdId: $id, input: { minRooms: 1, stepFreeAccess: false, maxMonthlyRentOre: 900000, acceptableMunicipalityCodes: ["101"] }) { id } }`,
          { id },
        )
      ).applyForMunicipalAllocation.id;
    },
    restrictedHousehold: async (): Promise<string> => {
      const { id } = await make.household();
      await call(
        caseworker,
        `mutation ($id: ID!) { restrictProcessing(householdId: $id, reason: "Indsigelse mod behandlingen") { restricted } }`,
        { id },
      );
      return id;
    },
    /** A grant applied for under the agreement (Copenhagen sends, Odense receives). */
    grant: async (agreementId: string, caseId?: string): Promise<string> =>
      (
        await call<{ applyForGrant: { id: string } }>(
          caseworker,
          `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { id } }`,
          {
            input: {
              caseId: caseId ?? (await make.searchingCase()),
              agreementId,
              receivingMunicipalityCode: '461',
              receivingHousingOrganisationId: ids.organisation,
              requestedOre: 1_000_000,
              purpose: 'Depositum',
            },
          },
        )
      ).applyForGrant.id,
    approvedGrant: async (agreementId: string, caseId?: string): Promise<string> => {
      const grantId = await make.grant(agreementId, caseId);
      await call(people.finance101, `mutation ($id: ID!) { approveGrant(grantId: $id, amountOre: 1000000) { id } }`, {
        id: grantId,
      });
      return grantId;
    },
  };
  return make;
}

export type Makers = ReturnType<typeof makersOf>;

/** Builds the world; `mutations` are the composed graph's (records for mutations it does not have are left out). */
export async function buildWorld(platform: TestPlatform, mutations: ReadonlySet<string>): Promise<World> {
  const token = tokenCache(platform);
  const call: Call = async <D>(who: Who, query: string, variables: Record<string, unknown> = {}) =>
    expectNoErrors<D>(await platform.query<D>(who ? await token(who) : null, query, variables));
  const today = todayInDenmark();
  const listYear = Number(today.slice(0, 4)) - 1;
  const admin = peopleOf('none', 'none').admin;
  const ids: Record<string, string> = {};

  // Housing: two organisations of Odense (461) with areas and departments.
  const organisation = async (name: string) =>
    (
      await call<{ registerHousingOrganisation: { id: string } }>(
        admin,
        `mutation ($input: RegisterHousingOrganisationInput!) { registerHousingOrganisation(input: $input) { id } }`,
        { input: { name, cvrNumber: nextCvr(), municipalityCode: '461' } },
      )
    ).registerHousingOrganisation.id;
  ids.organisation = await organisation('Fuzz Boligselskab');
  ids.otherOrganisation = await organisation('Fuzz Andet Boligselskab');
  const people = peopleOf(ids.organisation, ids.otherOrganisation);
  const area = async (name: string, who: Identity = people.letting) =>
    (
      await call<{ registerHousingArea: { id: string } }>(
        who,
        `mutation ($input: RegisterHousingAreaInput!) { registerHousingArea(input: $input) { id } }`,
        { input: { name, municipalityCode: '461', residentCount: 1800 } },
      )
    ).registerHousingArea.id;
  const department = async (areaId: string, number: string, who: Identity = people.letting) =>
    (
      await call<{ registerDepartment: { id: string } }>(
        who,
        `mutation ($input: RegisterDepartmentInput!) { registerDepartment(input: $input) { id } }`,
        { input: { areaId, number, name: `Afdeling ${number}` } },
      )
    ).registerDepartment.id;
  ids.area = await area('Fuzzparken');
  ids.otherArea = await area('Fuzzhaven');
  ids.department = await department(ids.area, 'F-1');
  ids.otherDepartment = await department(ids.area, 'F-2');
  const make = makersOf(call, people, { organisation: ids.organisation, department: ids.department }, today);

  // Units and vacancies, of every channel, and stock of the other organisation (real ids a caller may not use).
  ids.unit = await make.unit();
  ids.unitToPublish = await make.unit();
  ids.vacancyToWithdraw = await make.vacancy();
  ids.vacancyToReserve = await make.vacancy();
  ids.vacancyToRelease = await make.reservedVacancy();
  ids.vacancyToLet = await make.reservedVacancy();
  ids.vacancyToOffer = await make.vacancy();
  ids.vacancyWaitingList = await make.vacancy('WAITING_LIST');
  ids.vacancyMunicipalAllocation = await make.vacancy('MUNICIPAL_ALLOCATION');
  ids.foreignArea = await area('Fremmedparken', people.lettingOther);
  ids.foreignDepartment = await department(ids.foreignArea, 'X-1', people.lettingOther);
  const { registerUnits: foreignUnits } = await call<{ registerUnits: { id: string }[] }>(
    people.lettingOther,
    `mutation ($id: ID!, $units: [UnitInput!]!) { registerUnits(departmentId: $id, units: $units) { id } }`,
    {
      id: ids.foreignDepartment,
      units: [
        {
          street: 'Fremmedvej',
          houseNumber: '1',
          postalCode: '5000',
          city: 'Odense C',
          rooms: 2,
          floorAreaM2: 60,
          monthlyRentOre: 600_000,
          kind: 'FAMILY',
          stepFreeAccess: true,
          elevator: false,
        },
      ],
    },
  );
  ids.foreignUnit = foreignUnits[0]!.id;
  ids.foreignVacancy = await make.vacancy('PLATFORM', people.lettingOther, ids.foreignUnit);
  await call(
    people.admin,
    `mutation ($input: OfficialAreaStatusInput!) { recordOfficialAreaStatus(input: $input) { status } }`,
    { input: { areaId: ids.area, year: listYear, status: 'VULNERABLE_AREA' } },
  );

  // Finance: an agreement between Copenhagen (101) and Odense (461) with a housing organisation's share.
  ids.agreement = (
    await call<{ createAgreement: { id: string } }>(
      people.admin,
      `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`,
      {
        input: {
          name: 'Fuzzaftale København-Odense',
          parties: [
            { kind: 'MUNICIPALITY', id: '101' },
            { kind: 'MUNICIPALITY', id: '461' },
            { kind: 'HOUSING_ORGANISATION', id: ids.organisation },
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
            claimDeadlineDays: 1,
            departmentCompensationOre: 0,
          },
        },
      },
    )
  ).createAgreement.id;

  // Households of Copenhagen (101), and cases in every state.
  const main = await make.household([
    {
      name: 'Fuzz Mor',
      ...CPR.mother,
      facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2020-01-01' }],
    },
    { name: 'Fuzz Barn', ...CPR.child },
  ]);
  ids.household = main.id;
  ids.member = main.members[0]!.id;
  ids.memberToRemove = await make.member(main.id);
  await make.consent(main.id, 'MUNICIPAL_ALLOCATION');
  await make.consent(main.id);
  const withConsent = await make.household();
  ids.householdWithConsent = withConsent.id;
  ids.consent = await make.consent(withConsent.id);
  ids.application = await make.application();
  ids.nomination = await make.nomination();
  ids.caseConsented = await make.consentedCase();
  ids.caseSearching = await make.searchingCase();
  ids.offerToAccept = await make.offer();
  ids.offerToDecline = await make.offer();
  ids.offerToWithdraw = await make.offer();
  ids.caseToDecline = await make.searchingCase();
  ids.caseToCancel = await make.searchingCase();
  ids.caseAccepted = await make.acceptedCase();
  ids.caseWithStrategy = await make.acceptedCase();
  ids.strategy = await make.strategy(ids.caseWithStrategy);
  ids.activity = (
    await call<{ addStrategyActivity: { id: string } }>(
      people.caseworker101,
      `mutation ($id: ID!, $due: Date!) { addStrategyActivity(strategyId: $id, input: { kind: EMPLOYMENT, description: "Jobsøgning", ownerParty: RECEIVING_MUNICIPALITY, dueOn: $due }) { id } }`,
      { id: ids.strategy, due: addDays(today, 30) },
    )
  ).addStrategyActivity.id;
  ids.caseSigned = await make.signedCase();
  ids.caseWithMoveDate = await make.caseWithMoveDate();
  ids.caseMoved = await make.movedCase();
  ids.caseFollowedUp = await make.followedUpCase();
  ids.caseMovedLongAgo = await make.movedCase(addDays(today, -10));
  // The data subject's rights: a household to restrict, one restricted, one to erase (none has a case).
  if (mutations.has('restrictProcessing')) ids.householdToRestrict = (await make.household()).id;
  if (mutations.has('liftRestriction')) ids.householdRestricted = await make.restrictedHousehold();
  if (mutations.has('erasePersonalData')) ids.householdToErase = (await make.household()).id;
  ids.caseForProposal = await make.searchingCase();
  ids.caseForRejectedProposal = await make.searchingCase();

  // The moves reach finance (compensation entitlements) and evaluation (followed families).
  await platform.subgraph('households').runJobs();

  // An allocation round proposes homes to the searching cases (there are more open vacancies than cases).
  for (let i = 0; i < 8; i += 1) ids[`vacancyOpen${i}`] = await make.vacancy();
  await call(people.admin, `mutation { runAllocationRound(input: {}) { id } }`);
  const { allocationProposals } = await call<{
    allocationProposals: { nodes: { id: string; case: { id: string } | null; vacancy: { id: string } | null }[] };
  }>(
    people.caseworker101,
    `{ allocationProposals(filter: { statuses: [PROPOSED] }, first: 100) { nodes { id case { id } vacancy { id } } } }`,
  );
  const proposalOf = (caseId: string) => {
    const found = allocationProposals.nodes.find((p) => p.case?.id === caseId && p.vacancy);
    if (!found) throw new Error(`the allocation round proposed nothing for case ${caseId}`);
    return found.id;
  };
  ids.proposal = proposalOf(ids.caseForProposal);
  ids.proposalToReject = proposalOf(ids.caseForRejectedProposal);

  // Finance: entitlements of the moves, one claimed late; grants applied for, one approved.
  const { compensationEntitlements } = await call<{
    compensationEntitlements: { nodes: { id: string; case: { id: string } }[] };
  }>(people.finance461, `{ compensationEntitlements(first: 50) { nodes { id case { id } } } }`);
  const entitlementOf = (caseId: string) => {
    const found = compensationEntitlements.nodes.find((e) => e.case.id === caseId);
    if (!found) throw new Error(`no compensation entitlement for case ${caseId}`);
    return found.id;
  };
  ids.entitlementToClaim = entitlementOf(ids.caseMoved);
  ids.entitlementToAbsorb = entitlementOf(ids.caseFollowedUp);
  ids.entitlementClaimedLate = entitlementOf(ids.caseMovedLongAgo);
  await call(people.finance461, `mutation ($id: ID!) { claimCompensation(entitlementId: $id) { status } }`, {
    id: ids.entitlementClaimedLate,
  });
  ids.grantToApprove = await make.grant(ids.agreement, ids.caseMoved);
  ids.grantToDecline = await make.grant(ids.agreement, ids.caseFollowedUp);
  ids.grantToWithdraw = await make.grant(ids.agreement, ids.caseMovedLongAgo);
  ids.grantToPay = await make.approvedGrant(ids.agreement, ids.caseWithMoveDate);

  // Evaluation: the followed families' pseudonyms.
  const { followedFamilies } = await call<{
    followedFamilies: { nodes: { pseudonym: string; movedOn: string | null }[] };
  }>(people.evaluator, `{ followedFamilies(first: 50) { nodes { pseudonym movedOn } } }`);
  const followed = followedFamilies.nodes.find((f) => f.movedOn);
  if (!followed) throw new Error('no moved family is followed by evaluation');
  ids.pseudonym = followed.pseudonym;

  return {
    platform,
    people,
    today,
    ids,
    make,
    call,
    lastQuarter: previousQuarter(today),
    listYear,
    csvHeader: CSV_HEADER,
  };
}
