// PostgreSQL restarts under a stream of writes through the gateway, once with a fast stop and once with an
// immediate one (a crash, recovered on start): the services reconnect by themselves (the same processes, the
// same pools), every write that was acknowledged is there afterwards, the writes made while the server is away
// fail at once with a clear error, and the households service's job queue goes on delivering events.
// The server is this file's own (dedicated-postgres.ts): the one every other test file uses is never stopped.
import request from 'supertest';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type TestPlatform, startTestPlatform } from '@second-chance/testing';
import { nextCvr } from '../../../services/housing/test/fixtures';
import { REGISTER, people, searchingCase } from '../e2e/platform';
import { type DedicatedPostgres, startDedicatedPostgres } from './dedicated-postgres';
import {
  AGREEMENT,
  CREATE_AGREEMENT,
  type LoadRequest,
  type Sample,
  admin,
  eventually,
  gatewayUrl,
  sleep,
  startLoad,
  cleanUp,
  stopLoads,
} from './helpers';

jest.setTimeout(100_000);

const SECRET = 'households-to-finance-secret-of-32-characters';
const subscribers: { name: string; url: string; secret: string }[] = [];
let postgres: DedicatedPostgres;
let platform: TestPlatform;
let worker: { stop(): Promise<void> } | undefined;

beforeAll(async () => {
  postgres = await startDedicatedPostgres();
  platform = await startTestPlatform(
    [
      housingSubgraph,
      createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers }),
      createFinanceSubgraph({ eventSecrets: [SECRET] }),
    ],
    { databaseServerUrl: postgres.url('postgres') },
  );
  subscribers.push({
    name: 'finance',
    url: platform.subgraph('finance').url.replace(/\/graphql$/, '/events'),
    secret: SECRET,
  });
  // The households service's job queue runs as in production (polling, LISTEN/NOTIFY), not one pass at a time.
  const households = platform.subgraph('households');
  worker = await households.module.background?.start(households.runtime);
}, 60_000);
afterEach(stopLoads);
afterAll(() =>
  cleanUp(
    () => worker?.stop(),
    () => platform?.close(),
    () => postgres?.close(),
  ),
);

const SERVICES = ['housing', 'households', 'finance'] as const;
type Service = (typeof SERVICES)[number];
/** Where each service keeps what its write creates. */
const TABLE: Record<Service, string> = {
  housing: 'housing_organisation',
  households: 'household',
  finance: 'agreement',
};

let sequence = 0;
/** One write per service, each creating a row whose id the answer gives. */
function writes(tokens: Record<'caseworker' | 'admin', string>): LoadRequest[] {
  return [
    {
      label: 'households',
      token: tokens.caseworker,
      query: REGISTER,
      get variables() {
        return {
          input: {
            members: [{ name: `Skrivning ${(sequence += 1)}`, birthDate: '1980-05-05' }],
            needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
          },
        };
      },
    },
    {
      label: 'housing',
      token: tokens.admin,
      query: `mutation ($input: RegisterHousingOrganisationInput!) { registerHousingOrganisation(input: $input) { id } }`,
      get variables() {
        return { input: { name: `Boligselskab ${(sequence += 1)}`, cvrNumber: nextCvr(), municipalityCode: '101' } };
      },
    },
    {
      label: 'finance',
      token: tokens.admin,
      query: CREATE_AGREEMENT,
      get variables() {
        return { input: { ...AGREEMENT, name: `Aftale ${(sequence += 1)}` } };
      },
    },
  ];
}

/** The id a write's answer gives, when it was acknowledged: 200, no errors, the created row's id. */
function acknowledged(sample: Sample): string | undefined {
  if (sample.status !== 200 || sample.body.errors) return undefined;
  const created = Object.values(sample.body.data ?? {})[0] as { id?: unknown } | undefined;
  return typeof created?.id === 'string' ? created.id : undefined;
}

/** What an orchestrator's probes see of a service: liveness and readiness, as HTTP statuses. */
async function probes(service: Service): Promise<string> {
  const { app } = platform.subgraph(service).server;
  return `live ${(await request(app).get('/health/live')).status}, ready ${(await request(app).get('/health/ready')).status}`;
}

test('writes survive a fast and an immediate restart of PostgreSQL; the services reconnect by themselves', async () => {
  const tokens = {
    caseworker: await platform.token(people.caseworker101, '10m'),
    admin: await platform.token(admin, '10m'),
  };
  const servers = SERVICES.map((name) => platform.subgraph(name).server);
  const pools = SERVICES.map((name) => platform.subgraph(name).dataSource);
  const load = startLoad(gatewayUrl(platform), writes(tokens), { concurrency: 3, maxRequests: 5_000, maxMs: 60_000 });

  const outages: { stopBegan: number; stopped: number; started: number; probed: string[] }[] = [];
  const restartTwice = async () => {
    for (const mode of ['fast', 'immediate'] as const) {
      await sleep(1_500);
      const stopBegan = Date.now();
      await postgres.stop(mode);
      const stopped = Date.now();
      await sleep(750);
      // An orchestrator's readiness probe sees each service unable to do its work, and its liveness probe not.
      const probed = await Promise.all(SERVICES.map(probes));
      await sleep(750);
      await postgres.start();
      outages.push({ stopBegan, stopped, started: Date.now(), probed });
    }
    await sleep(2_500);
  };
  await restartTwice().finally(() => load.stop());
  const { samples } = load;

  // The same server objects and the same pools: nothing was restarted or reopened.
  expect(SERVICES.map((name) => platform.subgraph(name).server)).toEqual(servers);
  expect(SERVICES.map((name) => platform.subgraph(name).dataSource)).toEqual(pools);
  for (const outage of outages) expect(outage.probed).toEqual(SERVICES.map(() => 'live 200, ready 503'));
  expect(await Promise.all(SERVICES.map(probes))).toEqual(SERVICES.map(() => 'live 200, ready 200'));

  // While the server is away (and only then) writes fail, each at once and saying why; the services keep running.
  const inOutage = (s: Sample) => outages.some((o) => s.endedAt >= o.stopBegan && s.startedAt <= o.started);
  const failed = samples.filter((s) => !acknowledged(s));
  expect(failed.filter((s) => !inOutage(s)).slice(0, 3)).toEqual([]);
  for (const outage of outages) {
    expect(failed.filter((s) => s.startedAt > outage.stopped && s.startedAt < outage.started).length).toBeGreaterThan(
      5,
    );
  }
  const unclear = failed.filter(
    (s) =>
      s.status !== 200 ||
      s.body.data !== null ||
      JSON.stringify(s.body.errors?.map((e) => [e.message, e.extensions?.code, e.extensions?.serviceName])) !==
        JSON.stringify([['the database is unavailable; try again shortly', 'SERVICE_UNAVAILABLE', s.label]]),
  );
  expect(unclear.slice(0, 3)).toEqual([]);
  expect(Math.max(...samples.map((s) => s.endedAt - s.startedAt))).toBeLessThan(5_000);
  // After the last start, every service writes again.
  const last = outages.at(-1)?.started ?? 0;
  for (const service of SERVICES) {
    expect(samples.filter((s) => s.label === service && s.startedAt > last && acknowledged(s)).length).toBeGreaterThan(
      5,
    );
  }

  // Every acknowledged write is in its service's database.
  for (const service of SERVICES) {
    const ids = samples.filter((s) => s.label === service).flatMap((s) => acknowledged(s) ?? []);
    expect(ids.length).toBeGreaterThan(10);
    const [found] = await platform
      .subgraph(service)
      .owner.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM ${TABLE[service]} WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    expect({ service, found: found?.count }).toEqual({ service, found: ids.length });
  }

  // The job queue survived both restarts: a new case's events reach finance through the running worker.
  const { caseId } = await searchingCase(platform);
  await eventually('the case events delivered by the running worker', async () => {
    const [delivered] = await platform
      .subgraph('finance')
      .dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM received_event WHERE payload->>'caseId' = $1`,
        [caseId],
      );
    return delivered?.count === 3;
  });
});
