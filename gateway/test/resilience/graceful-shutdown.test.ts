// Graceful shutdown under load: a subgraph process gets SIGTERM (what an orchestrator sends) while slow requests
// are in flight through the gateway; it stops taking connections at once, finishes every request it has, answers
// each in full, and exits 0. The gateway's own stop does the same for the requests it holds.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, workspaceRoot } from '@second-chance/db';
import type { DataSource } from 'typeorm';
import { housingSubgraph } from '@second-chance/housing';
import { type TestGateway, type TestPlatform, startTestPlatform } from '@second-chance/testing';
import { people } from '../e2e/platform';
import { type Answer, type Sample, eventually, post, sleep, startLoad, stopLoads } from './helpers';

jest.setTimeout(90_000);

let platform: TestPlatform;

beforeAll(async () => {
  // The platform makes housing's database (migrations applied) and gives the secret its gateway signs with.
  platform = await startTestPlatform([housingSubgraph]);
}, 60_000);
afterEach(stopLoads);
afterAll(() => platform.close());

/** Every municipality: a read of one table, which the test holds locked to keep requests in flight. */
const MUNICIPALITIES = `{ municipalities { code name } }`;

/** Holds `table` locked against reads in an open transaction, as a long-running migration or a backup might. */
async function lockTable(db: DataSource, table: string): Promise<{ release(): Promise<void> }> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    release: async () => {
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}

/** How many statements of the housing service wait for a lock: the requests in flight inside it. */
async function waitingForLock(db: DataSource): Promise<number> {
  const [row] = await db.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM pg_stat_activity
      WHERE application_name = 'second-chance-housing' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return row?.count ?? 0;
}

interface HousingProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  logs: string[];
}

/** Starts the housing service as its own process, as `pnpm start` and a container do, on the platform's database. */
async function startHousingProcess(): Promise<HousingProcess> {
  const housing = platform.subgraph('housing');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('OTEL_')) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', join('services', 'housing', 'src', 'main.ts')], {
    cwd: workspaceRoot(),
    env: {
      ...env,
      DATABASE_URL: housing.databaseUrl,
      GATEWAY_SECRETS: housing.secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(
    'the housing process ready',
    async () => {
      if (gone) throw new Error(`the housing process exited while starting:\n${logs.join('')}`);
      return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
    },
    45_000,
  );
  return { child, url, exited, logs };
}

const complete = (answer: Answer) =>
  answer.status === 200 &&
  !answer.body.errors &&
  (answer.body.data as { municipalities?: unknown[] } | undefined)?.municipalities?.length === 98;

test('SIGTERM under load: the subgraph finishes every request it holds, refuses new ones, and exits 0', async () => {
  const housing = platform.subgraph('housing');
  const processHousing = await startHousingProcess();
  let gateway: TestGateway | undefined;
  try {
    gateway = await platform.startGateway({ subgraphUrls: { housing: `${processHousing.url}/graphql` } });
    const address = gateway.server.httpServer.address() as { port: number };
    const gatewayUrl = `http://127.0.0.1:${address.port}/graphql`;
    const token = await platform.token(people.caseworker101);
    expect(complete(await post(gatewayUrl, token, MUNICIPALITIES))).toBe(true);

    // Requests in flight: eight reads held inside the subgraph by a lock, and a steady stream of more.
    const lock = await lockTable(housing.dataSource, 'municipality');
    let released = false;
    try {
      const inFlight = Array.from({ length: 8 }, () => post(gatewayUrl, token, MUNICIPALITIES));
      await eventually(
        'eight requests in flight inside the subgraph',
        async () => (await waitingForLock(housing.dataSource)) === 8,
      );
      const load = startLoad(gatewayUrl, [{ label: 'stream', token, query: MUNICIPALITIES }], {
        concurrency: 3,
        maxRequests: 2_000,
        maxMs: 30_000,
        pauseMs: 20,
      });
      await sleep(300);

      const signalled = Date.now();
      processHousing.child.kill('SIGTERM');
      // It stops listening at once: a new connection is refused while the requests it holds are still running.
      await eventually(
        'new connections refused',
        async () => (await fetch(`${processHousing.url}/health/live`).catch(() => 'refused')) === 'refused',
        2_000,
      );
      await sleep(700);
      expect(await waitingForLock(housing.dataSource)).toBeGreaterThanOrEqual(8);

      // The lock goes: everything in flight finishes and is answered in full.
      await lock.release();
      released = true;
      const answers = await Promise.all(inFlight);
      expect(answers.filter((a) => !complete(a))).toEqual([]);
      const exit = await processHousing.exited;
      // The stream goes on a little while the subgraph is gone.
      await sleep(500);
      const samples: Sample[] = await load.stop();

      // It exits cleanly, and soon after its last request.
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      expect(exit.at - signalled).toBeLessThan(10_000);
      expect(processHousing.logs.join('')).toMatch(/"msg":"shutting down"/);

      // The stream's requests: those the subgraph had taken complete; the rest, sent after it stopped listening,
      // are told at once that the service is unavailable. None is cut off, none hangs.
      const refused = (sample: Sample) =>
        sample.status === 200 &&
        JSON.stringify(sample.body) ===
          JSON.stringify({
            errors: [
              {
                message: 'the housing service is unavailable',
                extensions: { code: 'SERVICE_UNAVAILABLE', service: 'housing' },
              },
            ],
            data: null,
          });
      expect(samples.filter((s) => !complete(s) && !refused(s)).slice(0, 3)).toEqual([]);
      const after = samples.filter((s) => s.startedAt > exit.at);
      expect(after.length).toBeGreaterThan(5);
      for (const sample of after) {
        expect(refused(sample)).toBe(true);
        expect(sample.endedAt - sample.startedAt).toBeLessThan(1_000);
      }
      expect(samples.filter((s) => complete(s)).length).toBeGreaterThan(0);
    } finally {
      if (!released) await lock.release();
    }
  } finally {
    await gateway?.close();
    if (processHousing.child.exitCode === null && processHousing.child.signalCode === null) {
      processHousing.child.kill('SIGKILL');
    }
  }
});

test('the gateway stops under load: the requests it holds finish in full, new connections are refused', async () => {
  const housing = platform.subgraph('housing');
  const gateway = await platform.startGateway();
  const address = gateway.server.httpServer.address() as { port: number };
  const gatewayUrl = `http://127.0.0.1:${address.port}/graphql`;
  const token = await platform.token(people.caseworker101);
  const lock = await lockTable(housing.dataSource, 'municipality');
  let released = false;
  try {
    const before = await waitingForLock(housing.dataSource);
    const inFlight = Array.from({ length: 6 }, () => post(gatewayUrl, token, MUNICIPALITIES));
    await eventually('six requests in flight', async () => (await waitingForLock(housing.dataSource)) === before + 6);
    // What the process's shutdown handler does: stop the server, which drains what it holds.
    let stoppedAt = 0;
    const stopping = gateway.close().then(() => (stoppedAt = Date.now()));
    await eventually(
      'new connections refused',
      async () => (await post(gatewayUrl, token, MUNICIPALITIES)).failure === 'ECONNREFUSED',
      2_000,
    );
    expect(stoppedAt).toBe(0);
    const releasedAt = Date.now();
    await lock.release();
    released = true;
    const answers = await Promise.all(inFlight);
    expect(answers.filter((a) => !complete(a))).toEqual([]);
    await stopping;
    expect(stoppedAt - releasedAt).toBeLessThan(5_000);
  } finally {
    if (!released) await lock.release();
    await gateway.close();
  }
});
