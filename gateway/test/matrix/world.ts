// One platform with all four subgraphs behind the real gateway, and a world made through the API (housing stock
// through housing's fixtures): records owned by organisation A (municipality 101, a housing organisation, the
// evaluator vive), and the callers of A and of another organisation of the same type, B (municipality 751,
// another housing organisation, another evaluator, another platform body). Municipality 461 plays the other
// party of A's cases and agreements; it is never a caller of the matrix.
import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import type { Identity, OrganisationType, Role } from '@second-chance/identity';
import { type SubgraphModule, addDays, todayInDenmark } from '@second-chance/service-kit';
import { type GraphQLResult, type TestPlatform, identity, startTestPlatform } from '@second-chance/testing';
import { composeSupergraph } from '../../src';
import { area, department, organisation, units, vacancy } from '../../../services/housing/test/fixtures';
import type { LettingChannel } from '../../../services/housing/src/domain/vacancies';

export type Side = 'A' | 'B';

export const TODAY = todayInDenmark();
export const YEAR = Number(TODAY.slice(0, 4));
const QUARTER = Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1;
/** The last quarter that has ended: it is settled in the world. */
const SETTLED = QUARTER === 1 ? { year: YEAR - 1, quarter: 4 } : { year: YEAR, quarter: QUARTER - 1 };
/** `2026Q3`, as finance writes a period. */
export const SETTLED_PERIOD = `${SETTLED.year}Q${SETTLED.quarter}`;
/** The settled quarter's first day: A's case out moved then, and its grant was paid ten days later. */
export const SETTLED_START = `${SETTLED.year}-${String(SETTLED.quarter * 3 - 2).padStart(2, '0')}-01`;
/** Quarters as evaluation writes them (`2026-Q3`): from the start of last year to now. */
export const FIRST_QUARTER = `${YEAR - 1}-Q1`;
export const THIS_QUARTER = `${YEAR}-Q${QUARTER}`;

/** The other party to A's cases and agreements (never a caller of the matrix). */
export const COUNTERPART = '461';

/** A valid CPR number of the main household's first member (synthetic: the serial digits are made up). */
export const MAIN_CPR = { cpr: '120388-1234', birthDate: '1988-03-12' };

const INDICATOR_HEADER =
  'area_id;year;residents;outside_work_or_education_pct;conviction_pct;national_conviction_pct;' +
  'basic_schooling_only_pct;income_of_region_pct;non_western_pct;open_municipal_case_pct';

/** Two years of figures for an area (an udsat area by the figures). */
export function indicatorCsv(areaIds: readonly string[]): string {
  return [
    INDICATOR_HEADER,
    ...areaIds.flatMap((id) => [
      `${id};${YEAR - 2};2400;44,5;2,1;0,7;62;52;35,2;31`,
      `${id};${YEAR - 1};2450;45,5;2,3;0,7;61;51;36;30`,
    ]),
  ].join('\n');
}

export interface Organisations {
  municipality: string;
  housing: string;
  evaluator: string;
  platform: string;
}

type Department = Awaited<ReturnType<typeof department>>;

export interface CaseRecord {
  householdId: string;
  nominationId: string;
  caseId: string;
  vacancyId?: string;
  offerId?: string;
  strategyId?: string;
}

/** How far a case is taken through the API. */
export type Stage =
  | 'NOMINATED'
  | 'CONSENTED'
  | 'SEARCHING'
  | 'OFFERED'
  | 'ACCEPTED'
  | 'DRAFTED'
  | 'SIGNED'
  | 'DATED'
  | 'MOVED'
  | 'FOLLOW_UP';
const STAGES: readonly Stage[] = [
  'NOMINATED',
  'CONSENTED',
  'SEARCHING',
  'OFFERED',
  'ACCEPTED',
  'DRAFTED',
  'SIGNED',
  'DATED',
  'MOVED',
  'FOLLOW_UP',
];

export interface CaseOptions {
  /** The sending municipality: A's (101, default) or the counterpart (461). */
  from?: string;
  /** Where the household moves: A's housing organisation's department in 461 (default) or in 101. */
  into?: 'A461' | 'A101';
  /** Nominated by the letting officer of A's organisation (the household then rents its home from it). */
  nominatedByLettingOfficer?: boolean;
  movedOn?: string;
  cpr?: { cpr: string; birthDate: string };
}

/** The platform, the organisations of both sides, the records A owns, and ways to make more of them. */
export interface World {
  platform: TestPlatform;
  A: Organisations;
  B: Organisations;
  /** Requests sent to make records (the world, and fresh records for the mutations), and the matrix's own. */
  requests: { records: number; matrix: number; rateLimited: number };
  housing: {
    area101: string;
    area461: string;
    /** An area of A's organisation for changes (its figures, official status, letting policy). */
    spareArea: string;
    spareDepartment: string;
    spareUnit: string;
    /** A vacancy of A's organisation to read (open when the world is made; a later round may propose it). */
    showcaseUnit: string;
    showcaseVacancy: string;
  };
  /** A household of 101 (with a CPR number) that rents from A's organisation, nominated by it, offered one of
   *  its homes in 461 and accepted: its case is ACCEPTED. */
  main: CaseRecord & { vacancyId: string; offerId: string };
  /** A case of 101 that moved to A's organisation's home in 461 in the settled quarter: a paid grant, a late claim. */
  out: CaseRecord;
  /** Cases of 461 that moved into A's organisation's homes in 101 today: A receives them. */
  in1: CaseRecord;
  in2: CaseRecord;
  /** An active application for municipal allocation of a household of 101. */
  applicationId: string;
  finance: {
    agreementId: string;
    /** An agreement of 101 and 461 that the matrix amends. */
    amendableAgreementId: string;
    grantOutId: string;
    entitlementOut: string;
    entitlementIn1: string;
    entitlementIn2: string;
  };
  evaluation: { scenarioId: string; pseudonym: string };
  roundId: string;

  /**
   * Sends an operation of the matrix as `who` (a new person of its role and organisation each time, so the gateway's limit per
   * person never slows the run; a caller over a rate limit waits and asks again), or with the token given.
   */
  call<D = Record<string, unknown>>(
    who: Identity | string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<D>>;
  /** Sends an operation that makes records, failing on any error. */
  ok<D = Record<string, unknown>>(who: Identity, query: string, variables?: Record<string, unknown>): Promise<D>;

  caseworker(municipality: string): Identity;
  financeOfficer(municipality: string): Identity;
  lettingOfficer(organisationId: string): Identity;
  evaluator(side: Side): Identity;
  admin(side?: Side): Identity;

  /** A new open vacancy of A's organisation (PLATFORM channel unless told), with its own new unit. */
  freshVacancy(where?: 'A461' | 'A101', channel?: LettingChannel): Promise<{ unitId: string; vacancyId: string }>;
  /** A new unit of A's organisation without a vacancy. */
  freshUnit(): Promise<string>;
  /** A new PLATFORM vacancy of A's organisation, reserved by a caseworker of 101. */
  reservedVacancy(): Promise<string>;
  /** A new household of 101 (an adult in work, a child), registered through the API; its members' ids. */
  household(options?: {
    municipality?: string;
    homeUnitId?: string;
    cpr?: { cpr: string; birthDate: string };
  }): Promise<{
    householdId: string;
    memberIds: string[];
  }>;
  consent(householdId: string, purpose?: 'RELOCATION' | 'MUNICIPAL_ALLOCATION', municipality?: string): Promise<string>;
  /** A new case of 101 (unless told), taken through the API up to `stage`. */
  caseAt(stage: Stage, options?: CaseOptions): Promise<CaseRecord>;
  /** A grant applied for by a caseworker of 101 under A's agreement for a new searching case; approved if asked. */
  grant(approved: boolean): Promise<string>;
  /** Runs an allocation round (as a platform administrator) and returns its proposal for the case. */
  proposalFor(caseId: string): Promise<string>;
}

const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id } } }`;
const CONSENT = `mutation ($id: ID!, $purpose: ConsentPurpose!, $on: Date!) {
  recordConsent(householdId: $id, input: { purpose: $purpose, lawfulBasis: CONSENT, givenOn: $on }) { id } }`;
const NOMINATE = `mutation ($id: ID!) {
  nominateHousehold(input: { householdId: $id, reasonCategory: CHILDREN_FRESH_START, reasonText: "A fresh start" }) {
    id case { id } } }`;
const DECIDE = `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT }) { case { id } } }`;

type Subscriber = { name: string; url: string; secret: string };

/** The four subgraphs, callees first (households calls housing and evaluation). */
function matrixModules(eventSecret: string, subscribers: readonly Subscriber[]): SubgraphModule[] {
  return [
    housingSubgraph,
    createEvaluationSubgraph({ eventSecrets: [eventSecret] }),
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers }),
    createFinanceSubgraph({ eventSecrets: [eventSecret] }),
  ];
}

/** The supergraph the gateway serves, composed from the same subgraphs' SDL. */
export function composedSupergraph(): string {
  return composeSupergraph(
    matrixModules('unused', []).map((module) => ({
      name: module.name,
      url: `http://localhost/${module.name}`,
      sdl: print(module.typeDefs),
    })),
  );
}

export async function startWorld(): Promise<World> {
  const eventSecret = randomUUID() + randomUUID();
  const subscribers: Subscriber[] = [];
  const platform = await startTestPlatform(matrixModules(eventSecret, subscribers));
  for (const name of ['finance', 'evaluation']) {
    subscribers.push({ name, url: platform.subgraph(name).url.replace(/\/graphql$/, '/events'), secret: eventSecret });
  }
  const housingDb = platform.subgraph('housing').dataSource;

  // Housing stock: A's organisation in 101 and 461 (and a spare area for changes), B's in 751.
  const organisationA = await organisation(housingDb, { municipalityCode: '101', name: 'Boligselskabet A' });
  const organisationB = await organisation(housingDb, { municipalityCode: '751', name: 'Boligselskabet B' });
  const area101 = await area(housingDb, organisationA.id, { municipalityCode: '101' });
  const area461 = await area(housingDb, organisationA.id, { municipalityCode: COUNTERPART });
  const spareArea = await area(housingDb, organisationA.id, { municipalityCode: '101' });
  const departments: Record<'A101' | 'A461', Department> = {
    A101: await department(housingDb, organisationA.id, area101.id),
    A461: await department(housingDb, organisationA.id, area461.id),
  };
  const spareDepartment = await department(housingDb, organisationA.id, spareArea.id);
  const areaB = await area(housingDb, organisationB.id, { municipalityCode: '751' });
  const departmentB = await department(housingDb, organisationB.id, areaB.id);
  const [unitB] = await units(housingDb, departmentB.id, 1);
  await vacancy(housingDb, unitB!.id, { channel: 'WAITING_LIST' });

  const A: Organisations = { municipality: '101', housing: organisationA.id, evaluator: 'vive', platform: 'national' };
  const B: Organisations = { municipality: '751', housing: organisationB.id, evaluator: 'other', platform: 'other' };

  let people = 0;
  const requests = { records: 0, matrix: 0, rateLimited: 0 };
  const world = { requests } as World;

  /** Each call is one more person of the role and organisation: the gateway limits requests per person. */
  const tokenFor = (who: Identity) => platform.token({ ...who, subject: `${who.subject}.${(people += 1)}` });

  const send = async <D>(
    purpose: 'records' | 'matrix',
    who: Identity | string | null,
    query: string,
    variables?: Record<string, unknown>,
  ) => {
    for (let attempt = 0; ; attempt += 1) {
      const token = who === null || typeof who === 'string' ? who : await tokenFor(who);
      requests[purpose] += 1;
      const result = await platform.query<D>(token, query, variables);
      const limited = result.status === 429 || result.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED';
      if (!limited || attempt >= 5) return result;
      requests.rateLimited += 1;
      const wait = Number(result.body.errors?.[0]?.extensions?.retryAfterSeconds ?? 1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
    }
  };
  const ok = async <D>(who: Identity, query: string, variables?: Record<string, unknown>): Promise<D> => {
    const result = await send<D>('records', who, query, variables);
    if (result.body.errors?.length || !result.body.data) {
      throw new Error(`setting up the world: ${query}\n${JSON.stringify(result.body, null, 2)}`);
    }
    return result.body.data;
  };

  const caseworker = (municipality: string) =>
    identity('caseworker', `MUNICIPALITY:${municipality}`, `caseworker-${municipality}`);
  const financeOfficer = (municipality: string) =>
    identity('finance-officer', `MUNICIPALITY:${municipality}`, `finance-${municipality}`);
  const lettingOfficer = (organisationId: string) =>
    identity('letting-officer', `HOUSING_ORGANISATION:${organisationId}`, `letting-${organisationId.slice(0, 8)}`);
  const evaluator = (side: Side) => {
    const id = side === 'A' ? A.evaluator : B.evaluator;
    return identity('evaluator', `EVALUATOR:${id}`, `evaluator-${id}`);
  };
  const admin = (side: Side = 'A') => {
    const id = side === 'A' ? A.platform : B.platform;
    return identity('platform-admin', `PLATFORM:${id}`, `admin-${id}`);
  };

  const freshUnit = async (where: 'A461' | 'A101' = 'A461') => {
    const [unit] = await units(housingDb, departments[where].id, 1, { rooms: 3, stepFreeAccess: true });
    return unit!.id;
  };
  const freshVacancy = async (where: 'A461' | 'A101' = 'A461', channel: LettingChannel = 'PLATFORM') => {
    const unitId = await freshUnit(where);
    const created = await vacancy(housingDb, unitId, { channel });
    return { unitId, vacancyId: created.id };
  };

  const household: World['household'] = async (options = {}) => {
    const municipality = options.municipality ?? A.municipality;
    const { registerHousehold } = await ok<{ registerHousehold: { id: string; members: { id: string }[] } }>(
      caseworker(municipality),
      REGISTER,
      {
        input: {
          members: [
            {
              name: 'Test Voksen',
              ...(options.cpr ?? { birthDate: '1985-05-05' }),
              facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'EMPLOYED', startedOn: '2019-01-01' }],
            },
            { name: 'Test Barn', birthDate: '2016-06-06' },
          ],
          ...(options.homeUnitId ? { home: { unitId: options.homeUnitId } } : {}),
          needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
        },
      },
    );
    return { householdId: registerHousehold.id, memberIds: registerHousehold.members.map((m) => m.id) };
  };

  const consent: World['consent'] = async (householdId, purpose = 'RELOCATION', municipality = A.municipality) => {
    const { recordConsent } = await ok<{ recordConsent: { id: string } }>(caseworker(municipality), CONSENT, {
      id: householdId,
      purpose,
      on: TODAY,
    });
    return recordConsent.id;
  };

  const caseAt: World['caseAt'] = async (stage, options = {}) => {
    const from = options.from ?? A.municipality;
    const into = options.into ?? 'A461';
    const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
    const sending = caseworker(from);
    const receiving = caseworker(into === 'A101' ? A.municipality : COUNTERPART);
    const letting = lettingOfficer(A.housing);
    const homeUnitId = options.nominatedByLettingOfficer ? await freshUnit('A101') : undefined;
    const { householdId } = await household({
      municipality: from,
      ...(homeUnitId ? { homeUnitId } : {}),
      ...(options.cpr ? { cpr: options.cpr } : {}),
    });
    await consent(householdId, 'RELOCATION', from);
    const { nominateHousehold } = await ok<{ nominateHousehold: { id: string; case: { id: string } | null } }>(
      options.nominatedByLettingOfficer ? letting : sending,
      NOMINATE,
      { id: householdId },
    );
    const record: CaseRecord = {
      householdId,
      nominationId: nominateHousehold.id,
      caseId: nominateHousehold.case?.id ?? '',
    };
    if (!reached('CONSENTED')) return record;
    const { decideNomination } = await ok<{ decideNomination: { case: { id: string } } }>(sending, DECIDE, {
      id: record.nominationId,
    });
    record.caseId = decideNomination.case.id;
    if (!reached('SEARCHING')) return record;
    await ok(sending, `mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: record.caseId });
    if (!reached('OFFERED')) return record;
    const { vacancyId } = await freshVacancy(into);
    record.vacancyId = vacancyId;
    const { makeOffer } = await ok<{ makeOffer: { id: string } }>(
      sending,
      `mutation ($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`,
      { input: { caseId: record.caseId, vacancyId } },
    );
    record.offerId = makeOffer.id;
    if (!reached('ACCEPTED')) return record;
    await ok(sending, `mutation ($id: ID!) { acceptOffer(offerId: $id) { status } }`, { id: record.offerId });
    if (!reached('DRAFTED')) return record;
    const { draftReceptionStrategy } = await ok<{ draftReceptionStrategy: { id: string } }>(
      sending,
      `mutation ($id: ID!) { draftReceptionStrategy(caseId: $id, input: { summary: "Modtagelse" }) { id } }`,
      { id: record.caseId },
    );
    record.strategyId = draftReceptionStrategy.id;
    if (!reached('SIGNED')) return record;
    for (const party of [sending, receiving, letting]) {
      await ok(
        party,
        `mutation ($id: ID!) { setStrategyContact(strategyId: $id, input: { name: "Kontakt" }) { id } }`,
        {
          id: record.strategyId,
        },
      );
    }
    for (const party of [sending, receiving, letting]) {
      await ok(party, `mutation ($id: ID!) { signReceptionStrategy(strategyId: $id) { id } }`, {
        id: record.strategyId,
      });
    }
    if (!reached('DATED')) return record;
    await ok(sending, `mutation ($id: ID!, $d: Date!) { setMoveDate(caseId: $id, moveDate: $d) { id } }`, {
      id: record.caseId,
      d: TODAY,
    });
    if (!reached('MOVED')) return record;
    await ok(sending, `mutation ($id: ID!, $d: Date!) { recordMove(caseId: $id, movedOn: $d) { state } }`, {
      id: record.caseId,
      d: options.movedOn ?? TODAY,
    });
    if (!reached('FOLLOW_UP')) return record;
    await ok(sending, `mutation ($id: ID!) { startFollowUp(caseId: $id) { state } }`, { id: record.caseId });
    return record;
  };

  const reservedVacancy = async () => {
    const { vacancyId } = await freshVacancy('A461');
    await ok(
      caseworker(A.municipality),
      `mutation ($input: ReserveVacancyInput!) { reserveVacancy(input: $input) { id } }`,
      { input: { vacancyId, idempotencyKey: randomUUID() } },
    );
    return vacancyId;
  };

  Object.assign(world, {
    platform,
    A,
    B,
    call: <D>(who: Identity | string | null, query: string, variables?: Record<string, unknown>) =>
      send<D>('matrix', who, query, variables),
    ok,
    caseworker,
    financeOfficer,
    lettingOfficer,
    evaluator,
    admin,
    freshUnit: () => freshUnit('A101'),
    freshVacancy,
    reservedVacancy,
    household,
    consent,
    caseAt,
  });

  // Evaluation: two years of figures for A's areas (an evaluator of A imports them).
  await ok(
    evaluator('A'),
    `mutation ($input: ImportAreaIndicatorsInput!) { importAreaIndicators(input: $input) { rows } }`,
    { input: { csv: indicatorCsv([area101.id, area461.id]), source: 'matrix.csv' } },
  );

  // Finance: A's agreement with 461 and A's housing organisation, before the moves it pays for.
  const agreementInput = (name: string, parties: { kind: string; id: string }[], withCompensation: boolean) => ({
    name,
    parties,
    validFrom: `${YEAR - 1}-01-01`,
    grantPolicy: {
      maxGrantOre: 5_000_000,
      payers: withCompensation
        ? [
            { role: 'RECEIVING_HOUSING_ORGANISATION', basisPoints: 5000 },
            { role: 'SENDING_MUNICIPALITY', basisPoints: 5000 },
          ]
        : [{ role: 'SENDING_MUNICIPALITY', basisPoints: 10_000 }],
    },
    ...(withCompensation
      ? {
          compensationPolicy: {
            baseYearlyOre: 2_500_000,
            perAdultOutsideLabourMarketYearlyOre: 4_000_000,
            perChildYearlyOre: 1_500_000,
            taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
            billing: 'BILL',
            claimDeadlineDays: 30,
            departmentCompensationOre: 0,
          },
        }
      : {}),
  });
  const CREATE_AGREEMENT = `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`;
  const { createAgreement: mainAgreement } = await ok<{ createAgreement: { id: string } }>(
    financeOfficer(A.municipality),
    CREATE_AGREEMENT,
    {
      input: agreementInput(
        'Aftale A',
        [
          { kind: 'MUNICIPALITY', id: A.municipality },
          { kind: 'MUNICIPALITY', id: COUNTERPART },
          { kind: 'HOUSING_ORGANISATION', id: A.housing },
        ],
        true,
      ),
    },
  );

  // Households: the main case, a case that moved out in the settled quarter, two that moved in today.
  const main = await caseAt('ACCEPTED', { nominatedByLettingOfficer: true, cpr: MAIN_CPR });
  const out = await caseAt('MOVED', { movedOn: SETTLED_START });
  const in1 = await caseAt('MOVED', { from: COUNTERPART, into: 'A101' });
  const in2 = await caseAt('MOVED', { from: COUNTERPART, into: 'A101' });
  const applicant = await household();
  await consent(applicant.householdId, 'MUNICIPAL_ALLOCATION');
  const { applyForMunicipalAllocation } = await ok<{ applyForMunicipalAllocation: { id: string } }>(
    caseworker(A.municipality),
    `mutation ($id: ID!) { applyForMunicipalAllocation(householdId: $id, input: {
        minRooms: 1, stepFreeAccess: false, maxMonthlyRentOre: 900000, acceptableMunicipalityCodes: [] }) { id } }`,
    { id: applicant.householdId },
  );
  // The households service tells finance and evaluation.
  await platform.subgraph('households').runJobs();

  const { compensationEntitlements } = await ok<{
    compensationEntitlements: { nodes: { id: string; case: { id: string } }[] };
  }>(admin(), `{ compensationEntitlements(first: 100) { nodes { id case { id } } } }`);
  const entitlementOf = (kase: CaseRecord) => {
    const found = compensationEntitlements.nodes.find((e) => e.case.id === kase.caseId);
    if (!found) throw new Error(`no compensation entitlement for case ${kase.caseId}`);
    return found.id;
  };
  // 461 bills A for the case that moved out after the deadline: a late claim awaits A's decision.
  await ok(financeOfficer(COUNTERPART), `mutation ($id: ID!) { claimCompensation(entitlementId: $id) { status } }`, {
    id: entitlementOf(out),
  });
  const APPLY = `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { id } }`;
  const applyFor = async (caseId: string) =>
    (
      await ok<{ applyForGrant: { id: string } }>(caseworker(A.municipality), APPLY, {
        input: {
          caseId,
          agreementId: mainAgreement.id,
          receivingMunicipalityCode: COUNTERPART,
          receivingHousingOrganisationId: A.housing,
          requestedOre: 3_000_000,
          purpose: 'Depositum og indskud',
        },
      })
    ).applyForGrant.id;
  const approve = (grantId: string) =>
    ok(
      financeOfficer(A.municipality),
      `mutation ($id: ID!) { approveGrant(grantId: $id, amountOre: 3000000) { id } }`,
      {
        id: grantId,
      },
    );
  const grantOutId = await applyFor(out.caseId);
  await approve(grantOutId);
  await ok(
    financeOfficer(A.municipality),
    `mutation ($input: RecordGrantPaymentInput!) { recordGrantPayment(input: $input) { id } }`,
    {
      input: {
        grantId: grantOutId,
        amountOre: 3_000_000,
        paidOn: addDays(SETTLED_START, 10),
        idempotencyKey: randomUUID(),
      },
    },
  );
  await ok(admin(), `mutation ($p: String!) { runSettlement(period: $p) { id } }`, { p: SETTLED_PERIOD });
  const { createAgreement: amendable } = await ok<{ createAgreement: { id: string } }>(
    financeOfficer(A.municipality),
    CREATE_AGREEMENT,
    {
      input: agreementInput(
        'Aftale A (til ændring)',
        [
          { kind: 'MUNICIPALITY', id: A.municipality },
          { kind: 'MUNICIPALITY', id: COUNTERPART },
        ],
        false,
      ),
    },
  );

  // Allocation: a round in which a searching case of 101 is proposed A's organisation's open home.
  const showcase = await freshVacancy('A461');
  await caseAt('SEARCHING');
  const { runAllocationRound } = await ok<{ runAllocationRound: { id: string } }>(
    admin(),
    `mutation { runAllocationRound { id } }`,
  );

  // Evaluation: a what-if scenario, and a family followed by pseudonym.
  const { runSteeringScenario } = await ok<{ runSteeringScenario: { id: string } }>(
    evaluator('A'),
    `mutation { runSteeringScenario(input: { seed: 7, vacancies: 20, seekers: 20, areas: 98 }) { id } }`,
  );
  const { followedFamilies } = await ok<{ followedFamilies: { nodes: { pseudonym: string }[] } }>(
    evaluator('A'),
    `{ followedFamilies(first: 1) { nodes { pseudonym } } }`,
  );

  Object.assign(world, {
    housing: {
      area101: area101.id,
      area461: area461.id,
      spareArea: spareArea.id,
      spareDepartment: spareDepartment.id,
      spareUnit: await freshUnit('A101'),
      showcaseUnit: showcase.unitId,
      showcaseVacancy: showcase.vacancyId,
    },
    main: { ...main, vacancyId: main.vacancyId ?? '', offerId: main.offerId ?? '' },
    out,
    in1,
    in2,
    applicationId: applyForMunicipalAllocation.id,
    finance: {
      agreementId: mainAgreement.id,
      amendableAgreementId: amendable.id,
      grantOutId,
      entitlementOut: entitlementOf(out),
      entitlementIn1: entitlementOf(in1),
      entitlementIn2: entitlementOf(in2),
    },
    evaluation: { scenarioId: runSteeringScenario.id, pseudonym: followedFamilies.nodes[0]?.pseudonym ?? '' },
    roundId: runAllocationRound.id,
    grant: async (approved: boolean) => {
      const { caseId } = await caseAt('SEARCHING');
      const grantId = await applyFor(caseId);
      if (approved) await approve(grantId);
      return grantId;
    },
    proposalFor: async (caseId: string) => {
      const { runAllocationRound: round } = await ok<{ runAllocationRound: { id: string } }>(
        admin(),
        `mutation { runAllocationRound { id } }`,
      );
      const { allocationProposals } = await ok<{
        allocationProposals: { nodes: { id: string; case: { id: string } | null }[] };
      }>(
        caseworker(A.municipality),
        `query ($round: ID!) { allocationProposals(filter: { roundId: $round }, first: 100) { nodes { id case { id } } } }`,
        { round: round.id },
      );
      const proposal = allocationProposals.nodes.find((p) => p.case?.id === caseId);
      if (!proposal) throw new Error(`the round proposed nothing for case ${caseId}`);
      return proposal.id;
    },
  } satisfies Partial<World>);
  return world;
}

/** `TYPE:id` of a side's organisation of the kind a role works for. */
export function organisationOf(world: World, role: Role, side: Side): `${OrganisationType}:${string}` {
  const orgs = side === 'A' ? world.A : world.B;
  switch (role) {
    case 'caseworker':
    case 'finance-officer':
      return `MUNICIPALITY:${orgs.municipality}`;
    case 'letting-officer':
      return `HOUSING_ORGANISATION:${orgs.housing}`;
    case 'evaluator':
      return `EVALUATOR:${orgs.evaluator}`;
    case 'platform-admin':
      return `PLATFORM:${orgs.platform}`;
  }
}
