// `pnpm bench`: requests/s and latency of a nested query through the gateway and straight to the housing
// subgraph, and their ratio. Method (docs/performance.md): a scratch embedded PostgreSQL, the housing
// subgraph and the gateway as separate processes (as in production), a data set built through the
// public API, load from this process with autocannon, a warm-up, then several runs; medians reported.
// Then the time per quarterly settlement run of the finance subgraph at national scale (bench-settlement.ts), and
// the evaluation subgraph's classification of areas and in-movement balance (bench-indicators.ts), and an allocation
// round at national scale (bench-allocation.ts). Then the case-dashboard queries through our gateway, Hive Gateway
// (Rust and JavaScript planners) and a hand-written floor over the same subgraphs (bench-dashboard.ts).
// `--only gateway`, `--only settlement`, `--only indicators`, `--only allocation` or `--only dashboard` runs one part.
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Command, Option } from 'commander';
import { ensureDatabase, freePort, serviceDatabaseName, startEmbeddedPostgres, workspaceRoot } from '@second-chance/db';
import { SUBGRAPHS, composeSupergraph, mainFile, schemaFile, subgraphVariable } from '@second-chance/gateway';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  GATEWAY_ASSERTION_HEADER,
  type Identity,
  generateGatewaySecret,
  generateKeyPairDocuments,
  signGatewayAssertion,
  signUserToken,
  signingKeyFromJwk,
} from '@second-chance/identity';
import { benchAllocation } from './bench-allocation';
import { ALL_DASHBOARD_TARGETS, DASHBOARD_TARGETS, type DashboardTarget, benchDashboard } from './bench-dashboard';
import { benchIndicators } from './bench-indicators';
import { benchSettlement } from './bench-settlement';
import { DASHBOARD_QUERIES, type DashboardQueryName } from './dashboard-queries';
import { type Child, startChild, stopChild, waitUntilReady } from './processes';

const program = new Command('pnpm bench')
  .description(
    'Benchmarks a nested query through the gateway and directly against the housing subgraph, ' +
      'then quarterly settlement runs of the finance subgraph, then the evaluation subgraph’s classification ' +
      'of areas and in-movement balance, then an allocation round at national scale, then the case-dashboard ' +
      'queries through our gateway, Hive Gateway and a hand-written floor.',
  )
  .addOption(
    new Option('--only <part>', 'run one part only').choices([
      'gateway',
      'settlement',
      'indicators',
      'allocation',
      'dashboard',
    ]),
  )
  .option('--areas <n>', 'housing areas in the data set', '40')
  .option('--duration <s>', 'seconds per measured run', '8')
  .option('--runs <n>', 'measured runs per target (allocation: runs of the round)', '3')
  .option('--connections <n>', 'concurrent connections', '10')
  .option('--page <n>', 'areas per query page', '20')
  .option('--entitlements <n>', 'settlement: billed compensation entitlements', '100000')
  .option('--grants <n>', 'settlement: grants paid in 2025', '10000')
  .option('--moves <n>', 'indicators: synthetic moves into the areas over 2024–2025', '1000000')
  .option('--seekers <n>', 'allocation: households searching', '5000')
  .option('--vacancies <n>', 'allocation: vacancies', '5000')
  .option(
    '--seed <n>',
    'the data generators’ seed (default: 2025 for settlement and indicators, 2026 for allocation, 1 for dashboard)',
  )
  .option('--scale <n>', 'dashboard: the national data set’s scale (1: national)', '1')
  .addOption(
    new Option('--dashboard-data <source>', 'dashboard: the data set (auto: national when available, else the API one)')
      .choices(['auto', 'national', 'api'])
      .default('auto'),
  )
  .option('--dashboard-page <n>', 'dashboard: items per page (cases, vacancies, areas)', '50')
  .option(
    '--dashboard-targets <list>',
    `dashboard: comma-separated targets of ${ALL_DASHBOARD_TARGETS.join(', ')}`,
    DASHBOARD_TARGETS.join(','),
  )
  .option(
    '--dashboard-tuned-flags <flags>',
    'dashboard: Node flags of the ours-tuned target (our gateway, other runtime settings)',
    '--max-semi-space-size=64',
  )
  .option(
    '--dashboard-tuned-workers <n>',
    'dashboard: GATEWAY_WORKERS of the ours-tuned target (gateway processes sharing its port)',
    '1',
  )
  .option('--dashboard-queries <list>', 'dashboard: comma-separated queries', Object.keys(DASHBOARD_QUERIES).join(','))
  .option('--warmup <s>', 'dashboard: seconds of warm-up per target and query', '3')
  .option(
    '--dashboard-profile <dir>',
    'dashboard: write a CPU profile of each timed target and each subgraph (node --cpu-prof) here',
  );
// `pnpm bench -- --only settlement` hands the script a literal `--`: skip it.
const args = process.argv.slice(2);
program.parse(args[0] === '--' ? args.slice(1) : args, { from: 'user' });
const opts = program.opts<{
  only?: 'gateway' | 'settlement' | 'indicators' | 'allocation' | 'dashboard';
  areas: string;
  duration: string;
  runs: string;
  connections: string;
  page: string;
  entitlements: string;
  grants: string;
  moves: string;
  seekers: string;
  vacancies: string;
  seed?: string;
  scale: string;
  dashboardData: 'auto' | 'national' | 'api';
  dashboardPage: string;
  dashboardTargets: string;
  dashboardQueries: string;
  warmup: string;
  dashboardProfile?: string;
  dashboardTunedFlags: string;
  dashboardTunedWorkers: string;
}>();
/** The generators' seed: --seed, or each part's own default. */
const seed = (fallback: number) => (opts.seed === undefined ? fallback : Number(opts.seed));
const settings = {
  areas: Number(opts.areas),
  duration: Number(opts.duration),
  runs: Number(opts.runs),
  connections: Number(opts.connections),
  page: Number(opts.page),
};

const say = (text: string) => process.stdout.write(`${text}\n`);

/** The query a letting officer's vacancy board makes: a page of areas with departments, units, vacancies. */
const NESTED_QUERY = `query Board($first: Int!) {
  housingAreas(first: $first, filter: { municipalityCodes: ["101"] }) {
    nodes {
      id name residentCount
      municipality { name region }
      officialStatus { year status }
      departments {
        number name
        units {
          id rooms monthlyRentOre stepFreeAccess
          address { text }
          vacancies { id status availableFrom channel }
        }
      }
    }
  }
}`;

interface RunResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

async function load(url: string, headers: Record<string, string>, body: string, duration: number): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        connections: settings.connections,
        duration,
      },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode !== 200) errors += 1;
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.total / (result.duration || duration),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
  };
}

const ms = (value: number) => value.toFixed(1);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(`the data set could not be built: ${JSON.stringify(body.errors)}`);
  return body.data as Record<string, unknown>;
}

async function benchGateway(): Promise<void> {
  const root = workspaceRoot();
  const scratch = await mkdtemp(join(tmpdir(), 'second-chance-bench-'));
  await chmod(scratch, 0o755);
  const children: Child[] = [];
  const postgres = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg'), port: await freePort() });
  try {
    const housing = SUBGRAPHS.find((s) => s.name === 'housing');
    if (!housing) throw new Error('no housing subgraph');
    const databaseUrl = postgres.url(serviceDatabaseName('housing'));
    await ensureDatabase(databaseUrl);
    const secret = generateGatewaySecret();
    const keys = await generateKeyPairDocuments('bench');
    const jwksFile = join(scratch, 'jwks.json');
    await writeFile(jwksFile, JSON.stringify(keys.publicJwks));
    const supergraphFile = join(scratch, 'supergraph.graphql');
    // The benchmark serves the housing subgraph alone: the supergraph is composed of it only.
    const housingSdl = readFileSync(schemaFile(root, housing), 'utf8');
    await writeFile(
      supergraphFile,
      composeSupergraph([{ name: 'housing', url: 'http://127.0.0.1/graphql', sdl: housingSdl }]),
    );
    const signingKey = await signingKeyFromJwk(keys.privateJwk);
    const tokenFor = (identity: Identity) =>
      signUserToken(signingKey, identity, { issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, expiresIn: '2h' });

    const [housingPort, gatewayPort] = [await freePort(), await freePort()];
    const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
    const subgraph = startChild({
      name: 'housing',
      entry: mainFile(root, housing),
      cwd: root,
      pretty: false,
      env: { ...env, PORT: String(housingPort), DATABASE_URL: databaseUrl, GATEWAY_SECRETS: secret },
    });
    children.push(subgraph);
    await waitUntilReady(subgraph, `http://127.0.0.1:${housingPort}/health/ready`);
    const gateway = startChild({
      name: 'gateway',
      entry: join(root, 'gateway', 'src', 'main.ts'),
      cwd: root,
      pretty: false,
      env: {
        ...env,
        PORT: String(gatewayPort),
        SUPERGRAPH_FILE: supergraphFile,
        AUTH_JWKS_FILE: jwksFile,
        [subgraphVariable('housing', 'URL')]: `http://127.0.0.1:${housingPort}/graphql`,
        [subgraphVariable('housing', 'SECRET')]: secret,
        // One person sends every request of the benchmark: counted (its cost measured), never limited.
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
    });
    children.push(gateway);
    await waitUntilReady(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const subgraphUrl = `http://127.0.0.1:${housingPort}/graphql`;

    say(`building the data set through the API: ${settings.areas} areas × 2 departments × 6 units, a vacancy each …`);
    const admin = await tokenFor({
      subject: 'bench',
      organisation: { type: 'PLATFORM', id: 'bench' },
      roles: ['platform-admin'],
    });
    const organisation = await graphql(
      gatewayUrl,
      admin,
      'mutation { registerHousingOrganisation(input: { name: "Bench Boliger", cvrNumber: "99990058", municipalityCode: "101" }) { id } }',
    );
    const organisationId = (organisation.registerHousingOrganisation as { id: string }).id;
    const officer = await tokenFor({
      subject: 'bench-officer',
      organisation: { type: 'HOUSING_ORGANISATION', id: organisationId },
      roles: ['letting-officer'],
    });
    for (let a = 0; a < settings.areas; a++) {
      const area = await graphql(
        gatewayUrl,
        officer,
        'mutation ($name: String!) { registerHousingArea(input: { name: $name, municipalityCode: "101", residentCount: 1500 }) { id } }',
        { name: `Benchområdet ${String(a).padStart(3, '0')}` },
      );
      const areaId = (area.registerHousingArea as { id: string }).id;
      for (let d = 0; d < 2; d++) {
        const department = await graphql(
          gatewayUrl,
          officer,
          'mutation ($areaId: ID!, $number: String!) { registerDepartment(input: { areaId: $areaId, number: $number, name: "Afdeling" }) { id } }',
          { areaId, number: `${a}-${d}` },
        );
        const departmentId = (department.registerDepartment as { id: string }).id;
        const units = Array.from({ length: 6 }, (_, u) => ({
          street: `Benchvej ${a}`,
          houseNumber: String(2 * d + 1),
          floor: String(u + 1),
          door: 'tv',
          postalCode: '2300',
          city: 'København S',
          rooms: 1 + (u % 5),
          floorAreaM2: 50 + 10 * u,
          monthlyRentOre: 500_000 + 50_000 * u,
          kind: 'FAMILY',
          stepFreeAccess: u < 2,
          elevator: u % 2 === 0,
        }));
        const registered = await graphql(
          gatewayUrl,
          officer,
          'mutation ($departmentId: ID!, $units: [UnitInput!]!) { registerUnits(departmentId: $departmentId, units: $units) { id } }',
          { departmentId, units },
        );
        for (const unit of registered.registerUnits as { id: string }[]) {
          await graphql(
            gatewayUrl,
            officer,
            'mutation ($unitId: ID!) { publishVacancy(input: { unitId: $unitId, availableFrom: "2027-03-01", channel: PLATFORM }) { id } }',
            { unitId: unit.id },
          );
        }
      }
    }

    const caseworker = await tokenFor({
      subject: 'bench-caseworker',
      organisation: { type: 'MUNICIPALITY', id: '101' },
      roles: ['caseworker'],
    });
    const body = JSON.stringify({ query: NESTED_QUERY, variables: { first: settings.page }, operationName: 'Board' });
    const sample = await graphql(gatewayUrl, caseworker, NESTED_QUERY, { first: settings.page });
    const responseBytes = Buffer.byteLength(JSON.stringify({ data: sample }));
    const identity: Identity = {
      subject: 'bench-caseworker',
      organisation: { type: 'MUNICIPALITY', id: '101' },
      roles: ['caseworker'],
    };

    const targets = {
      gateway: () => Promise.resolve({ url: gatewayUrl, headers: { authorization: `Bearer ${caseworker}` } }),
      // The floor: the same query straight to the subgraph, with the assertion the gateway would send.
      subgraph: async () => ({
        url: subgraphUrl,
        headers: { [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(secret, 'housing', identity) },
      }),
    };
    const results: Record<string, RunResult[]> = { gateway: [], subgraph: [] };
    say(
      `query: ${settings.page} areas → departments → units → vacancies (${responseBytes} bytes); ` +
        `${settings.connections} connections, ${settings.runs} runs × ${settings.duration} s after a 3 s warm-up\n`,
    );
    for (const [name, target] of Object.entries(targets)) {
      const warm = await target();
      await load(warm.url, warm.headers, body, 3);
      for (let run = 0; run < settings.runs; run++) {
        const { url, headers } = await target(); // a fresh assertion per run: they live 60 s
        const result = await load(url, headers, body, settings.duration);
        results[name]?.push(result);
        say(
          `  ${name.padEnd(8)} run ${run + 1}: ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${ms(result.p50)} ms, ` +
            `p95 ${ms(result.p95)} ms, p99 ${ms(result.p99)} ms, errors ${result.errors}`,
        );
      }
    }

    const summary = Object.fromEntries(
      Object.entries(results).map(([name, runs]) => [
        name,
        {
          rps: median(runs.map((r) => r.requestsPerSecond)),
          p50: median(runs.map((r) => r.p50)),
          p95: median(runs.map((r) => r.p95)),
          errors: runs.reduce((sum, r) => sum + r.errors, 0),
        },
      ]),
    ) as Record<'gateway' | 'subgraph', { rps: number; p50: number; p95: number; errors: number }>;
    say('\nmedians               req/s    p50 ms   p95 ms   errors');
    for (const [name, s] of Object.entries(summary)) {
      say(
        `  ${name.padEnd(18)} ${s.rps.toFixed(1).padStart(7)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${String(s.errors).padStart(8)}`,
      );
    }
    say(
      `\ngateway / subgraph throughput: ${(summary.gateway.rps / summary.subgraph.rps).toFixed(2)} ` +
        `(p50 latency ×${(summary.gateway.p50 / Math.max(1, summary.subgraph.p50)).toFixed(2)})`,
    );
    if (summary.gateway.errors + summary.subgraph.errors > 0) process.exitCode = 1;
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    await postgres.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = (part: NonNullable<typeof opts.only>) => opts.only === undefined || opts.only === part;
  if (runs('gateway')) await benchGateway();
  if (runs('settlement')) {
    const passed = await benchSettlement({
      entitlements: Number(opts.entitlements),
      grants: Number(opts.grants),
      seed: seed(2025),
      say,
    });
    if (!passed) process.exitCode = 1;
  }
  if (runs('indicators')) {
    const passed = await benchIndicators({ moves: Number(opts.moves), seed: seed(2025), say });
    if (!passed) process.exitCode = 1;
  }
  if (runs('allocation')) {
    const passed = await benchAllocation({
      seekers: Number(opts.seekers),
      vacancies: Number(opts.vacancies),
      seed: seed(2026),
      runs: settings.runs,
      say,
    });
    if (!passed) process.exitCode = 1;
  }
  if (runs('dashboard')) {
    const list = <T extends string>(text: string, known: readonly T[], what: string): T[] =>
      text.split(',').map((item) => {
        if (!known.includes(item.trim() as T)) throw new Error(`unknown ${what} ${item}: one of ${known.join(', ')}`);
        return item.trim() as T;
      });
    const passed = await benchDashboard({
      scale: Number(opts.scale),
      seed: seed(1),
      data: opts.dashboardData,
      page: Number(opts.dashboardPage),
      duration: settings.duration,
      runs: settings.runs,
      warmup: Number(opts.warmup),
      connections: settings.connections,
      ...(opts.dashboardProfile ? { profileDir: opts.dashboardProfile } : {}),
      targets: list<DashboardTarget>(opts.dashboardTargets, ALL_DASHBOARD_TARGETS, 'target'),
      tunedFlags: opts.dashboardTunedFlags,
      tunedWorkers: Number(opts.dashboardTunedWorkers),
      queries: list<DashboardQueryName>(
        opts.dashboardQueries,
        Object.keys(DASHBOARD_QUERIES) as DashboardQueryName[],
        'query',
      ),
      say,
    });
    if (!passed) process.exitCode = 1;
  }
}

main().then(
  // The embedded PostgreSQL's exit hook (async-exit-hook) ends the process with 0 on `beforeExit`, whatever
  // process.exitCode says: the outcome of the parts is handed to process.exit here, before that can happen.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
