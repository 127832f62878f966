// Area figures through the evaluation subgraph's API: imported whole or not at all, replaced by a later import,
// classified a page at a time, readable by those who let and find homes, and as cheap in SQL for 50 areas as
// for 10.
import { randomUUID } from 'node:crypto';
import { type TestPlatform, errorCode } from '@second-chance/testing';
import { HEADER, IMPORT, as, people, startEvaluation } from './helpers';

let platform: TestPlatform;
const areas = Array.from({ length: 50 }, () => randomUUID()).sort();

/** Area i: udsat when i is even (outside work 45 %, basic schooling 65 %), otherwise on no list. */
function row(area: string, i: number, year: number): string {
  const outside = i % 2 === 0 ? '45' : '20';
  const basic = i % 2 === 0 ? '65' : '30';
  return `${area};${year};${1000 + i};${outside};1;0,7;${basic};70;20;10`;
}

beforeAll(async () => {
  platform = await startEvaluation();
  const csv = [HEADER, ...areas.flatMap((a, i) => [row(a, i, 2024), row(a, i, 2025)])].join('\r\n');
  await as(platform, people.evaluator).ok(IMPORT, { input: { csv, source: 'areas.csv' } });
});
afterAll(() => platform.close());

test('a later import of the same area and year replaces the figures and says so', async () => {
  const csv = [HEADER, `${areas[1]};2025;1001;41;1;0,7;61;70;20;10`, `${areas[1]};2023;1001;41;1;0,7;61;70;20;`].join(
    '\n',
  );
  const { importAreaIndicators } = await as(platform, people.admin).ok<{
    importAreaIndicators: { rows: number; replaced: number };
  }>(IMPORT, { input: { csv } });
  expect(importAreaIndicators).toEqual(expect.objectContaining({ rows: 2, replaced: 1 }));
  const { areaIndicators } = await as(platform, people.letting).ok<{
    areaIndicators: {
      nodes: { year: number; outsideWorkOrEducationPct: number; openMunicipalCasePct: number | null }[];
    };
  }>(
    `query ($ids: [ID!]) { areaIndicators(filter: { areaIds: $ids }) { nodes { year outsideWorkOrEducationPct openMunicipalCasePct } } }`,
    {
      ids: [areas[1]],
    },
  );
  expect(areaIndicators.nodes).toEqual([
    { year: 2025, outsideWorkOrEducationPct: 41, openMunicipalCasePct: 10 },
    { year: 2024, outsideWorkOrEducationPct: 20, openMunicipalCasePct: 10 },
    { year: 2023, outsideWorkOrEducationPct: 41, openMunicipalCasePct: null },
  ]);
  // Area 1 in 2025: outside (20 + 41) / 2 = 30.5 %, not over 40 %; basic schooling 61 % > 60 %: one criterion.
});

test('classifications a page at a time, filtered by status; without housing the official status is unknown', async () => {
  const query = `query ($after: String) { areaClassifications(year: 2025, filter: { statuses: [VULNERABLE_AREA] }, first: 10, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { area { id } status officialStatus differsFromOfficial } } }`;
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      areaClassifications: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: {
          area: { id: string };
          status: string;
          officialStatus: string | null;
          differsFromOfficial: boolean | null;
        }[];
      };
    } = await as(platform, people.caseworker).ok(query, { after });
    expect(data.areaClassifications.totalCount).toBe(25);
    for (const node of data.areaClassifications.nodes) {
      expect(node).toEqual(
        expect.objectContaining({ status: 'VULNERABLE_AREA', officialStatus: null, differsFromOfficial: null }),
      );
      seen.push(node.area.id);
    }
    if (!data.areaClassifications.pageInfo.hasNextPage) break;
    after = data.areaClassifications.pageInfo.endCursor;
  }
  expect(seen).toEqual(areas.filter((_, i) => i % 2 === 0));
});

test('bad arguments are refused clearly', async () => {
  const evaluator = as(platform, people.evaluator);
  const cases: [string, Record<string, unknown>][] = [
    [`{ areaClassifications(year: 1900) { totalCount } }`, {}],
    [`{ areaIndicators(filter: { areaIds: ["x"] }) { totalCount } }`, {}],
    [`{ areaIndicators(first: 500) { totalCount } }`, {}],
    [`{ inMovementBalance(filter: { fromQuarter: "2025-5", toQuarter: "2025-Q4" }) { quarter } }`, {}],
    [`{ inMovementBalance(filter: { fromQuarter: "2025-Q4", toQuarter: "2025-Q1" }) { quarter } }`, {}],
    [`query ($from: Date) { takeUpFunnel(filter: { from: $from }) { period } }`, { from: 'yesterday' }],
    [`{ cohortComparison(point: BASELINE) { point } }`, {}],
    [`{ evaluationCsv(table: CLASSIFICATIONS) { csv } }`, {}],
  ];
  for (const [query, variables] of cases) {
    expect([query, errorCode((await evaluator.call(query, variables)).body)]).toEqual([query, 'BAD_USER_INPUT']);
  }
  expect(errorCode((await as(platform, people.finance).call(`{ areaIndicators { totalCount } }`)).body)).toBe(
    'FORBIDDEN',
  );
  expect(errorCode((await as(platform, people.caseworker).call(IMPORT, { input: { csv: HEADER } })).body)).toBe(
    'FORBIDDEN',
  );
});

test('the area fields of 50 areas cost the SQL of 10', async () => {
  const entities = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on HousingArea { id indicators { year } classification { status criteria { met } } projectedClassification { status }
        inMovementBalance(fromQuarter: "2025-Q1", toQuarter: "2025-Q4") { quarter } } } }`;
  const evaluation = platform.subgraph('evaluation');
  const cost = async (n: number) =>
    (
      await platform.countSql(() =>
        evaluation.query(people.evaluator, entities, {
          representations: areas.slice(0, n).map((id) => ({ __typename: 'HousingArea', id })),
        }),
      )
    ).statements['evaluation'];
  const [ten, fifty] = [await cost(10), await cost(50)];
  expect(fifty).toBe(ten);
  expect(ten).toBeLessThanOrEqual(2);

  const list = (n: number) =>
    platform.countSql(() =>
      as(platform, people.evaluator).ok(
        `query ($n: Int!) { areaClassifications(year: 2025, first: $n) { nodes { status criteria { reason } } }
        areaIndicators(first: $n) { nodes { year residents } } }`,
        { n },
      ),
    );
  expect((await list(10)).statements['evaluation']).toBe((await list(50)).statements['evaluation']);
});
