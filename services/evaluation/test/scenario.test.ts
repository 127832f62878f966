// What-if scenarios of in-mover steering through the API: run and read by evaluators and platform administrators
// only, the same seed giving the same results, bad input refused with nothing written, and results that add up.
import { type TestPlatform, errorCode } from '@second-chance/testing';
import { as, people, startEvaluation } from './helpers';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startEvaluation();
});
afterAll(() => platform.close());

/** A small nation, so a scenario runs in about a second. */
const SMALL = { vacancies: 200, seekers: 200, areas: 120 };

const OUTCOME = `householdsPlaced placedElsewhere byMunicipality(first: 98) { municipalityCode households fromElsewhere }
  byAreaStatus { status households } averageFitPoints placedWithKnownWishes preferredOrAnchorPct burdenPoints
  areasByStatusNextYear { status areas } areasOnListNextYear areasLeavingList areasEnteringList`;

const SCENARIO = `id seed date vacancies seekers areaCount participating allParticipate nationsCommitments
  commitments { municipalityCode households } weights { placement burden fit waiting fairness }
  createdAt runBy seconds optimalityGap withoutSteering { ${OUTCOME} } withSteering { ${OUTCOME} }
  areasByStatusNow { status areas } areasOnListNow areasBetterWithSteering areasWorseWithSteering listDifference
  burdenDifference statement`;

const RUN = `mutation ($input: SteeringScenarioInput!) { runSteeringScenario(input: $input) { ${SCENARIO} } }`;

interface Outcome {
  householdsPlaced: number;
  placedElsewhere: number;
  byMunicipality: { municipalityCode: string; households: number; fromElsewhere: number }[];
  byAreaStatus: { status: string; households: number }[];
  burdenPoints: number;
  areasByStatusNextYear: { status: string; areas: number }[];
  areasOnListNextYear: number;
}

interface Scenario {
  id: string;
  seed: number;
  areaCount: number;
  participating: string[];
  allParticipate: boolean;
  commitments: { municipalityCode: string; households: number }[] | null;
  runBy: string;
  seconds: number;
  createdAt: string;
  withoutSteering: Outcome;
  withSteering: Outcome;
  listDifference: number;
  burdenDifference: number;
  statement: string;
  [field: string]: unknown;
}

async function run(who: (typeof people)[keyof typeof people], input: Record<string, unknown>): Promise<Scenario> {
  return (await as(platform, who).ok<{ runSteeringScenario: Scenario }>(RUN, { input })).runSteeringScenario;
}

async function kept(): Promise<number> {
  const [{ count }] = await platform
    .subgraph('evaluation')
    .dataSource.query('SELECT count(*)::int AS count FROM steering_scenario');
  return count as number;
}

/** A scenario without what differs between two runs of it. */
const results = ({ id: _id, runBy: _by, seconds: _seconds, createdAt: _at, ...rest }: Scenario) => rest;

const AREAS = `query ($id: ID!, $filter: ScenarioAreaFilter, $after: String) { steeringScenario(id: $id) {
  areas(filter: $filter, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes {
    areaId municipalityCode residents statusNow statusWithoutSteering statusWithSteering effect
    outsideWorkOrEducationPctNow outsideWorkOrEducationPctWithoutSteering outsideWorkOrEducationPctWithSteering
    householdsInWithoutSteering householdsInWithSteering } } } }`;

interface AreaNode {
  areaId: string;
  statusNow: string;
  statusWithoutSteering: string;
  statusWithSteering: string;
  householdsInWithoutSteering: number;
  householdsInWithSteering: number;
}

async function allAreas(id: string, filter?: Record<string, unknown>): Promise<AreaNode[]> {
  const nodes: AreaNode[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      steeringScenario: {
        areas: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: AreaNode[] };
      };
    } = await as(platform, people.evaluator).ok(AREAS, { id, filter, after });
    nodes.push(...data.steeringScenario.areas.nodes);
    if (!data.steeringScenario.areas.pageInfo.hasNextPage) return nodes;
    after = data.steeringScenario.areas.pageInfo.endCursor;
  }
}

test('an evaluator and a platform administrator run and read scenarios; the same seed gives the same results', async () => {
  const first = await run(people.evaluator, { seed: 11, ...SMALL });
  const second = await run(people.admin, { seed: 11, ...SMALL });
  expect(second.id).not.toBe(first.id);
  expect([first.runBy, second.runBy]).toEqual(['evaluator', 'admin']);
  expect(results(second)).toEqual(results(first));
  expect(first.allParticipate).toBe(true);
  expect(first.participating).toHaveLength(98);
  expect(first.areaCount).toBe(120);

  const other = await run(people.evaluator, { seed: 12, ...SMALL });
  expect(results(other)).not.toEqual(results(first));

  for (const who of [people.evaluator, people.admin]) {
    const { steeringScenario } = await as(platform, who).ok<{ steeringScenario: Scenario }>(
      `query ($id: ID!) { steeringScenario(id: $id) { ${SCENARIO} } }`,
      { id: first.id },
    );
    expect(steeringScenario).toEqual(first);
    const { steeringScenarios } = await as(platform, who).ok<{
      steeringScenarios: { totalCount: number; nodes: { id: string; seed: number }[] };
    }>(`{ steeringScenarios(first: 2) { totalCount nodes { id seed } } }`);
    expect(steeringScenarios.totalCount).toBe(3);
    expect(steeringScenarios.nodes.map((s) => s.id)).toEqual([other.id, second.id]);
  }
  // The list leaves the per-area rows out; a page of scenarios asking for them reads them in one more query.
  const list = (fields: string) =>
    platform.countSql(() =>
      as(platform, people.evaluator).ok<{ steeringScenarios: { nodes: { areas?: { totalCount: number } }[] } }>(
        `{ steeringScenarios { nodes { id ${fields} } } }`,
      ),
    );
  const bare = await list('');
  const withAreas = await list('areas(first: 1) { totalCount } csv');
  expect(withAreas.result.steeringScenarios.nodes.map((s) => s.areas?.totalCount)).toEqual([120, 120, 120]);
  expect(withAreas.statements['evaluation']).toBe(bare.statements['evaluation']! + 1);

  const unknown = await as(platform, people.evaluator).ok<{ steeringScenario: null }>(
    `{ steeringScenario(id: "00000000-0000-4000-8000-000000000000") { id } }`,
  );
  expect(unknown.steeringScenario).toBeNull();
});

test('caseworkers, letting officers and finance officers may neither run nor read scenarios', async () => {
  const before = await kept();
  for (const who of [people.caseworker, people.letting, people.finance]) {
    const caller = as(platform, who);
    expect(errorCode((await caller.call(RUN, { input: { seed: 1, ...SMALL } })).body)).toBe('FORBIDDEN');
    expect(errorCode((await caller.call(`{ steeringScenarios { totalCount } }`)).body)).toBe('FORBIDDEN');
    expect(
      errorCode((await caller.call(`{ steeringScenario(id: "00000000-0000-4000-8000-000000000000") { id } }`)).body),
    ).toBe('FORBIDDEN');
  }
  expect(await kept()).toBe(before);
});

test('bad input is refused with the path of the problem, and nothing is written', async () => {
  const before = await kept();
  const cases: [Record<string, unknown>, string][] = [
    [{ vacancies: 5_001 }, 'input.vacancies'],
    [{ vacancies: 0 }, 'input.vacancies'],
    [{ seekers: 6_000 }, 'input.seekers'],
    [{ areas: 1_501 }, 'input.areas'],
    [{ areas: 50 }, 'input.areas'],
    [{ participatingMunicipalityCodes: [] }, 'input.participatingMunicipalityCodes'],
    [{ participatingMunicipalityCodes: ['101', '999'] }, 'input.participatingMunicipalityCodes.1'],
    [{ participatingMunicipalityCodes: ['101', '147', '101'] }, 'input.participatingMunicipalityCodes.2'],
    [
      { participatingMunicipalityCodes: ['101'], commitments: [{ municipalityCode: '147', households: 5 }] },
      'input.commitments.0.municipalityCode',
    ],
    [{ commitments: [{ municipalityCode: '101', households: -1 }] }, 'input.commitments.0.households'],
    [
      {
        commitments: [
          { municipalityCode: '101', households: 1 },
          { municipalityCode: '101', households: 2 },
        ],
      },
      'input.commitments.1.municipalityCode',
    ],
    [{ weights: { burden: -1 } }, 'input.weights.burden'],
    [{ weights: { fairness: 2_000_000 } }, 'input.weights.fairness'],
  ];
  for (const [change, path] of cases) {
    const { body } = await as(platform, people.evaluator).call(RUN, { input: { seed: 1, ...SMALL, ...change } });
    const error = body.errors?.[0];
    expect([
      path,
      error?.extensions?.code,
      (error?.extensions?.invalidFields as { path: string }[])?.[0]?.path,
    ]).toEqual([path, 'BAD_USER_INPUT', path]);
  }
  const page = await as(platform, people.evaluator).call(`{ steeringScenarios(first: 500) { totalCount } }`);
  expect(errorCode(page.body)).toBe('BAD_USER_INPUT');
  const id = await as(platform, people.evaluator).call(`{ steeringScenario(id: "nope") { id } }`);
  expect(errorCode(id.body)).toBe('BAD_USER_INPUT');
  expect(await kept()).toBe(before);
});

test('with steering the burden part is never worse, and the counts add up area by area', async () => {
  const scenarios = [
    await run(people.evaluator, { seed: 21, ...SMALL }),
    await run(people.evaluator, {
      seed: 22,
      ...SMALL,
      participatingMunicipalityCodes: ['101', '147', '151', '153', '155', '157', '159', '161', '163', '165'],
    }),
    await run(people.admin, {
      seed: 23,
      ...SMALL,
      commitments: null,
      weights: { burden: 200, fairness: 2 },
    }),
  ];
  for (const scenario of scenarios) {
    const { withoutSteering: without, withSteering: steered } = scenario;
    expect(steered.burdenPoints).toBeLessThanOrEqual(without.burdenPoints);
    expect(scenario.burdenDifference).toBeCloseTo(steered.burdenPoints - without.burdenPoints, 6);
    expect(scenario.listDifference).toBe(steered.areasOnListNextYear - without.areasOnListNextYear);
    for (const outcome of [without, steered]) {
      expect(outcome.byMunicipality.reduce((n, m) => n + m.households, 0)).toBe(outcome.householdsPlaced);
      expect(outcome.byMunicipality.reduce((n, m) => n + m.fromElsewhere, 0)).toBe(outcome.placedElsewhere);
      expect(outcome.byAreaStatus.reduce((n, s) => n + s.households, 0)).toBe(outcome.householdsPlaced);
      expect(outcome.areasByStatusNextYear.reduce((n, s) => n + s.areas, 0)).toBe(scenario.areaCount);
    }
    expect(without.placedElsewhere).toBe(0);
    const areas = await allAreas(scenario.id);
    expect(areas).toHaveLength(scenario.areaCount);
    expect(areas.map((a) => a.areaId)).toEqual([...areas.map((a) => a.areaId)].sort());
    expect(areas.reduce((n, a) => n + a.householdsInWithoutSteering, 0)).toBe(without.householdsPlaced);
    expect(areas.reduce((n, a) => n + a.householdsInWithSteering, 0)).toBe(steered.householdsPlaced);
    expect(areas.filter((a) => a.statusWithSteering !== 'NONE')).toHaveLength(steered.areasOnListNextYear);

    const changed = await allAreas(scenario.id, { changedOnly: true });
    expect(changed).toEqual(
      areas.filter((a) => a.statusNow !== a.statusWithoutSteering || a.statusNow !== a.statusWithSteering),
    );
    const vulnerable = await allAreas(scenario.id, { statuses: ['VULNERABLE_AREA'] });
    expect(vulnerable.length).toBeGreaterThan(0);
    expect(
      vulnerable.every((a) => [a.statusNow, a.statusWithoutSteering, a.statusWithSteering].includes('VULNERABLE_AREA')),
    ).toBe(true);
  }
  const [, partial, weighted] = scenarios;
  expect(partial!.participating).toHaveLength(10);
  expect(partial!.allParticipate).toBe(false);
  expect(partial!.commitments!.every((c) => partial!.participating.includes(c.municipalityCode))).toBe(true);
  expect(weighted!.weights).toEqual({ placement: 1000, burden: 200, fit: 10, waiting: 5, fairness: 2 });
});

test('the CSV has a header and one line per area, the same rows as the list', async () => {
  const scenario = await run(people.evaluator, { seed: 31, ...SMALL });
  const query = `query ($id: ID!, $filter: ScenarioAreaFilter) { steeringScenario(id: $id) { csv(filter: $filter) } }`;
  const csv = async (filter?: Record<string, unknown>) =>
    (await as(platform, people.admin).ok<{ steeringScenario: { csv: string } }>(query, { id: scenario.id, filter }))
      .steeringScenario.csv;
  const lines = (await csv()).split('\r\n').filter(Boolean);
  expect(lines).toHaveLength(scenario.areaCount + 1);
  expect(lines[0]).toBe(
    'area_id;municipality_code;residents;status_now;status_without_steering;status_with_steering;effect;' +
      'outside_work_or_education_pct_now;outside_work_or_education_pct_without_steering;' +
      'outside_work_or_education_pct_with_steering;households_in_without_steering;households_in_with_steering',
  );
  const areas = await allAreas(scenario.id);
  expect(lines.slice(1).map((line) => line.split(';')[0])).toEqual(areas.map((a) => a.areaId));
  const first = areas[0]!;
  expect(lines[1]!.split(';').slice(3, 6)).toEqual([
    first.statusNow,
    first.statusWithoutSteering,
    first.statusWithSteering,
  ]);
  const changed = await allAreas(scenario.id, { changedOnly: true });
  expect((await csv({ changedOnly: true })).split('\r\n').filter(Boolean)).toHaveLength(changed.length + 1);
});
