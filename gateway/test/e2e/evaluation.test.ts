// An evaluator runs the whole evaluation through the gateway: imports area figures, reads the classification
// beside the ministry's status, sees take-up and in-movement built from the households service's events,
// records outcomes by pseudonym, compares cohorts and exports every table, and never sees a person.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type GraphQLResult, type TestPlatform, errorCode, identity, startTestPlatform } from '@second-chance/testing';
import { as, homesIn, moveInto, people, searchingCase } from './platform';

const SECRET = 'households-to-evaluation-secret-of-32-chars';
const subscribers: { name: string; url: string; secret: string }[] = [];
let platform: TestPlatform;
let areaId: string;
const caseIds: string[] = [];
const householdIds: string[] = [];

const evaluator = people.evaluator;
const admin = identity('platform-admin', 'PLATFORM:sc', 'admin');
const financeOfficer = people.financeOfficer;
const YEAR = Number(new Date().toISOString().slice(0, 4));
const QUARTER = `${YEAR}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;

const HEADER =
  'area_id;year;residents;outside_work_or_education_pct;conviction_pct;national_conviction_pct;' +
  'basic_schooling_only_pct;income_of_region_pct;non_western_pct;open_municipal_case_pct';

/** Two years of an udsat area with a majority of non-Western residents: a parallel society by the figures. */
function figures(area: string): string {
  return [
    HEADER,
    `${area};${YEAR - 2};2400;44,5;2,1;0,7;62;52;55,2;31`,
    `${area};${YEAR - 1};2450;45,5;2,3;0,7;61;51;56;30`,
  ].join('\n');
}

/** The error code of a call's first error. */
const codeOf = (result: GraphQLResult<unknown>) => errorCode(result.body);

const IMPORT = `mutation ($input: ImportAreaIndicatorsInput!) { importAreaIndicators(input: $input) { id rows replaced } }`;

beforeAll(async () => {
  platform = await startTestPlatform([
    housingSubgraph,
    createEvaluationSubgraph({ eventSecrets: [SECRET] }),
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers }),
  ]);
  subscribers.push({
    name: 'evaluation',
    url: platform.subgraph('evaluation').url.replace(/\/graphql$/, '/events'),
    secret: SECRET,
  });

  // Six households of municipality 101 are nominated and searching; five move into one area of 461.
  const home = await homesIn(platform, '461', 5);
  areaId = home.area.id;
  for (let i = 0; i < 6; i += 1) {
    const { caseId, householdId } = await searchingCase(platform);
    caseIds.push(caseId);
    householdIds.push(householdId);
  }
  for (let i = 0; i < 5; i += 1) await moveInto(platform, caseIds[i]!, home.vacancies[i]!.id, home.owner.id);
  // One household of 751 is nominated: a small cell wherever it is counted.
  await searchingCase(platform, { municipality: '751' });
  await platform.subgraph('households').runJobs();

  await as(platform, admin).ok(
    `mutation ($input: OfficialAreaStatusInput!) { recordOfficialAreaStatus(input: $input) { status } }`,
    { input: { areaId, year: YEAR - 1, status: 'VULNERABLE_AREA' } },
  );
}, 120_000);
afterAll(() => platform.close());

test('a file with a bad row is refused with its line and reason, and nothing of it is imported', async () => {
  const csv = [
    HEADER,
    `${areaId};${YEAR - 1};2450;45,5;2,3;0,7;61;51;56;30`,
    `${areaId};1999;-4;140;x;0;61;51;56;`,
  ].join('\n');
  const result = await as(platform, evaluator).call(IMPORT, { input: { csv, source: 'bad.csv' } });
  expect(codeOf(result)).toBe('BAD_USER_INPUT');
  // Every problem of line 3, and line 2 (which is fine) is not named.
  expect(result.body.errors?.[0]?.message).toMatch(/^the file has 5 problems; nothing was imported\. line 3 \(year\)/);
  expect(JSON.stringify(result.body.errors?.[0]?.extensions)).toContain('line 3.residents');
  expect(JSON.stringify(result.body.errors?.[0]?.extensions)).not.toContain('line 2');
  const stored = await platform
    .subgraph('evaluation')
    .dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM area_indicators');
  expect(stored).toEqual([{ count: 0 }]);
});

test('only evaluators and platform administrators import figures', async () => {
  for (const who of [people.caseworker101, financeOfficer]) {
    expect(codeOf(await as(platform, who).call(IMPORT, { input: { csv: figures(areaId) } }))).toBe('FORBIDDEN');
  }
});

test('the classification stands beside the official status, with every reason; a difference is flagged', async () => {
  const { importAreaIndicators } = await as(platform, evaluator).ok<{
    importAreaIndicators: { rows: number; replaced: number };
  }>(IMPORT, { input: { csv: figures(areaId), source: 'dst.csv' } });
  expect(importAreaIndicators).toEqual(expect.objectContaining({ rows: 2, replaced: 0 }));

  const query = `query ($id: ID!, $year: Int!) { housingArea(id: $id) { name
      officialStatus(year: $year) { status }
      classification(year: $year) { year status officialStatus differsFromOfficial ruleVersion complete
        vulnerableCriteriaMet
        criteria { group measure paragraph comparison value threshold met determinable reason }
        combinedLetting { mayUse } }
      projectedClassification { year status projected officialStatus }
      indicators { year residents outsideWorkOrEducationPct openMunicipalCasePct } } }`;
  // Caseworkers and letting officers read area figures too.
  for (const who of [evaluator, people.caseworker101]) {
    const { housingArea } = await as(platform, who).ok<{
      housingArea: {
        officialStatus: { status: string };
        classification: {
          status: string;
          officialStatus: string;
          differsFromOfficial: boolean;
          complete: boolean;
          vulnerableCriteriaMet: number;
          criteria: { measure: string; paragraph: string; value: number; met: boolean; reason: string }[];
          combinedLetting: { mayUse: boolean };
        };
        projectedClassification: { year: number; projected: boolean; officialStatus: string | null };
        indicators: { year: number; outsideWorkOrEducationPct: number }[];
      };
    }>(query, { id: areaId, year: YEAR - 1 });
    expect(housingArea.officialStatus.status).toBe('VULNERABLE_AREA');
    // Outside work: (44.5 + 45.5) / 2 = 45 % > 40 %; basic schooling 61 % > 60 %; income 51 % < 55 %;
    // convictions (2.1 + 2.3) / (0.7 + 0.7) = 3.14× ≥ 3×: four of four, and 56 % non-Western > 50 %.
    expect(housingArea.classification).toEqual(
      expect.objectContaining({
        status: 'PARALLEL_SOCIETY',
        officialStatus: 'VULNERABLE_AREA',
        differsFromOfficial: true,
        // Two years of figures cannot show five years as a parallel society: the transformation test is open.
        complete: false,
        vulnerableCriteriaMet: 4,
        combinedLetting: { mayUse: true },
      }),
    );
    const outside = housingArea.classification.criteria.find(
      (c) => c.measure === 'OUTSIDE_WORK_OR_EDUCATION' && c.paragraph === '§ 61 a, stk. 1, nr. 1',
    );
    expect(outside).toEqual(expect.objectContaining({ value: 45, met: true }));
    expect(housingArea.projectedClassification).toEqual(
      expect.objectContaining({ year: YEAR, projected: true, officialStatus: null }),
    );
    expect(housingArea.indicators.map((i) => i.year)).toEqual([YEAR - 2, YEAR - 1]);
  }

  const { areaClassifications } = await as(platform, evaluator).ok<{
    areaClassifications: { totalCount: number; nodes: { area: { id: string; name: string }; status: string }[] };
  }>(
    `query ($year: Int!) { areaClassifications(year: $year, filter: { differsFromOfficial: true }) {
        totalCount nodes { area { id name } status } } }`,
    { year: YEAR - 1 },
  );
  expect(areaClassifications.totalCount).toBe(1);
  expect(areaClassifications.nodes[0]?.area.id).toBe(areaId);

  // Finance officers have no business with area figures.
  const denied = await as(platform, financeOfficer).call(query, { id: areaId, year: YEAR - 1 });
  expect(codeOf(denied)).toBe('FORBIDDEN');
});

test('the funnel and the in-movement balance are built from the events of whole relocation cases', async () => {
  const { takeUpFunnel } = await as(platform, evaluator).ok<{
    takeUpFunnel: {
      municipality: { code: string };
      period: string;
      nominated: { count: number | null; suppressed: boolean };
      consented: { count: number | null };
      offered: { count: number | null };
      accepted: { count: number | null };
      moved: { count: number | null };
      takeUpPct: number | null;
    }[];
  }>(
    `{ takeUpFunnel(filter: { period: YEAR }) { municipality { code } period
        nominated { count suppressed } consented { count } offered { count } accepted { count } moved { count }
        stillHousedAt12Months { count suppressed } takeUpPct } }`,
  );
  const of101 = takeUpFunnel.find((f) => f.municipality.code === '101');
  expect(of101).toEqual(
    expect.objectContaining({
      period: String(YEAR),
      nominated: { count: 6, suppressed: false },
      consented: { count: 6 },
      offered: { count: 5 },
      accepted: { count: 5 },
      moved: { count: 5 },
      // 5 of 6 moved: the one who did not is a small cell, so the share is not shown.
      takeUpPct: null,
    }),
  );
  // Municipality 751 nominated one household: suppressed.
  expect(takeUpFunnel.find((f) => f.municipality.code === '751')?.nominated).toEqual({
    count: null,
    suppressed: true,
  });

  const { inMovementBalance } = await as(platform, evaluator).ok<{
    inMovementBalance: {
      area: { id: string };
      quarter: string;
      households: number;
      inMoversOutsideWorkOrEducationPct: number;
      areaOutsideWorkOrEducationPct: number;
      raisesOutsideWorkOrEducation: boolean;
      flagged: boolean;
    }[];
  }>(
    `query ($q: String!) { inMovementBalance(filter: { fromQuarter: $q, toQuarter: $q }) { area { id } quarter households
        inMoversOutsideWorkOrEducationPct areaOutsideWorkOrEducationPct raisesOutsideWorkOrEducation flagged } }`,
    { q: QUARTER },
  );
  // Five households of one adult on kontanthjælp and a child: 100 % outside work, against the area's 45.5 %.
  expect(inMovementBalance).toEqual([
    {
      area: { id: areaId },
      quarter: QUARTER,
      households: 5,
      inMoversOutsideWorkOrEducationPct: 100,
      areaOutsideWorkOrEducationPct: 45.5,
      raisesOutsideWorkOrEducation: true,
      flagged: true,
    },
  ]);

  // The same through the area and the municipality in the graph; caseworkers do not get them.
  const nested = `query ($id: ID!, $q: String!) { housingArea(id: $id) { inMovementBalance(fromQuarter: $q, toQuarter: $q) { flagged } }
      municipality(code: "101") { name takeUpFunnel { period moved { count } } } }`;
  const { housingArea, municipality } = await as(platform, evaluator).ok<{
    housingArea: { inMovementBalance: { flagged: boolean }[] };
    municipality: { takeUpFunnel: { moved: { count: number } }[] };
  }>(nested, { id: areaId, q: QUARTER });
  expect(housingArea.inMovementBalance).toEqual([{ flagged: true }]);
  expect(municipality.takeUpFunnel[0]?.moved.count).toBe(5);
  expect(codeOf(await as(platform, people.caseworker101).call(nested, { id: areaId, q: QUARTER }))).toBe('FORBIDDEN');
});

test('events delivered again change nothing', async () => {
  const households = platform.subgraph('households');
  await households.owner.query(
    `SELECT graphile_worker.add_job('deliver_event', json_build_object('eventId', id, 'subscriber', 'evaluation'))
       FROM domain_event`,
  );
  await households.runJobs();
  const evaluation = platform.subgraph('evaluation').dataSource;
  const counts = await evaluation.query<{ moves: number; cases: number }[]>(
    'SELECT (SELECT count(*)::int FROM in_move) AS moves, (SELECT count(*)::int FROM participation) AS cases',
  );
  expect(counts).toEqual([{ moves: 5, cases: 7 }]);
  const outcomes = await evaluation.query<{ outcome: string; n: number }[]>(
    'SELECT outcome, count(*)::int AS n FROM received_event GROUP BY outcome ORDER BY outcome',
  );
  expect(outcomes.find((o) => o.outcome === 'MOVE_RECORDED')?.n).toBe(5);
});

test('outcomes by pseudonym feed the follow-up, the funnel and the cohort comparison', async () => {
  const { followedFamilies } = await as(platform, evaluator).ok<{
    followedFamilies: { totalCount: number; nodes: { pseudonym: string; group: string }[] };
  }>(`{ followedFamilies(first: 100) { totalCount nodes { pseudonym group } } }`);
  expect(followedFamilies.totalCount).toBe(7);
  const moved = followedFamilies.nodes.filter((f) => f.group === 'MOVED');
  expect(moved).toHaveLength(5);

  const record = (pseudonym: string, point: string, inWork: number, extra: Record<string, unknown> = {}) => ({
    pseudonym,
    point,
    adults: 1,
    adultsInWork: inWork,
    adultsInEducation: 0,
    adultsOnBenefits: 1 - inWork,
    children: 1,
    childrenSchoolAbsencePct: 8.5,
    recordedCrimeOffences: 0,
    ...extra,
  });
  const input = moved.flatMap((f, i) => [
    record(f.pseudonym, 'BASELINE', 0),
    record(f.pseudonym, 'MONTH_12', i % 2, { stillInNewHome: true, returnedToFormerArea: false }),
  ]);
  await as(platform, evaluator).ok(
    `mutation ($input: [OutcomeInput!]!) { recordOutcomes(input: $input) { recorded } }`,
    {
      input,
    },
  );

  // A record for a pseudonym nobody follows is refused, and so is the whole batch.
  const refused = await as(platform, evaluator).call(
    `mutation ($input: [OutcomeInput!]!) { recordOutcomes(input: $input) { recorded } }`,
    { input: [record(moved[0]!.pseudonym, 'MONTH_24', 1), record('not-a-family', 'MONTH_24', 1)] },
  );
  expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  const stored = await platform
    .subgraph('evaluation')
    .dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outcome WHERE point = 'MONTH_24'`);
  expect(stored).toEqual([{ n: 0 }]);

  const { takeUpFunnel } = await as(platform, evaluator).ok<{
    takeUpFunnel: { stillHousedAt12Months: { count: number } }[];
  }>(`{ takeUpFunnel(filter: { municipalityCodes: ["101"] }) { stillHousedAt12Months { count } } }`);
  expect(takeUpFunnel[0]?.stillHousedAt12Months.count).toBe(5);

  const { cohortComparison } = await as(platform, evaluator).ok<{
    cohortComparison: {
      minimumFamilies: number;
      outcomes: { measure: string; kind: string; estimate: number | null; statement: string }[];
    };
  }>(`{ cohortComparison(point: MONTH_12) { minimumFamilies minimumCell
        outcomes { measure kind estimate statement moved { families { count suppressed } } comparison { families { count suppressed } } } } }`);
  const employment = cohortComparison.outcomes.find((o) => o.measure === 'EMPLOYMENT');
  // Five moved families and none with records in the comparison group: too few to estimate, and no number.
  expect(employment).toEqual(expect.objectContaining({ kind: 'TOO_FEW', estimate: null }));
  expect(employment?.statement).toMatch(/Too few families to estimate/);
  expect(cohortComparison.outcomes.find((o) => o.measure === 'STILL_IN_NEW_HOME')).toEqual(
    expect.objectContaining({ kind: 'MOVED_ONLY' }),
  );
});

test('every table can be had as CSV, with the same access and the same suppression', async () => {
  const csv = (who: ReturnType<typeof identity>, table: string, options: Record<string, unknown> = {}) =>
    as(platform, who).call<{ evaluationCsv: { filename: string; rows: number; csv: string } }>(
      `query ($table: EvaluationTable!, $options: CsvOptions) { evaluationCsv(table: $table, options: $options) { filename rows csv } }`,
      { table, options },
    );
  const tables: [string, Record<string, unknown>][] = [
    ['INDICATORS', {}],
    ['CLASSIFICATIONS', { year: YEAR - 1 }],
    ['IN_MOVEMENT_BALANCE', { fromQuarter: QUARTER, toQuarter: QUARTER }],
    ['TAKE_UP_FUNNEL', {}],
    ['FOLLOWED_FAMILIES', {}],
    ['COHORT_COMPARISON', { point: 'MONTH_12' }],
  ];
  for (const [table, options] of tables) {
    const result = await csv(evaluator, table, options);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.evaluationCsv.rows).toBeGreaterThan(0);
    expect(result.body.data?.evaluationCsv.filename).toMatch(/\.csv$/);
  }
  const funnelCsv = (await csv(evaluator, 'TAKE_UP_FUNNEL')).body.data?.evaluationCsv.csv ?? '';
  // 751's single nomination (and consent) are empty fields, not 1s; a count of none is shown.
  expect(funnelCsv.split('\r\n').find((line) => line.startsWith('751;'))).toBe(`751;${YEAR};;;0;0;0;0;`);
  const classificationCsv = (await csv(evaluator, 'CLASSIFICATIONS', { year: YEAR - 1 })).body.data?.evaluationCsv.csv;
  expect(classificationCsv).toContain(`${areaId};${YEAR - 1};PARALLEL_SOCIETY;VULNERABLE_AREA;true;`);

  expect(codeOf(await csv(people.caseworker101, 'TAKE_UP_FUNNEL'))).toBe('FORBIDDEN');
  expect(codeOf(await csv(people.caseworker101, 'INDICATORS'))).toBeUndefined();
  expect(codeOf(await csv(financeOfficer, 'INDICATORS'))).toBe('FORBIDDEN');
});

/** Ten digits as a CPR number is written (with or without the dash), not inside a longer token. */
const CPR_LIKE = /(?<![0-9A-Za-z])\d{6}-?\d{4}(?![0-9A-Za-z])/;
const PERSONAL_KEYS = /"(name|firstName|lastName|cpr|cprNumber|address|birthDate|email|phone)":/i;

test('no answer of the evaluation subgraph holds a direct identifier, and an evaluator gets nothing personal anywhere', async () => {
  const evaluationQueries = [
    `{ areaIndicators(first: 100) { nodes { area { id } year residents } } }`,
    `query ($y: Int!) { areaClassifications(year: $y) { nodes { status criteria { reason } } } }`,
    `query ($q: String!) { inMovementBalance(filter: { fromQuarter: $q, toQuarter: $q }) { households flagged } }`,
    `{ takeUpFunnel(filter: {}) { period nominated { count } } }`,
    `{ followedFamilies(first: 100) { nodes { pseudonym group nominatedOn movedOn sendingMunicipality { code }
        outcomes { point adults adultsInWork recordedCrimeOffences } } } }`,
    `{ cohortComparison(point: MONTH_12) { outcomes { statement } } }`,
    `{ evaluationCsv(table: FOLLOWED_FAMILIES) { csv } }`,
    `{ indicatorImports { nodes { source rows importedBy } } }`,
    `{ classificationRules { id rules } }`,
  ];
  for (const query of evaluationQueries) {
    const direct = await platform.subgraph('evaluation').query(evaluator, query, { y: YEAR - 1, q: QUARTER });
    const body = JSON.stringify(direct);
    expect(body).not.toMatch(CPR_LIKE);
    expect(body).not.toMatch(PERSONAL_KEYS);
    expect(body).not.toContain('Test Voksen');
    for (const caseId of caseIds) expect(body).not.toContain(caseId);
  }

  // Through the gateway, the evaluator asks the households subgraph for people and gets no personal data.
  const personal = [
    `query ($id: ID!) { relocationCase(id: $id) { state household { members { name cpr } } } }`,
    `{ households { nodes { id members { name cpr } } } }`,
    `{ relocationCases { nodes { id household { members { name } } } } }`,
    `{ householdByCpr(cpr: "120388-1234") { id } }`,
    `{ auditLog { nodes { actor householdId } } }`,
    `query ($id: ID!) { household(id: $id) { members { name } } }`,
    `{ nominations { nodes { reasonText household { members { name } } } } }`,
    `{ inMoverApplications { nodes { household { members { name } } } } }`,
    `{ offersOfMyVacancies { nodes { id } } }`,
  ];
  for (const query of personal) {
    const result = await as(platform, evaluator).call(query, {
      id: query.includes('household(') ? householdIds[0] : caseIds[0],
    });
    expect(result.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    const body = JSON.stringify(result.body.data ?? {});
    expect(body).not.toMatch(CPR_LIKE);
    expect(body).not.toContain('Test Voksen');
  }
});
