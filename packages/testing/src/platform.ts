// One test environment for every integration test: the given subgraphs on their own fresh databases,
// listening on free ports, the real gateway in front of them, tokens for any role, and SQL counters.
import { print } from 'graphql';
import type { JSONWebKeySet } from 'jose';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { type CountingSqlLogger, createDataSource } from '@second-chance/db';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  GATEWAY_ASSERTION_HEADER,
  type Identity,
  generateGatewaySecret,
  signGatewayAssertion,
} from '@second-chance/identity';
import {
  type GatewayServer,
  type Limits,
  type RateLimitOptions,
  composeSupergraph,
  createGatewayServer,
} from '@second-chance/gateway';
import {
  type BackgroundRuntime,
  type ServiceLink,
  type SubgraphModule,
  type SubgraphServer,
  createLogger,
  createSubgraphServer,
  openSubgraphDatabase,
} from '@second-chance/service-kit';
import { createTestDatabase, dropDatabase } from './database';
import { type TestKeys, createTestKeys, mintToken } from './tokens';

/** A GraphQL response body as JSON; `D` is the shape the test expects `data` to have. */
export interface GraphQLBody<D = Record<string, unknown>> {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface GraphQLResult<D = Record<string, unknown>> {
  status: number;
  body: GraphQLBody<D>;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  /** The gateway secret the subgraph accepts first (the current one). */
  secret: string;
  databaseUrl: string;
  /** The database as the running service sees it (as its database role, when it has one). */
  dataSource: DataSource;
  /**
   * The database as the login user that owns the tables and runs the migrations: for tests that act as the
   * operator (moving a queued job's time, say). The same as `dataSource` for a service without a role.
   */
  owner: DataSource;
  sql: CountingSqlLogger;
  server: SubgraphServer;
  module: SubgraphModule;
  /** What the subgraph's background work runs with. */
  runtime: BackgroundRuntime;
  /** Runs the subgraph's due background jobs now (its queue does not run by itself in tests). */
  runJobs(): Promise<void>;
  /** Sends an operation straight to the subgraph, with a valid gateway assertion for `who`. */
  query<D = Record<string, unknown>>(
    who: Identity,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<D>>;
}

/** A further gateway over the platform's subgraphs (another instance, configured differently). */
export interface TestGateway {
  server: GatewayServer;
  query<D = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<D>>;
  close(): Promise<void>;
}

export interface TestPlatform {
  gateway: GatewayServer;
  keys: TestKeys;
  subgraph(name: string): RunningSubgraph;
  token(who: Identity, expiresIn?: string | number): Promise<string>;
  /** The link a service (in the platform or played by the test) uses to call another. */
  link(from: string, to: string): ServiceLink;
  /** Sends an operation through the gateway; `token` null sends none. */
  query<D = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<D>>;
  /** Starts another gateway over the same subgraphs (closed with the platform, or by its own `close`). */
  startGateway(options?: GatewayVariant): Promise<TestGateway>;
  /**
   * Stops a subgraph and starts it again on the same URL and database, accepting `gatewaySecrets` (current
   * first): a deployment of a new configuration. The running gateways keep the secrets they sign with.
   */
  restartSubgraph(name: string, options: { gatewaySecrets: readonly string[] }): Promise<RunningSubgraph>;
  /** Runs `work` and counts the SQL statements each subgraph sent meanwhile. */
  countSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: Record<string, number>; total: number }>;
  close(): Promise<void>;
}

/** How a test gateway differs from the default one. */
export interface GatewayVariant {
  limits?: Limits;
  /** Run the gateway as in production (introspection off, no "Did you mean …?"). */
  production?: boolean;
  /**
   * Requests per caller. Tests count nothing unless they ask: a test that builds its data through the API
   * sends many requests as one person, and its outcome must not depend on how fast the machine is.
   */
  rateLimit?: RateLimitOptions | false;
  /** Express's `trust proxy` (default: none trusted, so X-Forwarded-For is ignored). */
  trustProxy?: boolean | number | string;
  subgraphTimeoutMs?: number;
  bodyLimit?: string;
  /** The gateway keeps whole answers of reference data (production's default; off here unless asked). */
  responseCache?: boolean;
  /** The public keys the gateway trusts for people's tokens (default: the platform's own key). */
  trustedKeys?: JSONWebKeySet;
  /** The secret the gateway signs its assertions to a subgraph with, by name (default: its current one). */
  signingSecrets?: Readonly<Record<string, string>>;
  /** Where the gateway calls a subgraph instead of its own URL, by name (something in between, say). */
  subgraphUrls?: Readonly<Record<string, string>>;
}

export interface TestPlatformOptions extends GatewayVariant {
  /** Services not in this platform that call those in it, as the test plays them: `{ households: ['housing'] }`. */
  callers?: Readonly<Record<string, readonly string[]>>;
  /** Puts something between two services (a proxy that loses answers, say): returns the URL to call instead. */
  interceptLink?: (from: string, to: string, url: string) => string;
  /**
   * The PostgreSQL server the subgraphs' databases are made on (a URL of one of its databases), for a test that
   * stops and starts its own server; default: the test run's shared server.
   */
  databaseServerUrl?: string;
}

export async function startTestPlatform(
  modules: readonly SubgraphModule[],
  options: TestPlatformOptions = {},
): Promise<TestPlatform> {
  const log = createLogger('test', process.env.LOG_LEVEL ?? 'silent');
  const keys = await createTestKeys();
  const subgraphs = new Map<string, RunningSubgraph>();

  // Every service-to-service link gets its secret first: a callee must trust its callers when it starts.
  const linkSecrets = new Map<string, string>();
  for (const module of modules) {
    for (const target of module.calls ?? []) linkSecrets.set(`${module.name}->${target}`, generateGatewaySecret());
  }
  for (const [caller, targets] of Object.entries(options.callers ?? {})) {
    for (const target of targets) linkSecrets.set(`${caller}->${target}`, generateGatewaySecret());
  }
  const clientsOf = (target: string): Record<string, string[]> => {
    const clients: Record<string, string[]> = {};
    for (const [key, secret] of linkSecrets) {
      const [from, to] = key.split('->');
      if (from && to === target) clients[from] = [secret];
    }
    return clients;
  };

  /** Serves a module's API on `port` (0: any free one) over `dataSource`, accepting `gatewaySecrets`. */
  const serve = async (
    module: SubgraphModule,
    dataSource: DataSource,
    gatewaySecrets: readonly string[],
    links: Record<string, ServiceLink>,
    port: number,
  ): Promise<{ server: SubgraphServer; port: number }> => {
    const server = await createSubgraphServer(module, {
      dataSource,
      gatewaySecrets,
      serviceClients: clientsOf(module.name),
      links,
      log,
    });
    return { server, port: await server.listen(port) };
  };
  const linksOf = new Map<string, Record<string, ServiceLink>>();

  for (const module of modules) {
    const databaseUrl = await createTestDatabase(module.name, options.databaseServerUrl);
    const { dataSource, sql } = await openSubgraphDatabase(module, databaseUrl, log);
    const owner = module.databaseRole
      ? createDataSource({ url: databaseUrl, entities: module.entities, migrations: module.migrations, poolSize: 2 })
      : dataSource;
    if (owner !== dataSource) await owner.initialize();
    const links: Record<string, ServiceLink> = {};
    const names = modules.map((m) => m.name);
    for (const target of module.calls ?? []) {
      const callee = subgraphs.get(target);
      // A service the platform leaves out is simply not linked (the caller must cope, as in production).
      if (!callee && !names.includes(target)) continue;
      if (!callee) throw new Error(`${module.name} calls ${target}: list ${target} before it`);
      const url = options.interceptLink ? options.interceptLink(module.name, target, callee.url) : callee.url;
      links[target] = { url, secret: linkSecrets.get(`${module.name}->${target}`) ?? '' };
    }
    linksOf.set(module.name, links);
    const runtime: BackgroundRuntime = { db: dataSource, databaseUrl, log, links };
    await module.background?.prepare(runtime);
    const secret = generateGatewaySecret();
    const { server, port } = await serve(module, dataSource, [secret], links, 0);
    const running: RunningSubgraph = {
      name: module.name,
      url: `http://127.0.0.1:${port}/graphql`,
      secret,
      databaseUrl,
      dataSource,
      owner,
      sql,
      server,
      module,
      runtime,
      runJobs: () => module.background?.runOnce(runtime) ?? Promise.resolve(),
      query: async <D>(who: Identity, query: string, variables?: Record<string, unknown>) => {
        const response = await request(running.server.app)
          .post('/graphql')
          .set(GATEWAY_ASSERTION_HEADER, await signGatewayAssertion(running.secret, module.name, who))
          .send({ query, variables });
        return { status: response.status, body: response.body as GraphQLBody<D> };
      },
    };
    subgraphs.set(module.name, running);
  }

  const running = [...subgraphs.values()];
  const supergraphSdl = composeSupergraph(
    modules.map((module) => ({
      name: module.name,
      url: subgraphs.get(module.name)?.url ?? '',
      sdl: print(module.typeDefs),
    })),
  );
  const gatewayFor = async (variant: GatewayVariant): Promise<GatewayServer> => {
    const server = await createGatewayServer({
      supergraphSdl,
      subgraphs: Object.fromEntries(
        running.map((s) => [
          s.name,
          { url: variant.subgraphUrls?.[s.name] ?? s.url, secret: variant.signingSecrets?.[s.name] ?? s.secret },
        ]),
      ),
      verifyToken: createTokenVerifier({
        issuer: DEFAULT_ISSUER,
        audience: DEFAULT_AUDIENCE,
        jwks: variant.trustedKeys ?? keys.publicJwks,
      }),
      log,
      production: variant.production ?? false,
      rateLimit: variant.rateLimit ?? false,
      ...(variant.limits ? { limits: variant.limits } : {}),
      ...(variant.trustProxy !== undefined ? { trustProxy: variant.trustProxy } : {}),
      ...(variant.subgraphTimeoutMs ? { subgraphTimeoutMs: variant.subgraphTimeoutMs } : {}),
      ...(variant.bodyLimit ? { bodyLimit: variant.bodyLimit } : {}),
      ...(variant.responseCache ? { responseCache: true } : {}),
    });
    await server.listen(0);
    return server;
  };
  const queryThrough =
    (server: GatewayServer) =>
    async <D>(token: string | null, query: string, variables?: Record<string, unknown>) => {
      const call = request(server.app).post('/graphql').set('content-type', 'application/json');
      if (token !== null) call.set('authorization', `Bearer ${token}`);
      const response = await call.send({ query, variables });
      return { status: response.status, body: response.body as GraphQLBody<D> };
    };
  const gateway = await gatewayFor(options);
  const extraGateways = new Set<GatewayServer>();

  const platform: TestPlatform = {
    gateway,
    keys,
    subgraph: (name) => {
      const found = subgraphs.get(name);
      if (!found) throw new Error(`no subgraph ${name} in this test platform`);
      return found;
    },
    token: (who, expiresIn) => mintToken(keys, who, expiresIn),
    link: (from, to) => {
      const secret = linkSecrets.get(`${from}->${to}`);
      const target = subgraphs.get(to);
      if (!secret || !target) throw new Error(`no link from ${from} to ${to} in this test platform`);
      return { url: target.url, secret };
    },
    query: queryThrough(gateway),
    startGateway: async (variant = {}) => {
      const server = await gatewayFor(variant);
      extraGateways.add(server);
      return {
        server,
        query: queryThrough(server),
        close: async () => {
          if (extraGateways.delete(server)) await server.stop();
        },
      };
    },
    restartSubgraph: async (name, { gatewaySecrets }) => {
      const subgraph = platform.subgraph(name);
      const [current] = gatewaySecrets;
      if (!current) throw new Error(`${name} needs at least one gateway secret`);
      const port = Number(new URL(subgraph.url).port);
      await subgraph.server.stop();
      const { dataSource, sql } = await openSubgraphDatabase(subgraph.module, subgraph.databaseUrl, log);
      const { server } = await serve(subgraph.module, dataSource, gatewaySecrets, linksOf.get(name) ?? {}, port);
      Object.assign(subgraph, { server, dataSource, sql, secret: current });
      if (!subgraph.module.databaseRole) subgraph.owner = dataSource;
      subgraph.runtime.db = dataSource;
      return subgraph;
    },
    countSql: async (work) => {
      const before = new Map(running.map((s) => [s.name, s.sql.total]));
      const result = await work();
      const statements = Object.fromEntries(running.map((s) => [s.name, s.sql.total - (before.get(s.name) ?? 0)]));
      return { result, statements, total: Object.values(statements).reduce((a, b) => a + b, 0) };
    },
    close: async () => {
      for (const extra of extraGateways) await extra.stop();
      extraGateways.clear();
      await gateway.stop();
      for (const subgraph of running) {
        await subgraph.server.stop();
        if (subgraph.owner !== subgraph.dataSource && subgraph.owner.isInitialized) await subgraph.owner.destroy();
        await dropDatabase(subgraph.databaseUrl);
      }
    },
  };
  return platform;
}
