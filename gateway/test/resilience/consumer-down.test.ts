// The event consumers of finance and evaluation are down while cases move on through the API: the events wait in
// the households service's outbox (its domain_event rows and delivery jobs, retried with growing pauses); when
// the consumers are back, every event is applied exactly once, and delivering them all again changes nothing.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type TestPlatform, as, identity, startTestPlatform } from '@second-chance/testing';
import { homesIn, moveInto, searchingCase } from '../e2e/platform';
import { AGREEMENT, CREATE_AGREEMENT, admin, eventually } from './helpers';

jest.setTimeout(90_000);

const SECRETS = {
  finance: 'households-to-finance-secret-of-32-characters',
  evaluation: 'households-to-evaluation-secret-of-32-chars',
};
const subscribers: { name: string; url: string; secret: string }[] = [];
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform([
    housingSubgraph,
    createEvaluationSubgraph({ eventSecrets: [SECRETS.evaluation] }),
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers }),
    createFinanceSubgraph({ eventSecrets: [SECRETS.finance] }),
  ]);
  for (const name of ['finance', 'evaluation'] as const) {
    subscribers.push({
      name,
      url: platform.subgraph(name).url.replace(/\/graphql$/, '/events'),
      secret: SECRETS[name],
    });
  }
  await as(platform, admin).ok(CREATE_AGREEMENT, { input: AGREEMENT });
}, 60_000);
afterAll(() => platform.close());

const households = () => platform.subgraph('households');

interface Delivery {
  subscriber: string;
  eventId: string;
  attempts: number;
  lastError: string | null;
  due: boolean;
}

/**
 * The delivery jobs waiting in the households service's queue (graphile-worker), with the event and subscriber
 * each is for (its public `jobs` view leaves out the payload).
 */
async function waitingDeliveries(): Promise<Delivery[]> {
  return households().owner.query<Delivery[]>(
    `SELECT j.payload->>'subscriber' AS subscriber, j.payload->>'eventId' AS "eventId", j.attempts,
            j.last_error AS "lastError", j.run_at <= now() AS due
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'deliver_event'
      ORDER BY j.id`,
  );
}

/**
 * Makes the waiting retries due now, as an operator may once a consumer is back (docs/operations.md) instead of
 * waiting for the pause graphile-worker grows with each attempt (e^attempts seconds): the test cannot wait.
 */
async function makeRetriesDue(): Promise<void> {
  await households().owner.query(
    `SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
       FROM graphile_worker.jobs WHERE task_identifier = 'deliver_event' AND locked_at IS NULL`,
  );
}

async function eventsOf(caseIds: readonly string[]): Promise<{ id: string; type: string }[]> {
  return households().owner.query(
    `SELECT id, type FROM domain_event WHERE aggregate_id = ANY($1::uuid[]) ORDER BY sequence`,
    [caseIds],
  );
}

async function received(service: 'finance' | 'evaluation', eventIds: readonly string[]): Promise<string[]> {
  const rows = await platform
    .subgraph(service)
    .dataSource.query<{ id: string }[]>(
      `SELECT event_id AS id FROM received_event WHERE event_id = ANY($1::uuid[]) ORDER BY event_id`,
      [eventIds],
    );
  return rows.map((row) => row.id);
}

/** What the events created: finance's compensation entitlements and evaluation's recorded moves. */
async function effects(caseIds: readonly string[]): Promise<{ entitlements: number; moves: number }> {
  const [entitlements] = await platform
    .subgraph('finance')
    .dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM compensation_entitlement WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
  // Evaluation keeps a case only under the SHA-256 of its id.
  const [moves] = await platform
    .subgraph('evaluation')
    .dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM in_move WHERE case_ref = ANY(SELECT encode(sha256(id::text::bytea), 'hex') FROM unnest($1::uuid[]) AS id)`,
      [caseIds],
    );
  return { entitlements: entitlements?.count ?? -1, moves: moves?.count ?? -1 };
}

test('events wait while finance and evaluation are down, then each is applied exactly once', async () => {
  const home = await homesIn(platform, '461', 3);
  // Before the outage: a case is searching, and its events have arrived.
  const first = await searchingCase(platform);
  await households().runJobs();
  expect(await waitingDeliveries()).toEqual([]);
  const before = await eventsOf([first.caseId]);
  expect(before.map((e) => e.type)).toEqual([
    'relocation-case.nominated',
    'relocation-case.consented',
    'relocation-case.searching',
  ]);

  // Both consumers stop for real: their HTTP servers close and their pools with them.
  const secrets = { finance: platform.subgraph('finance').secret, evaluation: platform.subgraph('evaluation').secret };
  await platform.subgraph('finance').server.stop();
  await platform.subgraph('evaluation').server.stop();

  // Meanwhile the first case moves, and two more are opened and move: the API does not need the consumers.
  await moveInto(platform, first.caseId, home.vacancies[0]!.id, home.owner.id);
  const others = [await searchingCase(platform), await searchingCase(platform)];
  for (const [i, other] of others.entries()) {
    await moveInto(platform, other.caseId, home.vacancies[i + 1]!.id, home.owner.id);
  }
  const caseIds = [first.caseId, ...others.map((o) => o.caseId)];
  const events = await eventsOf(caseIds);
  // 3 + 3 for the first case, 6 for each of the others: the outbox has every one.
  expect(events).toHaveLength(18);
  const waitingEvents = events.slice(3);

  // The queue tries to deliver them and fails; it tries again later, with a longer pause each time.
  await households().runJobs();
  await makeRetriesDue();
  await households().runJobs();
  const waiting = await waitingDeliveries();
  expect(waiting).toHaveLength(2 * waitingEvents.length);
  expect(new Set(waiting.map((d) => `${d.subscriber} ${d.eventId}`))).toEqual(
    new Set(waitingEvents.flatMap((e) => [`finance ${e.id}`, `evaluation ${e.id}`])),
  );
  for (const delivery of waiting) {
    expect(delivery).toEqual(expect.objectContaining({ attempts: 2, due: false }));
    expect(delivery.lastError).toMatch(/fetch failed/);
  }
  // What the operator's query in docs/operations.md shows.
  const [backlog] = await households().owner.query<Record<string, unknown>[]>(
    `SELECT count(*)::int AS waiting, max(attempts)::int AS attempts, min(run_at) > now() AS "allLater",
            count(*) FILTER (WHERE attempts >= max_attempts)::int AS "gaveUp"
       FROM graphile_worker.jobs WHERE task_identifier = 'deliver_event'`,
  );
  expect(backlog).toEqual({ waiting: 2 * waitingEvents.length, attempts: 2, allLater: true, gaveUp: 0 });

  // The consumers come back on the same URLs, with what they had before the outage and nothing since.
  await platform.restartSubgraph('finance', { gatewaySecrets: [secrets.finance] });
  await platform.restartSubgraph('evaluation', { gatewaySecrets: [secrets.evaluation] });
  const allIds = events.map((e) => e.id);
  const beforeIds = before.map((e) => e.id).sort();
  expect(await received('finance', allIds)).toEqual(beforeIds);
  expect(await received('evaluation', allIds)).toEqual(beforeIds);
  expect(await effects(caseIds)).toEqual({ entitlements: 0, moves: 0 });

  // The retries' time comes: everything waiting is delivered, and applied once.
  await makeRetriesDue();
  await households().runJobs();
  expect(await waitingDeliveries()).toEqual([]);
  const sortedIds = [...allIds].sort();
  expect(await received('finance', allIds)).toEqual(sortedIds);
  expect(await received('evaluation', allIds)).toEqual(sortedIds);
  // Three moves: three compensation entitlements, three moves counted.
  expect(await effects(caseIds)).toEqual({ entitlements: 3, moves: 3 });
  const finance461 = identity('finance-officer', 'MUNICIPALITY:461', 'finance-461');
  const { compensationEntitlements } = await as(platform, finance461).ok<{
    compensationEntitlements: { nodes: { case: { id: string } }[] };
  }>(`{ compensationEntitlements { nodes { case { id } } } }`);
  expect(compensationEntitlements.nodes.map((e) => e.case.id).sort()).toEqual([...caseIds].sort());

  // Every event is delivered to both consumers twice more (at least once means it may be), by the queue's
  // running worker, four jobs at a time, so that deliveries of the same event race each other: nothing changes.
  await households().owner.query(
    `SELECT graphile_worker.add_job('deliver_event', json_build_object('eventId', e.id, 'subscriber', s.name))
       FROM domain_event e CROSS JOIN (VALUES ('finance'), ('evaluation'), ('finance'), ('evaluation')) AS s(name)
      WHERE e.aggregate_id = ANY($1::uuid[])`,
    [caseIds],
  );
  expect(await waitingDeliveries()).toHaveLength(4 * events.length);
  const worker = await households().module.background?.start(households().runtime);
  try {
    await eventually('the redeliveries done', async () => (await waitingDeliveries()).length === 0);
  } finally {
    await worker?.stop();
  }
  // Each redelivery was answered 2xx (a failed one would still be waiting) and applied nothing.
  expect(await waitingDeliveries()).toEqual([]);
  expect(await received('finance', allIds)).toEqual(sortedIds);
  expect(await received('evaluation', allIds)).toEqual(sortedIds);
  expect(await effects(caseIds)).toEqual({ entitlements: 3, moves: 3 });
});
