// A subgraph stops under load: the queries that do not need it go on answering in full; those that do get the
// other subgraphs' data with an error naming the missing service (at once, not after a timeout); when it comes
// back on the same URL the gateway, never restarted, uses it again.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type TestPlatform, as, startTestPlatform } from '@second-chance/testing';
import { people, searchingCase } from '../e2e/platform';
import {
  AGREEMENT,
  CREATE_AGREEMENT,
  type LoadRequest,
  type Sample,
  admin,
  gatewayUrl,
  post,
  sleep,
  startLoad,
  stopLoads,
} from './helpers';

jest.setTimeout(90_000);

/** The gateway gives a subgraph this long to answer; a stopped one must be reported well before it. */
const SUBGRAPH_TIMEOUT_MS = 3_000;

let platform: TestPlatform;
let caseId: string;

beforeAll(async () => {
  platform = await startTestPlatform(
    [
      housingSubgraph,
      createEvaluationSubgraph({ eventSecrets: ['households-to-evaluation-secret-of-32-chars'] }),
      createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] }),
      createFinanceSubgraph({ eventSecrets: ['households-to-finance-secret-of-32-characters'] }),
    ],
    { subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS },
  );
  // A searching case of municipality 101 with a moving grant applied for: the case lives in households, its
  // household's size too, the grant in finance.
  ({ caseId } = await searchingCase(platform));
  const { createAgreement } = await as(platform, admin).ok<{ createAgreement: { id: string } }>(CREATE_AGREEMENT, {
    input: AGREEMENT,
  });
  await as(platform, people.caseworker101).ok(
    `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { id } }`,
    {
      input: {
        caseId,
        agreementId: createAgreement.id,
        receivingMunicipalityCode: '461',
        requestedOre: 2_500_000,
        purpose: 'Depositum',
      },
    },
  );
}, 60_000);
afterEach(stopLoads);
afterAll(() => platform.close());

/** Households and housing only. */
const WITHOUT_FINANCE = `query ($id: ID!) {
  relocationCase(id: $id) { id state household { size } }
  municipality(code: "461") { code name }
}`;
/** Households, and the grant from finance. */
const WITH_FINANCE = `query ($id: ID!) { relocationCase(id: $id) { id state grant { status requestedOre } } }`;

type Phase = 'before' | 'stopping' | 'down' | 'restarting' | 'after';

/** Which phase a request fell in entirely, or the transition it overlapped. */
function phaseOf(sample: Sample, marks: Record<'stopBegan' | 'stopped' | 'restartBegan' | 'restarted', number>): Phase {
  if (sample.endedAt < marks.stopBegan) return 'before';
  if (sample.startedAt > marks.stopped && sample.endedAt < marks.restartBegan) return 'down';
  if (sample.startedAt > marks.restarted) return 'after';
  return sample.startedAt <= marks.stopped ? 'stopping' : 'restarting';
}

test('finance stops under load: the rest answers, the grant is reported missing, and it comes back', async () => {
  const token = await platform.token(people.caseworker101);
  const requests: LoadRequest[] = [
    { label: 'without-finance', token, query: WITHOUT_FINANCE, variables: { id: caseId } },
    { label: 'with-finance', token, query: WITH_FINANCE, variables: { id: caseId } },
  ];
  const complete = {
    'without-finance': {
      relocationCase: { id: caseId, state: 'SEARCHING', household: { size: 2 } },
      municipality: { code: '461', name: 'Odense' },
    },
    'with-finance': {
      relocationCase: { id: caseId, state: 'SEARCHING', grant: { status: 'APPLIED', requestedOre: 2_500_000 } },
    },
  };
  const partial = { relocationCase: { id: caseId, state: 'SEARCHING', grant: null } };

  const finance = platform.subgraph('finance');
  const gatewayBefore = platform.gateway;
  const load = startLoad(gatewayUrl(platform), requests, { concurrency: 6, maxRequests: 20_000, maxMs: 60_000 });

  await sleep(2_000);
  const marks = { stopBegan: Date.now(), stopped: 0, restartBegan: 0, restarted: 0 };
  // The finance service stops for real: it stops listening, lets its requests finish and closes its pool.
  await finance.server.stop();
  marks.stopped = Date.now();
  await sleep(3_000);
  marks.restartBegan = Date.now();
  // The same service starts again on the same URL (a new process, as far as the gateway can tell).
  await platform.restartSubgraph('finance', { gatewaySecrets: [finance.secret] });
  marks.restarted = Date.now();
  await sleep(1_500);
  const samples = await load.stop();

  expect(platform.gateway).toBe(gatewayBefore);
  const byPhase = (label: string, phase: Phase) =>
    samples.filter((s) => s.label === label && phaseOf(s, marks) === phase);

  // The queries that never touch finance: every one answered in full, before, during and after.
  const independent = samples.filter((s) => s.label === 'without-finance');
  const unexpected = independent.filter(
    (s) =>
      s.status !== 200 ||
      s.body.errors !== undefined ||
      JSON.stringify(s.body.data) !== JSON.stringify(complete['without-finance']),
  );
  expect(unexpected.slice(0, 3)).toEqual([]);
  for (const phase of ['before', 'down', 'after'] as const) {
    expect(byPhase('without-finance', phase).length).toBeGreaterThan(10);
  }

  // Those that need finance: complete while it runs, the rest of the answer and a clear error while it is down.
  const isComplete = (s: Sample) =>
    s.status === 200 && !s.body.errors && JSON.stringify(s.body.data) === JSON.stringify(complete['with-finance']);
  const isPartial = (s: Sample) =>
    s.status === 200 &&
    JSON.stringify(s.body.data) === JSON.stringify(partial) &&
    s.body.errors?.length === 1 &&
    s.body.errors[0]?.message === 'the finance service is unavailable' &&
    s.body.errors[0]?.extensions?.code === 'SERVICE_UNAVAILABLE' &&
    s.body.errors[0]?.extensions?.service === 'finance';
  const before = byPhase('with-finance', 'before');
  const down = byPhase('with-finance', 'down');
  const after = byPhase('with-finance', 'after');
  expect(before.length).toBeGreaterThan(10);
  expect(down.length).toBeGreaterThan(20);
  expect(after.length).toBeGreaterThan(10);
  expect(before.filter((s) => !isComplete(s)).slice(0, 3)).toEqual([]);
  expect(down.filter((s) => !isPartial(s)).slice(0, 3)).toEqual([]);
  expect(after.filter((s) => !isComplete(s)).slice(0, 3)).toEqual([]);
  // A request overlapping the stop or the start gets one or the other, never anything else.
  const overlapping = [...byPhase('with-finance', 'stopping'), ...byPhase('with-finance', 'restarting')];
  expect(overlapping.filter((s) => !isComplete(s) && !isPartial(s)).slice(0, 3)).toEqual([]);

  // A stopped service refuses connections: the gateway says so at once, not after its subgraph timeout.
  const slowest = Math.max(...down.map((s) => s.endedAt - s.startedAt));
  expect(slowest).toBeLessThan(SUBGRAPH_TIMEOUT_MS / 2);
  // The error names the service, never an address or a system error.
  expect(JSON.stringify(down[0]?.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed/);
});

test('finance hangs (its table locked): the gateway stops waiting at its timeout, the rest answers at once', async () => {
  const token = await platform.token(people.caseworker101);
  const finance = platform.subgraph('finance');
  // An operator's transaction holds the grants table: finance accepts the requests but cannot answer them.
  const blocker = finance.dataSource.createQueryRunner();
  await blocker.connect();
  try {
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE moving_grant IN ACCESS EXCLUSIVE MODE');
    // Separate loops, so that the requests that hang cannot hold back those that do not.
    const url = gatewayUrl(platform);
    const options = { concurrency: 3, maxRequests: 2_000, maxMs: 20_000 };
    const loads = [
      startLoad(url, [{ label: 'without-finance', token, query: WITHOUT_FINANCE, variables: { id: caseId } }], options),
      startLoad(url, [{ label: 'with-finance', token, query: WITH_FINANCE, variables: { id: caseId } }], options),
    ];
    await sleep(SUBGRAPH_TIMEOUT_MS + 2_000);
    const samples = (await Promise.all(loads.map((load) => load.stop()))).flat();

    const hung = samples.filter((s) => s.label === 'with-finance');
    expect(hung.length).toBeGreaterThanOrEqual(3);
    for (const sample of hung) {
      expect(sample.status).toBe(200);
      expect(sample.body.data).toEqual({ relocationCase: { id: caseId, state: 'SEARCHING', grant: null } });
      expect(sample.body.errors).toEqual([
        {
          message: `the finance service timed out: no answer within ${SUBGRAPH_TIMEOUT_MS} ms`,
          extensions: { code: 'SERVICE_UNAVAILABLE', service: 'finance' },
        },
      ]);
      const took = sample.endedAt - sample.startedAt;
      expect(took).toBeGreaterThanOrEqual(SUBGRAPH_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(SUBGRAPH_TIMEOUT_MS + 1_500);
    }
    const independent = samples.filter((s) => s.label === 'without-finance');
    expect(independent.length).toBeGreaterThan(20);
    expect(independent.filter((s) => s.status !== 200 || s.body.errors).slice(0, 3)).toEqual([]);
    expect(Math.max(...independent.map((s) => s.endedAt - s.startedAt))).toBeLessThan(SUBGRAPH_TIMEOUT_MS / 2);
  } finally {
    await blocker.rollbackTransaction().catch(() => undefined);
    await blocker.release();
  }

  // The lock is gone: finance answers in full again, through the same gateway.
  const answer = await post(gatewayUrl(platform), token, WITH_FINANCE, { id: caseId });
  expect(answer.body).toEqual({
    data: {
      relocationCase: { id: caseId, state: 'SEARCHING', grant: { status: 'APPLIED', requestedOre: 2_500_000 } },
    },
  });
});
