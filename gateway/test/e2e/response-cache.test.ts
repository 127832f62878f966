// The gateway's cache of whole answers of reference data (`RESPONSE_CACHE`, on in production): an evaluator's
// area trend, asked again, is answered without a subgraph statement; never for a caller of another
// organisation or with other roles; never an answer that touches personal data or money, or one with errors;
// a change made through the gateway is seen at once; and no client is told it may keep an answer.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type TestPlatform, as, expectNoErrors, identity, startTestPlatform } from '@second-chance/testing';
import { type DashboardDataSet, buildDashboardDataSet } from '../../../packages/cli/src/dashboard-data';
import {
  DASHBOARD_QUERIES,
  type DashboardQueryName,
  dashboardVariables,
} from '../../../packages/cli/src/dashboard-queries';
import request from 'supertest';

let platform: TestPlatform;
let data: DashboardDataSet;

beforeAll(async () => {
  platform = await startTestPlatform(
    [
      housingSubgraph,
      createEvaluationSubgraph({ eventSecrets: ['households-to-evaluation-secret-of-32-chars'] }),
      createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] }),
      createFinanceSubgraph({ eventSecrets: ['households-to-finance-secret-of-32-characters'] }),
    ],
    { responseCache: true },
  );
  data = await buildDashboardDataSet((who, query, variables) => as(platform, who).ok(query, variables), {
    cases: 4,
    areas: 6,
    vacancies: 6,
    seed: 11,
  });
}, 300_000);
afterAll(() => platform.close());

const variablesOf = (name: DashboardQueryName) =>
  dashboardVariables(name, {
    first: 20,
    organisationId: data.lettingOfficer.organisationId,
    year: data.indicatorYears.to,
    fromYear: data.indicatorYears.from,
  });

/** Asks a dashboard query through the gateway; the answer, its headers and the statements each subgraph ran. */
async function ask(name: DashboardQueryName, who = data.evaluator, variables = variablesOf(name)) {
  const token = await platform.token(who);
  const { result, statements, total } = await platform.countSql(() =>
    request(platform.gateway.app)
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({ query: DASHBOARD_QUERIES[name].query, variables }),
  );
  return { status: result.status, headers: result.headers, body: result.body as { data?: unknown }, statements, total };
}

test('an area trend asked again is answered from the cache, identically, without a statement', async () => {
  const first = await ask('areaTrend');
  expect(first.status).toBe(200);
  expect(first.total).toBeGreaterThan(0);
  const again = await ask('areaTrend');
  expect(again.body).toEqual(first.body);
  expect(again.total).toBe(0);
  // No client, proxy or browser is told it may keep the answer.
  expect(first.headers['cache-control']).toBeUndefined();
  expect(again.headers['cache-control']).toBeUndefined();
});

test('other variables, another organisation and other roles are not answered from it', async () => {
  await ask('areaTrend');
  const otherPage = await ask('areaTrend', data.evaluator, { ...variablesOf('areaTrend'), first: 3 });
  expect(otherPage.total).toBeGreaterThan(0);
  const otherEvaluator = identity('evaluator', 'EVALUATOR:another-institute', 'someone-else');
  expect((await ask('areaTrend', otherEvaluator)).total).toBeGreaterThan(0);
  // The same organisation with other roles: a platform administrator of the platform is another key too.
  const admin = identity('platform-admin', 'PLATFORM:sc', 'admin');
  expect((await ask('areaTrend', admin)).total).toBeGreaterThan(0);
  // The same organisation and roles, another person: the same public answer.
  const colleague = { ...data.evaluator, subject: `${data.evaluator.subject}-colleague` };
  expect((await ask('areaTrend', colleague)).total).toBe(0);
});

test('answers that touch households or finance are never kept', async () => {
  const once = await ask('caseDashboard', data.caseworker);
  const twice = await ask('caseDashboard', data.caseworker);
  expect(twice.body).toEqual(once.body);
  expect(twice.statements.households).toBeGreaterThan(0);
  expect(twice.statements.finance).toBeGreaterThan(0);
  // The vacancy board's vacancies carry no lifetime: asked again, housing reads them again.
  await ask('vacancyBoard', data.lettingOfficer.identity);
  expect((await ask('vacancyBoard', data.lettingOfficer.identity)).statements.housing).toBeGreaterThan(0);
});

test('a change made through the gateway is seen at once', async () => {
  const before = await ask('areaTrend');
  const count = (body: { data?: unknown }) =>
    (body.data as { housingAreas: { totalCount: number } }).housingAreas.totalCount;
  await as(platform, data.lettingOfficer.identity).ok(
    `mutation ($input: RegisterHousingAreaInput!) { registerHousingArea(input: $input) { id } }`,
    { input: { name: 'Nyt område i cachen', municipalityCode: '461', residentCount: 1200 } },
  );
  const after = await ask('areaTrend');
  expect(after.total).toBeGreaterThan(0);
  expect(count(after.body)).toBe(count(before.body) + 1);
});

test('an answer with errors is not kept, and a caller without a token is refused before the cache', async () => {
  // A finance officer may list areas but not read their figures: housing answers, evaluation refuses.
  const financeOfficer = identity('finance-officer', 'MUNICIPALITY:101', 'finance-101');
  const first = await ask('areaTrend', financeOfficer);
  expect(JSON.stringify(first.body)).toMatch(/FORBIDDEN/);
  expect(first.statements.housing).toBeGreaterThan(0);
  const again = await ask('areaTrend', financeOfficer);
  expect(again.body).toEqual(first.body);
  expect(again.statements.housing).toBeGreaterThan(0);

  await ask('areaTrend');
  const anonymous = await request(platform.gateway.app)
    .post('/graphql')
    .send({ query: DASHBOARD_QUERIES.areaTrend.query, variables: variablesOf('areaTrend') });
  expect(anonymous.status).toBe(401);
  expect((anonymous.body as { data?: unknown }).data ?? null).toBeNull();
  expectNoErrors(await as(platform, data.evaluator).call('{ municipalities { code } }'));
});
