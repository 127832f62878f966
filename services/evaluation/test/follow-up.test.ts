// The follow-up through the evaluation subgraph's API: outcomes recorded by pseudonym, the cohort comparison
// computed by hand below, a harmful effect said as plainly as a good one, small groups suppressed, a family whose
// consent was withdrawn no longer followed.
import { randomUUID } from 'node:crypto';
import { type TestPlatform, errorCode } from '@second-chance/testing';
import { as, caseEvent, deliver, journey, people, startEvaluation } from './helpers';

let platform: TestPlatform;
const moved: string[] = [];
const comparison: string[] = [];
const RECORD = `mutation ($input: [OutcomeInput!]!) { recordOutcomes(input: $input) { recorded } }`;

/** Two adults and a child; `inWork` of the adults in work; `offences` recorded in the period. */
function outcome(
  pseudonym: string,
  point: string,
  inWork: number,
  offences: number,
  extra: Record<string, unknown> = {},
) {
  return {
    pseudonym,
    point,
    adults: 2,
    adultsInWork: inWork,
    adultsInEducation: 0,
    adultsOnBenefits: 2 - inWork,
    children: 1,
    childrenSchoolAbsencePct: 10,
    recordedCrimeOffences: offences,
    ...extra,
  };
}

beforeAll(async () => {
  platform = await startEvaluation();
  for (let i = 0; i < 10; i += 1) {
    const pseudonym = `hp-moved-${i}`;
    await journey(platform, { start: '2025-01-06', last: 'MOVED', areaId: randomUUID(), pseudonym, sending: '751' });
    moved.push(pseudonym);
  }
  for (let i = 0; i < 10; i += 1) {
    const pseudonym = `hp-comparison-${i}`;
    await journey(platform, { start: '2025-01-06', last: 'SEARCHING', pseudonym, sending: i < 4 ? '147' : '751' });
    comparison.push(pseudonym);
  }
  const evaluator = as(platform, people.evaluator);
  // Baseline: nobody in work, no offences. After 12 months: 8 of the 10 moved families have one adult in work
  // (the comparison group none), and 8 of the moved families have one offence recorded (the comparison group none).
  await evaluator.ok(RECORD, {
    input: [
      ...[...moved, ...comparison].map((p) => outcome(p, 'BASELINE', 0, 0)),
      ...moved.map((p, i) =>
        outcome(p, 'MONTH_12', i < 8 ? 1 : 0, i < 8 ? 1 : 0, { stillInNewHome: i !== 9, returnedToFormerArea: false }),
      ),
      ...comparison.map((p) => outcome(p, 'MONTH_12', 0, 0)),
    ],
  });
}, 60_000);
afterAll(() => platform.close());

interface Comparison {
  measure: string;
  kind: string;
  estimate: number | null;
  standardError: number | null;
  degreesOfFreedom: number | null;
  lower95: number | null;
  upper95: number | null;
  effect: string | null;
  statement: string;
  moved: { families: { count: number | null; suppressed: boolean }; meanChange: number | null };
  comparison: { families: { count: number | null; suppressed: boolean }; meanChange: number | null } | null;
}
const COHORT = `query ($codes: [ID!]) { cohortComparison(point: MONTH_12, filter: { sendingMunicipalityCodes: $codes }) {
    minimumFamilies minimumCell
    outcomes { measure kind estimate standardError degreesOfFreedom lower95 upper95 effect statement
      moved { families { count suppressed } meanChange } comparison { families { count suppressed } meanChange } } } }`;

async function cohort(codes?: string[]): Promise<Comparison[]> {
  const data = await as(platform, people.evaluator).ok<{ cohortComparison: { outcomes: Comparison[] } }>(COHORT, {
    codes: codes ?? null,
  });
  return data.cohortComparison.outcomes;
}

test('the difference-in-differences of employment, computed by hand: an improvement', async () => {
  const employment = (await cohort()).find((o) => o.measure === 'EMPLOYMENT')!;
  // Moved: changes 50 (8 families) and 0 (2): mean 40, variance (8·10² + 2·40²)/9 = 4000/9.
  // Comparison: all 0: mean 0, variance 0. SE = √(4000/9/10) = 6.6667; Welch df = 9; t(0.975, 9) = 2.262157.
  // 95 % CI: 40 ± 15.0810 = [24.9190, 55.0810], above 0 and higher is better: an improvement.
  expect(employment.kind).toBe('ESTIMATE');
  expect(employment.estimate).toBeCloseTo(40, 6);
  expect(employment.standardError).toBeCloseTo(6.666667, 5);
  expect(employment.degreesOfFreedom).toBeCloseTo(9, 6);
  expect(employment.lower95).toBeCloseTo(24.919, 3);
  expect(employment.upper95).toBeCloseTo(55.081, 3);
  expect(employment.effect).toBe('IMPROVEMENT');
  expect(employment.moved.families).toEqual({ count: 10, suppressed: false });
  expect(employment.statement).toMatch(/rose by 40 percentage points more among moved families .*: an improvement\.$/);
});

test('a harmful effect is reported exactly as plainly', async () => {
  const crime = (await cohort()).find((o) => o.measure === 'RECORDED_CRIME')!;
  // Moved: changes 1 (8) and 0 (2): mean 0.8, variance (8·0.2² + 2·0.8²)/9 = 1.6/9. Comparison 0.
  // SE = √(1.6/9/10) = 0.133333; df 9; CI 0.8 ± 0.301621 = [0.498379, 1.101621]: lower is better, so harm.
  expect(crime).toEqual(expect.objectContaining({ kind: 'ESTIMATE', effect: 'HARM' }));
  expect(crime.estimate).toBeCloseTo(0.8, 6);
  expect(crime.lower95).toBeCloseTo(0.498379, 5);
  expect(crime.upper95).toBeCloseTo(1.101621, 5);
  expect(crime.statement).toBe(
    'Recorded crime rose by 0.8 offences per family more among moved families than in the comparison group (95 % CI 0.5 to 1.1): a harmful effect.',
  );
  const stillHome = (await cohort()).find((o) => o.measure === 'STILL_IN_NEW_HOME')!;
  expect(stillHome.kind).toBe('MOVED_ONLY');
  // 9 of 10 still live in the new home: the one who left is a small cell, so the share is not shown.
  expect(stillHome.statement).toBe(
    'Still in the new home: not shown, a count of moved families behind it is fewer than 5.',
  );
});

test('too few families: no number, and a group under 5 is suppressed', async () => {
  // Municipality 147 nominated 4 families (all in the comparison group) and moved none.
  const employment = (await cohort(['147'])).find((o) => o.measure === 'EMPLOYMENT')!;
  expect(employment).toEqual(expect.objectContaining({ kind: 'TOO_FEW', estimate: null, lower95: null, effect: null }));
  expect(employment.comparison?.families).toEqual({ count: null, suppressed: true });
  expect(employment.comparison?.meanChange).toBeNull();
  expect(employment.statement).toMatch(/^Too few families to estimate/);
  expect(employment.statement).not.toMatch(/\b4\b/);
  // 751: 10 moved, 6 in the comparison group: shown, but still too few to estimate.
  const of751 = (await cohort(['751'])).find((o) => o.measure === 'EMPLOYMENT')!;
  expect(of751.kind).toBe('TOO_FEW');
  expect(of751.comparison?.families).toEqual({ count: 6, suppressed: false });
});

test('outcomes are checked row by row; a bad batch records nothing', async () => {
  const result = await as(platform, people.evaluator).call(RECORD, {
    input: [
      outcome(moved[0]!, 'MONTH_24', 1, 0),
      outcome(moved[1]!, 'MONTH_24', 3, 0),
      outcome('unknown', 'MONTH_24', 0, 0),
    ],
  });
  expect(errorCode(result.body)).toBe('BAD_USER_INPUT');
  expect(JSON.stringify(result.body.errors?.[0]?.extensions)).toMatch(/input\.1.*more than the adults/);
  expect(JSON.stringify(result.body.errors?.[0]?.extensions)).toMatch(/input\.2.*no family is followed/);
  const stored = await platform
    .subgraph('evaluation')
    .dataSource.query(`SELECT count(*)::int AS n FROM outcome WHERE point = 'MONTH_24'`);
  expect(stored).toEqual([{ n: 0 }]);
  for (const who of [people.caseworker, people.finance, people.letting]) {
    expect(
      errorCode((await as(platform, who).call(RECORD, { input: [outcome(moved[0]!, 'MONTH_24', 1, 0)] })).body),
    ).toBe('FORBIDDEN');
  }
});

test('a family whose consent was withdrawn is no longer followed', async () => {
  const pseudonym = 'hp-withdrawn';
  const caseId = await journey(platform, { start: '2025-02-03', last: 'MOVED', areaId: randomUUID(), pseudonym });
  expect(
    (await deliver(platform, caseEvent({ caseId, toState: 'WITHDRAWN', on: '2025-06-01', pseudonym }))).status,
  ).toBe(202);
  const result = await as(platform, people.evaluator).call(RECORD, { input: [outcome(pseudonym, 'BASELINE', 0, 0)] });
  expect(JSON.stringify(result.body.errors?.[0]?.extensions)).toMatch(/consent was withdrawn/);
  const { followedFamilies } = await as(platform, people.evaluator).ok<{
    followedFamilies: { nodes: { pseudonym: string }[] };
  }>(`{ followedFamilies(first: 100) { nodes { pseudonym } } }`);
  expect(followedFamilies.nodes.map((f) => f.pseudonym)).not.toContain(pseudonym);
  expect(followedFamilies.nodes).toHaveLength(20);
});

test('caseworkers, letting officers and finance officers see none of the follow-up', async () => {
  for (const who of [people.caseworker, people.letting, people.finance]) {
    for (const query of [
      `{ followedFamilies { nodes { pseudonym } } }`,
      `{ cohortComparison(point: MONTH_12) { point } }`,
      `{ takeUpFunnel(filter: {}) { period } }`,
      `{ inMovementBalance(filter: { fromQuarter: "2025-Q1", toQuarter: "2025-Q4" }) { quarter } }`,
      `{ evaluationCsv(table: FOLLOWED_FAMILIES) { csv } }`,
    ]) {
      const result = await as(platform, who).call(query);
      expect(errorCode(result.body)).toBe('FORBIDDEN');
      expect(result.body.data ?? null).toBeNull();
    }
  }
});
