// The three queries of the case-dashboard benchmark (a caseworker's case dashboard, a letting officer's vacancy
// board, an evaluator's ten-year area trend) cost every subgraph the same SQL statements for a page of 100 as for
// a page of 10: every entity reference and every nested list is loaded in one batch, whatever the page holds.
// The data is made through the public API, as the benchmark makes it (packages/cli/src/dashboard-data.ts).
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type TestPlatform, as, expectNoErrors, startTestPlatform } from '@second-chance/testing';
import { type DashboardDataSet, buildDashboardDataSet } from '../../../packages/cli/src/dashboard-data';
import {
  DASHBOARD_QUERIES,
  type DashboardQueryName,
  dashboardVariables,
} from '../../../packages/cli/src/dashboard-queries';

let platform: TestPlatform;
let data: DashboardDataSet;

beforeAll(async () => {
  // The gateway with its default limits: a page of 100 of each query is within them.
  platform = await startTestPlatform([
    housingSubgraph,
    createEvaluationSubgraph({ eventSecrets: ['households-to-evaluation-secret-of-32-chars'] }),
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] }),
    createFinanceSubgraph({ eventSecrets: ['households-to-finance-secret-of-32-characters'] }),
  ]);
  // 100 areas (50 in each municipality), 150 vacancies of one organisation, 100 cases each with an offer.
  data = await buildDashboardDataSet((who, query, variables) => as(platform, who).ok(query, variables), {
    cases: 100,
    areas: 100,
    vacancies: 150,
    seed: 7,
  });
}, 600_000);
afterAll(() => platform.close());

/** Who asks each query. */
const askedBy = (name: DashboardQueryName) =>
  name === 'caseDashboard' ? data.caseworker : name === 'vacancyBoard' ? data.lettingOfficer.identity : data.evaluator;

interface Page {
  totalCount: number;
  nodes: unknown[];
}

async function statementsFor(name: DashboardQueryName, first: number) {
  const { query } = DASHBOARD_QUERIES[name];
  const variables = dashboardVariables(name, {
    first,
    organisationId: data.lettingOfficer.organisationId,
    year: data.indicatorYears.to,
    fromYear: data.indicatorYears.from,
  });
  const token = await platform.token(askedBy(name));
  const { result, statements } = await platform.countSql(() =>
    platform.query<Record<string, Page>>(token, query, variables),
  );
  const [page] = Object.values(expectNoErrors(result));
  expect(page?.nodes).toHaveLength(first);
  return { statements, nodes: (page?.nodes ?? []) as Record<string, unknown>[] };
}

test('the case dashboard: 100 cases cost the same SQL statements per subgraph as 10', async () => {
  const ten = await statementsFor('caseDashboard', 10);
  const hundred = await statementsFor('caseDashboard', 100);
  // Every case carries what the dashboard shows: home, area figures, offer with its unit, grant.
  for (const node of hundred.nodes as {
    household: { home: { department: { area: { indicators: unknown[]; officialStatus: unknown } } } };
    offers: { vacancy: { unit: { id: string } } }[];
    grant: { id: string } | null;
  }[]) {
    expect(node.household.home.department.area.indicators).toHaveLength(1);
    expect(node.household.home.department.area.officialStatus).not.toBeNull();
    expect(node.offers).toHaveLength(1);
    expect(node.offers[0]?.vacancy.unit.id).toBeTruthy();
    expect(node.grant?.id).toBeTruthy();
  }
  expect(hundred.statements).toEqual(ten.statements);
  // A handful per subgraph, and every subgraph of the plan is asked.
  for (const name of ['evaluation', 'finance', 'households', 'housing']) {
    expect(hundred.statements[name]).toBeGreaterThan(0);
    expect(hundred.statements[name]).toBeLessThanOrEqual(12);
  }
});

test('the vacancy board: 100 vacancies cost the same SQL statements per subgraph as 10', async () => {
  const ten = await statementsFor('vacancyBoard', 10);
  const hundred = await statementsFor('vacancyBoard', 100);
  const offered = (hundred.nodes as { offers: { household: { size: number } }[] | null }[]).filter(
    (node) => (node.offers ?? []).length > 0,
  );
  // The board is soonest available first; the offered vacancies are among them, with the household's size.
  expect(offered.length).toBeGreaterThan(0);
  for (const node of offered) expect(node.offers?.[0]?.household.size).toBeGreaterThan(0);
  expect(hundred.statements).toEqual(ten.statements);
  for (const name of ['evaluation', 'households', 'housing']) {
    expect(hundred.statements[name]).toBeGreaterThan(0);
    expect(hundred.statements[name]).toBeLessThanOrEqual(12);
  }
});

test('the area trend: 100 areas over ten years cost the same SQL statements per subgraph as 10', async () => {
  const ten = await statementsFor('areaTrend', 10);
  const hundred = await statementsFor('areaTrend', 100);
  for (const node of hundred.nodes as { indicators: unknown[]; officialStatuses: unknown[] }[]) {
    expect(node.indicators).toHaveLength(10);
    expect(node.officialStatuses).toHaveLength(2);
  }
  expect(hundred.statements).toEqual(ten.statements);
  for (const name of ['evaluation', 'housing']) {
    expect(hundred.statements[name]).toBeGreaterThan(0);
    expect(hundred.statements[name]).toBeLessThanOrEqual(12);
  }
});
