// A data set for the case-dashboard benchmark and its SQL test, made through the public API as the platform's
// users make it: two housing organisations (one where the households live, in municipality 101; one that offers
// homes, in 461), their areas, departments, units and vacancies, official statuses, ten years of area indicators,
// and households of 101 with a searching case each, an offer of a vacancy and a grant application under a
// cooperation agreement. Deterministic for a seed (the ids are the services' own).
//
// The benchmark uses it until the national data set (./national) can be loaded; the SQL test always does.
import type { Identity } from '@second-chance/identity';
import { generator } from './bench-common';

/** Sends an operation through the gateway as `who` and returns its data; throws on any error. */
export type Caller = (
  who: Identity,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export interface DashboardDataOptions {
  /** Relocation cases of municipality 101: each household lives in a unit of 101 and is offered one of 461. */
  cases: number;
  /** Housing areas, half in each municipality; each has ten years of indicators. */
  areas: number;
  /** Vacancies of the offering organisation (at least `cases`: each case is offered one of them). */
  vacancies: number;
  seed: number;
  /** Requests in flight at once while building (default 4). */
  concurrency?: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

/** Who asks the three queries, and what the data set holds. */
export interface DashboardDataSet {
  /** A caseworker of the municipality with the cases. */
  caseworker: Identity;
  /** A letting officer of the organisation with the vacancies. */
  lettingOfficer: { organisationId: string; identity: Identity };
  evaluator: Identity;
  /** The years the area indicators cover (ten). */
  indicatorYears: { from: number; to: number };
  /** What was made, by kind. */
  rows: Record<string, number>;
}

const HOME_MUNICIPALITY = '101';
const OFFER_MUNICIPALITY = '461';
const YEARS = 10;

/** Runs `work` for every item with at most `limit` in flight; results in order. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A CVR number that passes the modulus-11 check, the `n`-th from a base. */
function cvrNumber(n: number): string {
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  for (let base = 3_000_000 + n * 37; ; base += 1) {
    for (let last = 0; last < 10; last++) {
      const digits = `${base}${last}`;
      if ([...digits].reduce((sum, d, i) => sum + Number(d) * (weights[i] ?? 0), 0) % 11 === 0) return digits;
    }
  }
}

const decimal = (value: number) => value.toFixed(1).replace('.', ',');
const pick = <T>(data: Record<string, unknown>, field: string) => data[field] as T;

export async function buildDashboardDataSet(call: Caller, options: DashboardDataOptions): Promise<DashboardDataSet> {
  const random = generator(options.seed);
  const limit = options.concurrency ?? 4;
  const progress = options.onProgress ?? (() => undefined);
  const thisYear = Number(new Date().toISOString().slice(0, 4));
  const years = { from: thisYear - YEARS, to: thisYear - 1 };
  const admin: Identity = {
    subject: 'bench-admin',
    organisation: { type: 'PLATFORM', id: 'bench' },
    roles: ['platform-admin'],
  };
  const caseworker: Identity = {
    subject: 'bench-caseworker',
    organisation: { type: 'MUNICIPALITY', id: HOME_MUNICIPALITY },
    roles: ['caseworker'],
  };
  const financeOfficer: Identity = {
    subject: 'bench-finance',
    organisation: { type: 'MUNICIPALITY', id: HOME_MUNICIPALITY },
    roles: ['finance-officer'],
  };
  const evaluator: Identity = {
    subject: 'bench-evaluator',
    organisation: { type: 'EVALUATOR', id: 'bench' },
    roles: ['evaluator'],
  };
  const officerOf = (organisationId: string): Identity => ({
    subject: `bench-letting-${organisationId.slice(0, 8)}`,
    organisation: { type: 'HOUSING_ORGANISATION', id: organisationId },
    roles: ['letting-officer'],
  });

  // 1. The two organisations, their areas (one department each), units and the offering one's vacancies.
  const organisation = async (name: string, municipalityCode: string, n: number) =>
    pick<{ id: string }>(
      await call(
        admin,
        `mutation ($input: RegisterHousingOrganisationInput!) { registerHousingOrganisation(input: $input) { id } }`,
        { input: { name, cvrNumber: cvrNumber(n), municipalityCode } },
      ),
      'registerHousingOrganisation',
    ).id;
  const homeOrganisation = await organisation('Bench Boliger Hjem', HOME_MUNICIPALITY, 1);
  const offerOrganisation = await organisation('Bench Boliger Tilbud', OFFER_MUNICIPALITY, 2);
  const homeAreas = Math.ceil(options.areas / 2);
  const offerAreas = Math.max(1, options.areas - homeAreas);
  const stock = async (organisationId: string, municipalityCode: string, areaCount: number, unitCount: number) => {
    const officer = officerOf(organisationId);
    const perArea = Math.ceil(unitCount / areaCount);
    // Drawn before the requests go out, so that the seed alone decides them (not the order of answers).
    const residents = Array.from({ length: areaCount }, () => 1000 + random.int(0, 4000));
    const made = await inPool(
      Array.from({ length: areaCount }, (_, a) => a),
      limit,
      async (a) => {
        const area = pick<{ id: string }>(
          await call(
            officer,
            `mutation ($input: RegisterHousingAreaInput!) { registerHousingArea(input: $input) { id } }`,
            {
              input: {
                name: `Benchområdet ${municipalityCode}-${String(a).padStart(3, '0')}`,
                municipalityCode,
                residentCount: residents[a],
              },
            },
          ),
          'registerHousingArea',
        ).id;
        const department = pick<{ id: string }>(
          await call(
            officer,
            `mutation ($input: RegisterDepartmentInput!) { registerDepartment(input: $input) { id } }`,
            { input: { areaId: area, number: `${municipalityCode}-${a}`, name: `Afdeling ${a}` } },
          ),
          'registerDepartment',
        ).id;
        const count = Math.max(0, Math.min(perArea, unitCount - a * perArea));
        const units = Array.from({ length: count }, (_, u) => ({
          street: `Benchvej ${a}`,
          houseNumber: String(1 + Math.floor(u / 8)),
          floor: String(u % 8),
          door: u % 2 ? 'th' : 'tv',
          postalCode: municipalityCode === HOME_MUNICIPALITY ? '2300' : '5000',
          city: municipalityCode === HOME_MUNICIPALITY ? 'København S' : 'Odense C',
          rooms: 1 + (u % 5),
          floorAreaM2: 45 + 10 * (u % 6),
          monthlyRentOre: 450_000 + 25_000 * (u % 12),
          kind: 'FAMILY',
          stepFreeAccess: u % 3 === 0,
          elevator: u % 2 === 0,
        }));
        const unitIds =
          count === 0
            ? []
            : pick<{ id: string }[]>(
                await call(
                  officer,
                  `mutation ($departmentId: ID!, $units: [UnitInput!]!) { registerUnits(departmentId: $departmentId, units: $units) { id } }`,
                  { departmentId: department, units },
                ),
                'registerUnits',
              ).map((unit) => unit.id);
        progress(`areas of ${municipalityCode}`, a + 1, areaCount);
        return { area, unitIds };
      },
    );
    return { officer, areas: made.map((m) => m.area), units: made.flatMap((m) => m.unitIds) };
  };
  const homes = await stock(homeOrganisation, HOME_MUNICIPALITY, homeAreas, options.cases);
  const offered = await stock(
    offerOrganisation,
    OFFER_MUNICIPALITY,
    offerAreas,
    Math.max(options.vacancies, options.cases),
  );
  const availableFrom = `${thisYear + 1}-03-01`;
  const vacancies = await inPool(offered.units, limit, async (unitId, i) => {
    const vacancy = pick<{ id: string }>(
      await call(offered.officer, `mutation ($input: PublishVacancyInput!) { publishVacancy(input: $input) { id } }`, {
        input: { unitId, availableFrom, channel: 'PLATFORM' },
      }),
      'publishVacancy',
    ).id;
    progress('vacancies', i + 1, offered.units.length);
    return vacancy;
  });

  // 2. The official statuses of the last two lists, and ten years of indicators of every area.
  const areas = [...homes.areas, ...offered.areas];
  const statuses = ['NONE', 'NONE', 'PREVENTION_AREA', 'VULNERABLE_AREA', 'PARALLEL_SOCIETY'] as const;
  const listings = areas.flatMap((areaId) =>
    [years.to - 1, years.to].map((year) => ({ areaId, year, status: random.pick(statuses) })),
  );
  await inPool(listings, limit, async (input, i) => {
    await call(
      admin,
      `mutation ($input: OfficialAreaStatusInput!) { recordOfficialAreaStatus(input: $input) { status } }`,
      { input },
    );
    progress('official statuses', i + 1, listings.length);
  });
  const header =
    'area_id;year;residents;outside_work_or_education_pct;conviction_pct;national_conviction_pct;' +
    'basic_schooling_only_pct;income_of_region_pct;non_western_pct;open_municipal_case_pct';
  const rows = areas.flatMap((areaId) => {
    const base = {
      outside: random.uniform(15, 50),
      conviction: random.uniform(0.5, 3.5),
      schooling: random.uniform(30, 70),
    };
    return Array.from({ length: YEARS }, (_, y) => {
      const drift = (YEARS - y) * 0.4;
      return [
        areaId,
        years.from + y,
        1000 + random.int(0, 4000),
        decimal(Math.max(1, base.outside - drift + random.uniform(-2, 2))),
        decimal(Math.max(0.1, base.conviction + random.uniform(-0.3, 0.3))),
        decimal(0.7),
        decimal(Math.max(1, base.schooling - drift + random.uniform(-2, 2))),
        decimal(random.uniform(45, 95)),
        decimal(random.uniform(10, 70)),
        random.next() < 0.5 ? decimal(random.uniform(5, 30)) : '',
      ].join(';');
    });
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await call(
      evaluator,
      `mutation ($input: ImportAreaIndicatorsInput!) { importAreaIndicators(input: $input) { rows } }`,
      { input: { csv: [header, ...rows.slice(i, i + 2000)].join('\n'), source: 'bench.csv' } },
    );
    progress('indicators', Math.min(rows.length, i + 2000), rows.length);
  }

  // 3. A cooperation agreement between the two municipalities.
  const agreementId = pick<{ id: string }>(
    await call(admin, `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`, {
      input: {
        name: 'Benchaftalen København-Odense',
        parties: [
          { kind: 'MUNICIPALITY', id: HOME_MUNICIPALITY },
          { kind: 'MUNICIPALITY', id: OFFER_MUNICIPALITY },
        ],
        validFrom: `${thisYear}-01-01`,
        grantPolicy: {
          maxGrantOre: 5_000_000,
          payers: [
            { role: 'RECEIVING_HOUSING_ORGANISATION', basisPoints: 5000 },
            { role: 'SENDING_MUNICIPALITY', basisPoints: 5000 },
          ],
        },
      },
    }),
    'createAgreement',
  ).id;

  // 4. The households, each with a case that searches, an offer of a vacancy and a grant application.
  await inPool(
    Array.from({ length: options.cases }, (_, i) => i),
    limit,
    async (i) => {
      const adults = 1 + (i % 2);
      const children = i % 4;
      const members = [
        ...Array.from({ length: adults }, (_, a) => ({
          name: `Bench Voksen ${i}-${a}`,
          birthDate: `${1970 + (i % 25)}-0${1 + (a % 9)}-1${a % 9}`,
          facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'KONTANTHJAELP', startedOn: '2022-01-01' }],
        })),
        ...Array.from({ length: children }, (_, c) => ({
          name: `Bench Barn ${i}-${c}`,
          birthDate: `201${c % 9}-06-0${1 + (c % 9)}`,
        })),
      ];
      const household = pick<{ id: string }>(
        await call(
          caseworker,
          `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
          {
            input: {
              members,
              home: { unitId: homes.units[i % homes.units.length] },
              // Needs every offered home meets: the offer must fit the household.
              needs: {
                minRooms: 1,
                stepFreeAccess: false,
                maxMonthlyRentOre: 800_000,
                acceptableMunicipalityCodes: [OFFER_MUNICIPALITY],
              },
            },
          },
        ),
        'registerHousehold',
      ).id;
      await call(
        caseworker,
        `mutation ($id: ID!) { recordConsent(householdId: $id, input: { purpose: RELOCATION, lawfulBasis: CONSENT, givenOn: "${thisYear}-01-02" }) { id } }`,
        { id: household },
      );
      const nomination = pick<{ id: string }>(
        await call(
          caseworker,
          `mutation ($id: ID!) { nominateHousehold(input: { householdId: $id, reasonCategory: CHILDREN_FRESH_START, reasonText: "En ny start" }) { id } }`,
          { id: household },
        ),
        'nominateHousehold',
      ).id;
      const caseId = pick<{ case: { id: string } }>(
        await call(
          caseworker,
          `mutation ($id: ID!) { decideNomination(nominationId: $id, input: { decision: ACCEPT }) { case { id } } }`,
          { id: nomination },
        ),
        'decideNomination',
      ).case.id;
      await call(caseworker, `mutation ($id: ID!) { startSearch(caseId: $id) { state } }`, { id: caseId });
      await call(caseworker, `mutation ($input: MakeOfferInput!) { makeOffer(input: $input) { id } }`, {
        input: { caseId, vacancyId: vacancies[i] },
      });
      const grant = pick<{ id: string }>(
        await call(caseworker, `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { id } }`, {
          input: {
            caseId,
            agreementId,
            receivingMunicipalityCode: OFFER_MUNICIPALITY,
            receivingHousingOrganisationId: offerOrganisation,
            requestedOre: 1_000_000 + 10_000 * (i % 50),
            purpose: 'Depositum og indskud',
          },
        }),
        'applyForGrant',
      ).id;
      if (i % 2 === 0) {
        await call(
          financeOfficer,
          `mutation ($id: ID!, $ore: Ore!) { approveGrant(grantId: $id, amountOre: $ore) { id } }`,
          {
            id: grant,
            ore: 1_000_000,
          },
        );
      }
      progress('cases', i + 1, options.cases);
    },
  );

  return {
    caseworker,
    lettingOfficer: { organisationId: offerOrganisation, identity: offered.officer },
    evaluator,
    indicatorYears: years,
    rows: {
      areas: areas.length,
      units: homes.units.length + offered.units.length,
      vacancies: vacancies.length,
      officialStatuses: listings.length,
      indicators: rows.length,
      households: options.cases,
      cases: options.cases,
      offers: options.cases,
      grants: options.cases,
    },
  };
}
