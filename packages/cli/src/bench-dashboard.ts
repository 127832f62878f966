// `pnpm bench --only dashboard`: the three queries the front-ends make most (a caseworker's case dashboard, a
// letting officer's vacancy board, an evaluator's ten-year area trend) through our gateway, through Hive Gateway
// with its Rust and its JavaScript planner, and through the floor (a hand-written server that makes the same
// subgraph requests without any planner), all over the same subgraph processes and the same supergraph.
//
// Method (docs/performance.md): a scratch embedded PostgreSQL; the four subgraphs, each gateway, the floor and the
// load (autocannon, from this process) each in a process of its own, as in production (NODE_ENV=production,
// LOG_LEVEL=warn, our gateway's rate limit out of the way); the data set loaded in one switchable step (the
// national one from ./national at --scale when it can be loaded, else a smaller one made through the public API);
// every target's answer checked against our gateway's first; an untimed pass through a counting proxy for what
// each target sends the subgraphs; then per query a warm-up of every target and several runs, the targets taking
// turns within each run, with the CPU each process used. Medians of the runs, and the ratios between targets of
// the same run of the benchmark.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { ensureDatabase, freePort, serviceDatabaseName, startEmbeddedPostgres, workspaceRoot } from '@second-chance/db';
import { SUBGRAPHS, composeFromFiles, mainFile, subgraphVariable } from '@second-chance/gateway';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  type Identity,
  generateGatewaySecret,
  generateKeyPairDocuments,
  signUserToken,
  signingKeyFromJwk,
} from '@second-chance/identity';
import { thousands } from './bench-common';
import { type SubgraphTraffic, startCountingProxy } from './counting-proxy';
import { type DashboardDataSet, buildDashboardDataSet } from './dashboard-data';
import {
  DASHBOARD_QUERIES,
  type DashboardParameters,
  type DashboardQueryName,
  dashboardVariables,
} from './dashboard-queries';
import { type Child, startChild, stopChild, waitUntilReady } from './processes';

export type DashboardTarget = 'ours' | 'ours-cached' | 'ours-tuned' | 'hive-rust' | 'hive-js' | 'floor';
/**
 * The targets a run measures unless told otherwise (`ours-tuned` only when asked for). `ours` runs without its
 * response cache, as the peers and the floor do; `ours-cached` is production's setting (RESPONSE_CACHE=on).
 */
export const DASHBOARD_TARGETS: readonly DashboardTarget[] = ['ours', 'ours-cached', 'hive-rust', 'hive-js', 'floor'];
export const ALL_DASHBOARD_TARGETS: readonly DashboardTarget[] = [...DASHBOARD_TARGETS, 'ours-tuned'];
const LABELS: Record<DashboardTarget, string> = {
  ours: 'our gateway',
  'ours-cached': 'ours, response cache',
  'ours-tuned': 'ours, tuned flags',
  'hive-rust': 'Hive, Rust planner',
  'hive-js': 'Hive, JS planner',
  floor: 'the floor',
};
const QUERY_LABELS: Record<DashboardQueryName, string> = {
  caseDashboard: 'case dashboard (caseworker)',
  vacancyBoard: 'vacancy board (letting officer)',
  areaTrend: 'area trend, ten years (evaluator)',
};

export interface DashboardBenchOptions {
  /** The national data set's scale (1: national); the API data set ignores it. */
  scale: number;
  seed: number;
  /** `auto`: the national data set when ./national can load it, else the API data set. */
  data: 'auto' | 'national' | 'api';
  /** Items per page: cases, vacancies, areas (50). */
  page: number;
  duration: number;
  runs: number;
  warmup: number;
  connections: number;
  targets: readonly DashboardTarget[];
  queries: readonly DashboardQueryName[];
  /** Node's flags for `ours-tuned`: our gateway as it is, run with other settings of the runtime. */
  tunedFlags?: string;
  /** GATEWAY_WORKERS for `ours-tuned`: our gateway on that many processes (its CPU counts the primary only). */
  tunedWorkers?: number;
  /**
   * Where each timed target and each subgraph writes a CPU profile when it stops (node --cpu-prof), one folder
   * per process; the profiles open in Chrome's DevTools.
   */
  profileDir?: string;
  say: (text: string) => void;
}

interface RunResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Answers other than 200, by status. */
  statuses: Record<string, number>;
  requests: number;
  /** CPU milliseconds per request: the target's process, each subgraph's, PostgreSQL's, the load's (autocannon). */
  cpu: { target: number; subgraphs: Record<string, number>; postgres: number; load: number };
  /** Share of the machine's CPU time busy during the run. */
  busy: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time a process has used, in milliseconds (0 once it is gone); with `children`, its ended children's too. */
function cpuMs(pid: number | undefined, children = false): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const own = (fields[11] ?? 0) + (fields[12] ?? 0);
    return ((own + (children ? (fields[13] ?? 0) + (fields[14] ?? 0) : 0)) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The postmaster and its backends. */
function postgresPids(postmaster: number | undefined): number[] {
  if (!postmaster) return [];
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The machine's CPU time: busy and total, in ticks. */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const ticks = values.map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}

interface Processes {
  target?: number;
  /** Each subgraph's process, by name. */
  subgraphs: Readonly<Record<string, number>>;
  postmaster?: number;
}

function sample(processes: Processes) {
  return {
    target: cpuMs(processes.target),
    subgraphs: Object.fromEntries(Object.entries(processes.subgraphs).map(([name, pid]) => [name, cpuMs(pid)])),
    // The backends that ended meanwhile are counted in the postmaster's children's time.
    postgres: postgresPids(processes.postmaster).reduce(
      (sum, pid) => sum + cpuMs(pid, pid === processes.postmaster),
      0,
    ),
    machine: machineTicks(),
    load: (({ user, system }) => (user + system) / 1000)(process.cpuUsage()),
  };
}

async function load(
  url: string,
  headers: Record<string, string>,
  body: string,
  duration: number,
  connections: number,
  processes: Processes,
): Promise<RunResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const before = sample(processes);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode !== 200) statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      latencies.push(responseTime);
    });
  });
  const after = sample(processes);
  latencies.sort((a, b) => a - b);
  const requests = Math.max(1, result.requests.total);
  return {
    requestsPerSecond: result.requests.total / (result.duration || duration),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: Object.values(statuses).reduce((sum, n) => sum + n, 0) + result.errors + result.timeouts,
    statuses: {
      ...statuses,
      ...(result.errors > 0 && { 'connection errors': result.errors }),
      ...(result.timeouts > 0 && { timeouts: result.timeouts }),
    },
    requests: result.requests.total,
    cpu: {
      target: (after.target - before.target) / requests,
      subgraphs: Object.fromEntries(
        Object.entries(after.subgraphs).map(([name, used]) => [
          name,
          (used - (before.subgraphs[name] ?? 0)) / requests,
        ]),
      ),
      postgres: (after.postgres - before.postgres) / requests,
      load: (after.load - before.load) / requests,
    },
    busy: (after.machine.busy - before.machine.busy) / Math.max(1, after.machine.total - before.machine.total),
  };
}

/** JSON with object keys sorted: two answers are the same when their canonical forms are. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The first place two answers differ, for the report. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (canonical(a) === canonical(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path || '.'}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The data set

type NationalLoader = (options: {
  databases: { housing: string; households: string; finance: string; evaluation: string };
  seed?: number;
  scale?: number;
  /** The households service's personal data keys (the data set encrypts with them). */
  keys?: { encryption: Record<string, Buffer>; current: string; cprHash: Buffer; pseudonym: Buffer };
  onProgress?: (progress: { done: number; total: number; step: string }) => void;
}) => Promise<{
  rows: Record<string, number>;
  caseworker: { identity: Identity; municipalityCode: string; cases: number };
  lettingOfficer: { organisationId: string; identity: Identity; openVacancies: number };
  evaluator: { identity: Identity };
  indicatorYears: { from: number; to: number };
}>;

/** The national data set's loader, or why there is none. */
function nationalLoader(): { loader: NationalLoader } | { reason: string } {
  try {
    // Loaded when asked for, so that a data set still being written never stops the other parts of `pnpm bench`.
    const exported = createRequire(__filename)('./national') as Record<string, unknown>;
    const loader = exported.loadNationalDataSet;
    return typeof loader === 'function'
      ? { loader: loader as NationalLoader }
      : { reason: './national does not export loadNationalDataSet' };
  } catch (error) {
    return { reason: `./national could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

export async function benchDashboard(options: DashboardBenchOptions): Promise<boolean> {
  const { say } = options;
  const root = workspaceRoot();
  const scratch = await mkdtemp(join(tmpdir(), 'second-chance-bench-dashboard-'));
  await chmod(scratch, 0o755); // PostgreSQL runs as its own user when the benchmark runs as root
  const children: Child[] = [];
  let ok = true;
  const postgres = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg'), port: await freePort() });
  try {
    say(
      `\ndashboard: load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the start (2 cores shared)`,
    );
    const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, postgres.url(serviceDatabaseName(s.name))]));
    for (const url of Object.values(databases)) await ensureDatabase(url);

    // Secrets: the gateway's per subgraph, one per service-to-service link and per event stream.
    const secret = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, generateGatewaySecret()]));
    const links = SUBGRAPHS.flatMap((s) =>
      (s.calls ?? []).map((to) => ({ from: s.name, to, secret: generateGatewaySecret() })),
    );
    const streams = SUBGRAPHS.flatMap((s) =>
      (s.publishesTo ?? []).map((to) => ({ from: s.name, to, secret: generateGatewaySecret() })),
    );
    const keys = await generateKeyPairDocuments('bench-dashboard');
    const jwksFile = join(scratch, 'jwks.json');
    await writeFile(jwksFile, JSON.stringify(keys.publicJwks));
    const signingKey = await signingKeyFromJwk(keys.privateJwk);
    const supergraphFile = join(scratch, 'supergraph.graphql');
    await writeFile(supergraphFile, composeFromFiles(root));
    // The households service's personal data keys: its process and the national data set use the same.
    const personalData = {
      encryption: { bench: randomBytes(32) },
      current: 'bench',
      cprHash: randomBytes(32),
      pseudonym: randomBytes(32),
    };
    const base = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' };

    // The subgraphs, callees first.
    const ports = Object.fromEntries(
      await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const)),
    );
    const subgraphUrl = (name: string) => `http://127.0.0.1:${ports[name]}/graphql`;
    const order = ['housing', 'evaluation', 'finance', 'households'].filter((name) =>
      SUBGRAPHS.some((s) => s.name === name),
    );
    const subgraphPids: Record<string, number> = {};
    for (const name of order) {
      const entry = SUBGRAPHS.find((s) => s.name === name);
      if (!entry) continue;
      const published = streams.filter((s) => s.from === name);
      const received = streams.filter((s) => s.to === name);
      const child = startChild({
        name,
        entry: mainFile(root, entry),
        cwd: root,
        pretty: false,
        env: {
          ...base,
          ...(options.profileDir && {
            NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${join(options.profileDir, `subgraph-${name}`)}`,
          }),
          PORT: String(ports[name]),
          DATABASE_URL: databases[name],
          GATEWAY_SECRETS: secret[name],
          SERVICE_CLIENTS: links
            .filter((l) => l.to === name)
            .map((l) => `${l.from}:${l.secret}`)
            .join(','),
          ...Object.fromEntries(
            links
              .filter((l) => l.from === name)
              .flatMap((l) => [
                [`${l.to.toUpperCase()}_SERVICE_URL`, subgraphUrl(l.to)],
                [`${l.to.toUpperCase()}_SERVICE_SECRET`, l.secret],
              ]),
          ),
          ...(published.length && {
            EVENT_SUBSCRIBERS: JSON.stringify(
              published.map((s) => ({
                name: s.to,
                url: subgraphUrl(s.to).replace(/\/graphql$/, '/events'),
                secret: s.secret,
              })),
            ),
          }),
          ...(received.length && { EVENT_SECRETS: received.map((s) => s.secret).join(',') }),
          ...(name === 'households' && {
            PERSONAL_DATA_KEYS: `bench:${personalData.encryption.bench.toString('base64')}`,
            CPR_HASH_KEY: personalData.cprHash.toString('base64'),
            PSEUDONYM_KEY: personalData.pseudonym.toString('base64'),
          }),
        },
      });
      children.push(child);
      await waitUntilReady(child, `http://127.0.0.1:${ports[name]}/health/ready`);
      if (child.process.pid) subgraphPids[name] = child.process.pid;
    }

    // The targets: each its own process, over the subgraphs at `urls` (directly, or through the counting proxy).
    const page = options.page;
    const targetEnv = (urls: Record<string, string>): NodeJS.ProcessEnv => ({
      ...base,
      SUPERGRAPH_FILE: supergraphFile,
      AUTH_JWKS_FILE: jwksFile,
      // One person sends every request of the benchmark: counted (its cost measured), never limited.
      RATE_LIMIT_PER_MINUTE: '100000000',
      ...Object.fromEntries(
        SUBGRAPHS.flatMap((s) => [
          [subgraphVariable(s.name, 'URL'), urls[s.name]],
          [subgraphVariable(s.name, 'SECRET'), secret[s.name]],
        ]),
      ),
    });
    const entries: Record<DashboardTarget, { entry: string; env?: NodeJS.ProcessEnv }> = {
      ours: { entry: join(root, 'gateway', 'src', 'main.ts'), env: { RESPONSE_CACHE: 'off' } },
      'ours-cached': { entry: join(root, 'gateway', 'src', 'main.ts'), env: { RESPONSE_CACHE: 'on' } },
      'ours-tuned': {
        entry: join(root, 'gateway', 'src', 'main.ts'),
        env: {
          RESPONSE_CACHE: 'off',
          NODE_OPTIONS: options.tunedFlags ?? '',
          GATEWAY_WORKERS: String(options.tunedWorkers ?? 1),
        },
      },
      'hive-rust': { entry: join(root, 'packages', 'cli', 'src', 'hive-gateway.ts'), env: { HIVE_PLANNER: 'rust' } },
      'hive-js': { entry: join(root, 'packages', 'cli', 'src', 'hive-gateway.ts'), env: { HIVE_PLANNER: 'js' } },
      floor: { entry: join(root, 'packages', 'cli', 'src', 'floor-server.ts') },
    };
    const startTarget = async (target: DashboardTarget, urls: Record<string, string>, profile = false) => {
      const port = await freePort();
      const child = startChild({
        name: target,
        entry: entries[target].entry,
        cwd: root,
        pretty: false,
        env: {
          ...targetEnv(urls),
          ...entries[target].env,
          PORT: String(port),
          ...(profile &&
            options.profileDir && {
              NODE_OPTIONS: `${entries[target].env?.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${join(options.profileDir, target)}`,
            }),
        },
      });
      children.push(child);
      await waitUntilReady(child, `http://127.0.0.1:${port}/health/ready`);
      return { child, url: `http://127.0.0.1:${port}/graphql` };
    };
    const stopTarget = async (child: Child) => {
      await stopChild(child, 5_000);
      children.splice(children.indexOf(child), 1);
    };
    const direct = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphUrl(s.name)]));
    const targets = options.targets.includes('ours') ? options.targets : ['ours' as const, ...options.targets];
    const ours = await startTarget('ours', direct, true);

    const tokens = new Map<string, Promise<string>>();
    const tokenFor = (who: Identity) => {
      let token = tokens.get(who.subject);
      if (!token) {
        token = signUserToken(signingKey, who, {
          issuer: DEFAULT_ISSUER,
          audience: DEFAULT_AUDIENCE,
          expiresIn: '6h',
        });
        tokens.set(who.subject, token);
      }
      return token;
    };
    const post = async (url: string, who: Identity, body: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(who)}` },
        body,
      });
      const text = await response.text();
      return { status: response.status, text, body: JSON.parse(text) as { data?: unknown; errors?: unknown[] } };
    };

    // The data set: one step, switchable.
    const started = Date.now();
    const found = options.data === 'api' ? { reason: 'the API data set was asked for' } : nationalLoader();
    if (options.data === 'national' && 'reason' in found) throw new Error(found.reason);
    const national = 'loader' in found ? found.loader : undefined;
    let data: DashboardDataSet;
    if (national) {
      say(`loading the national data set (scale ${options.scale}, seed ${options.seed}) …`);
      let shown = 0;
      const summary = await national({
        databases: {
          housing: databases.housing ?? '',
          households: databases.households ?? '',
          finance: databases.finance ?? '',
          evaluation: databases.evaluation ?? '',
        },
        seed: options.seed,
        scale: options.scale,
        keys: personalData,
        onProgress: ({ done, total, step }) => {
          if (Date.now() - shown < 5_000 && done < total) return;
          shown = Date.now();
          say(`  ${step}: ${thousands(done)} of ${thousands(total)} rows`);
        },
      });
      say(
        `  asked by a caseworker of ${summary.caseworker.municipalityCode} (${thousands(summary.caseworker.cases)} cases ` +
          `sent), a letting officer of the organisation with the most open and reserved vacancies ` +
          `(${thousands(summary.lettingOfficer.openVacancies)}), an evaluator (every area)`,
      );
      data = {
        caseworker: summary.caseworker.identity,
        lettingOfficer: summary.lettingOfficer,
        evaluator: summary.evaluator.identity,
        indicatorYears: summary.indicatorYears,
        rows: summary.rows,
      };
    } else {
      const sizes = { cases: 2 * page, areas: 2 * page, vacancies: 3 * page };
      say(
        `building a data set through the public API (${'reason' in found ? found.reason : ''}): ` +
          `${sizes.cases} cases, ${sizes.areas} areas, ${sizes.vacancies} vacancies …`,
      );
      let shown = 0;
      data = await buildDashboardDataSet(
        async (who, query, variables) => {
          const answer = await post(ours.url, who, JSON.stringify({ query, variables }));
          if (answer.body.errors) throw new Error(`the data set could not be built: ${answer.text.slice(0, 500)}`);
          return answer.body.data as Record<string, unknown>;
        },
        {
          ...sizes,
          seed: options.seed,
          onProgress: (step, done, total) => {
            if (Date.now() - shown < 5_000 && done < total) return;
            shown = Date.now();
            say(`  ${step}: ${done} of ${total}`);
          },
        },
      );
    }
    for (const url of Object.values(databases)) {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('ANALYZE');
      await client.end();
    }
    say(
      `  data set ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        Object.entries(data.rows)
          .map(([kind, n]) => `${thousands(n)} ${kind}`)
          .join(', '),
    );

    const parameters: DashboardParameters = {
      first: page,
      organisationId: data.lettingOfficer.organisationId,
      year: data.indicatorYears.to,
      fromYear: data.indicatorYears.from,
    };
    const askedBy = (name: DashboardQueryName) =>
      name === 'caseDashboard'
        ? data.caseworker
        : name === 'vacancyBoard'
          ? data.lettingOfficer.identity
          : data.evaluator;
    const bodyOf = (name: DashboardQueryName) =>
      JSON.stringify({
        query: DASHBOARD_QUERIES[name].query,
        variables: dashboardVariables(name, parameters),
        operationName: DASHBOARD_QUERIES[name].operationName,
      });

    // What each target sends the subgraphs: an untimed pass through the counting proxy, on instances of their own.
    const proxy = await startCountingProxy(direct);
    const traffic: Partial<
      Record<DashboardTarget, Partial<Record<DashboardQueryName, Record<string, SubgraphTraffic>>>>
    > = {};
    const reference: Partial<Record<DashboardQueryName, { data: unknown; bytes: number }>> = {};
    try {
      for (const target of targets) {
        const counted = await startTarget(target, proxy.urls);
        for (const name of options.queries) {
          const body = bodyOf(name);
          const asked = askedBy(name);
          await post(counted.url, asked, body); // plans and schema warm
          proxy.reset();
          const answer = await post(counted.url, asked, body);
          (traffic[target] ??= {})[name] = proxy.traffic();
          // Every target must answer what our gateway answers, without errors.
          if (answer.status !== 200 || answer.body.errors) {
            ok = false;
            say(`  ${LABELS[target]} could not answer the ${QUERY_LABELS[name]}: ${answer.text.slice(0, 400)}`);
            continue;
          }
          const known = reference[name];
          if (!known) {
            reference[name] = { data: answer.body.data, bytes: Buffer.byteLength(answer.text) };
            continue;
          }
          const difference = firstDifference(known.data, answer.body.data);
          if (difference) {
            ok = false;
            say(`  ${LABELS[target]} answers the ${QUERY_LABELS[name]} differently from our gateway: ${difference}`);
          }
        }
        await stopTarget(counted.child);
      }
    } finally {
      await proxy.close();
    }

    // The targets for the timed runs, straight to the subgraphs.
    const running: Partial<Record<DashboardTarget, { child: Child; url: string }>> = { ours };
    for (const target of targets) if (!running[target]) running[target] = await startTarget(target, direct, true);
    const postmaster = (() => {
      try {
        return Number(readFileSync(join(scratch, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    })();

    const ms = (value: number) => value.toFixed(1);
    const total = (values: Record<string, number>) => Object.values(values).reduce((sum, v) => sum + v, 0);
    const perSubgraph = (values: Record<string, number>) =>
      Object.entries(values)
        .filter(([, v]) => v >= 0.05)
        .map(([name, v]) => `${name} ${ms(v)}`)
        .join(', ');
    const summaries: Partial<Record<DashboardQueryName, Partial<Record<DashboardTarget, RunResult>>>> = {};
    for (const name of options.queries) {
      const body = bodyOf(name);
      const token = await tokenFor(askedBy(name));
      const headers = { authorization: `Bearer ${token}` };
      const size = reference[name]?.bytes ?? 0;
      say(
        `\n${QUERY_LABELS[name]}: ${page} items, ${thousands(size)} bytes an answer; ${options.connections} connections, ` +
          `${options.runs} runs × ${options.duration} s after a ${options.warmup} s warm-up of each target; ` +
          `load average ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
      );
      const processesOf = (target: DashboardTarget): Processes => ({
        target: running[target]?.child.process.pid,
        subgraphs: subgraphPids,
        ...(postmaster ? { postmaster } : {}),
      });
      for (const target of targets) {
        const url = running[target]?.url;
        if (url) await load(url, headers, body, options.warmup, options.connections, processesOf(target));
      }
      const results: Partial<Record<DashboardTarget, RunResult[]>> = {};
      for (let run = 0; run < options.runs; run++) {
        // The targets take turns, starting one later each run, so that none always follows the same neighbour.
        const turn = targets.map((_, i) => targets[(i + run) % targets.length] as DashboardTarget);
        for (const target of turn) {
          const url = running[target]?.url;
          if (!url) continue;
          const result = await load(url, headers, body, options.duration, options.connections, processesOf(target));
          (results[target] ??= []).push(result);
          say(
            `  run ${run + 1} ${LABELS[target].padEnd(20)} ${result.requestsPerSecond.toFixed(1).padStart(7)} req/s, ` +
              `p50 ${ms(result.p50)} p95 ${ms(result.p95)} p99 ${ms(result.p99)} ms, errors ${result.errors}; ` +
              `CPU ms a request: ${target.startsWith('ours') ? 'gateway' : target === 'floor' ? 'floor' : 'Hive'} ` +
              `${ms(result.cpu.target)}, subgraphs ${ms(total(result.cpu.subgraphs))} (${perSubgraph(result.cpu.subgraphs)}), ` +
              `PostgreSQL ${ms(result.cpu.postgres)}, load ${ms(result.cpu.load)}; ` +
              `machine ${(100 * result.busy).toFixed(0)} % busy`,
          );
          if (result.errors > 0) {
            ok = false;
            say(`    not answered: ${JSON.stringify(result.statuses)}`);
          }
        }
      }
      const summary: Partial<Record<DashboardTarget, RunResult>> = {};
      for (const target of targets) {
        const runs = results[target] ?? [];
        if (runs.length === 0) continue;
        summary[target] = {
          requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
          p50: median(runs.map((r) => r.p50)),
          p95: median(runs.map((r) => r.p95)),
          p99: median(runs.map((r) => r.p99)),
          errors: runs.reduce((sum, r) => sum + r.errors, 0),
          statuses: {},
          requests: runs.reduce((sum, r) => sum + r.requests, 0),
          cpu: {
            target: median(runs.map((r) => r.cpu.target)),
            subgraphs: Object.fromEntries(
              Object.keys(subgraphPids).map((n) => [n, median(runs.map((r) => r.cpu.subgraphs[n] ?? 0))]),
            ),
            postgres: median(runs.map((r) => r.cpu.postgres)),
            load: median(runs.map((r) => r.cpu.load)),
          },
          busy: median(runs.map((r) => r.busy)),
        };
      }
      summaries[name] = summary;
      say(
        `  medians                   req/s   p50 ms   p95 ms   p99 ms  errors  CPU ms/req: own, subgraphs, PostgreSQL, load`,
      );
      for (const target of targets) {
        const s = summary[target];
        if (!s) continue;
        say(
          `    ${LABELS[target].padEnd(20)} ${s.requestsPerSecond.toFixed(1).padStart(7)} ${ms(s.p50).padStart(8)} ` +
            `${ms(s.p95).padStart(8)} ${ms(s.p99).padStart(8)} ${String(s.errors).padStart(7)}  ` +
            `${ms(s.cpu.target)}, ${ms(total(s.cpu.subgraphs))} (${perSubgraph(s.cpu.subgraphs)}), ` +
            `${ms(s.cpu.postgres)}, ${ms(s.cpu.load)}`,
        );
      }
      const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : '–');
      say(
        `  ours / Hive-Rust ${ratio(summary.ours?.requestsPerSecond, summary['hive-rust']?.requestsPerSecond)}, ` +
          `ours / Hive-JS ${ratio(summary.ours?.requestsPerSecond, summary['hive-js']?.requestsPerSecond)}, ` +
          `ours / floor ${ratio(summary.ours?.requestsPerSecond, summary.floor?.requestsPerSecond)} (throughput); ` +
          `p95 ours / floor ${ratio(summary.ours?.p95, summary.floor?.p95)}, ` +
          `p95 ours / Hive-Rust ${ratio(summary.ours?.p95, summary['hive-rust']?.p95)}` +
          (summary['ours-tuned']
            ? `; tuned / ours ${ratio(summary['ours-tuned'].requestsPerSecond, summary.ours?.requestsPerSecond)} ` +
              `(gateway CPU a request ${ratio(summary['ours-tuned'].cpu.target, summary.ours?.cpu.target)})`
            : ''),
      );
      say(
        '  what each target sends the subgraphs for one request (requests, representations (distinct), KB sent, KB received):',
      );
      for (const target of targets) {
        const sent = traffic[target]?.[name];
        if (!sent) continue;
        const parts = Object.entries(sent)
          .filter(([, t]) => t.requests > 0)
          .map(
            ([subgraph, t]) =>
              `${subgraph} ${t.requests} req, ${t.representations} reps (${t.distinctRepresentations}), ` +
              `${(t.requestBytes / 1024).toFixed(1)} KB → ${(t.responseBytes / 1024).toFixed(1)} KB`,
          );
        say(`    ${LABELS[target].padEnd(20)} ${parts.join('; ')}`);
      }
    }
    say('\noverview (medians): throughput ratios, and p95 latency of ours against the floor');
    for (const name of options.queries) {
      const summary = summaries[name] ?? {};
      const rps = (target: DashboardTarget) => summary[target]?.requestsPerSecond;
      const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : '–');
      say(
        `  ${QUERY_LABELS[name].padEnd(34)} ours ${rps('ours')?.toFixed(1) ?? '–'} req/s; ` +
          `ours / Hive-Rust ${ratio(rps('ours'), rps('hive-rust'))}, ours / Hive-JS ${ratio(rps('ours'), rps('hive-js'))}, ` +
          `ours / floor ${ratio(rps('ours'), rps('floor'))}; p95 ours / floor ${ratio(summary.ours?.p95, summary.floor?.p95)}` +
          (summary['ours-cached']
            ? `; with the response cache: ${rps('ours-cached')?.toFixed(1) ?? '–'} req/s, / Hive-Rust ` +
              `${ratio(rps('ours-cached'), rps('hive-rust'))}, / floor ${ratio(rps('ours-cached'), rps('floor'))}, ` +
              `p95 / floor ${ratio(summary['ours-cached']?.p95, summary.floor?.p95)}`
            : ''),
      );
    }
    say(
      `\ndashboard: load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end`,
    );
    return ok;
  } finally {
    for (const child of [...children].reverse()) await stopChild(child, 5_000);
    await postgres.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
