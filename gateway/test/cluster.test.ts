// The gateway on several cores (GATEWAY_WORKERS): the primary starts that many gateway processes sharing one
// port, starts another when one dies, and on SIGTERM waits for them all and exits 0.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairDocuments } from '@second-chance/identity';

const root = join(__dirname, '..', '..');
let folder: string;
let gateway: ChildProcess;
let port: number;
let output = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * The gateway workers among the primary's children (ps exits 1 when there are none). Other children, such as
 * the esbuild service tsx starts to compile on a first run, are not workers.
 */
function workersOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(join('gateway', 'src', 'main.ts')))
      .map((line) => Number(line.trim().split(/\s+/, 1)[0]))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

async function until<T>(what: string, check: () => T | undefined | false, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ready = () => (output.match(/gateway ready/g) ?? []).length;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gateway-workers-'));
  const keys = await generateKeyPairDocuments('workers');
  await writeFile(join(folder, 'jwks.json'), JSON.stringify(keys.publicJwks));
  port = await freePort();
  const secret = 'a-gateway-secret-of-at-least-32-characters';
  gateway = spawn(process.execPath, ['--import', 'tsx', join(root, 'gateway', 'src', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: String(port),
      GATEWAY_WORKERS: '2',
      AUTH_JWKS_FILE: join(folder, 'jwks.json'),
      HOUSING_SUBGRAPH_SECRET: secret,
      HOUSEHOLDS_SUBGRAPH_SECRET: secret,
      FINANCE_SUBGRAPH_SECRET: secret,
      EVALUATION_SUBGRAPH_SECRET: secret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [gateway.stdout, gateway.stderr])
    stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('two workers ready', () => ready() >= 2);
}, 90_000);

afterAll(async () => {
  if (gateway.exitCode === null) gateway.kill('SIGKILL');
  await rm(folder, { recursive: true, force: true });
});

test('two gateway processes answer on one port, and a worker that dies is replaced', async () => {
  const workers = workersOf(gateway.pid ?? 0);
  expect(workers).toHaveLength(2);
  for (let i = 0; i < 6; i += 1) {
    const response = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(response.status).toBe(200);
  }
  const [victim] = workers;
  process.kill(victim ?? 0, 'SIGKILL');
  await until('a new worker', () => ready() >= 3);
  const now = workersOf(gateway.pid ?? 0);
  expect(now).toHaveLength(2);
  expect(now).not.toContain(victim);
  expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
}, 90_000);

test('SIGTERM stops every worker and the primary exits 0', async () => {
  const exited = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
  gateway.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(workersOf(gateway.pid ?? 0)).toEqual([]);
}, 60_000);
