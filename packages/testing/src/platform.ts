// One test environment for every integration test: the given subgraphs on their own fresh databases,
// listening on free ports, the real gateway in front of them, tokens for any role, and SQL counters.
import { print } from 'graphql';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { CountingSqlLogger } from '@second-chance/db';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  GATEWAY_ASSERTION_HEADER,
  type Identity,
  generateGatewaySecret,
  signGatewayAssertion,
} from '@second-chance/identity';
import { type GatewayServer, type Limits, composeSupergraph, createGatewayServer } from '@second-chance/gateway';
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
  secret: string;
  databaseUrl: string;
  dataSource: DataSource;
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
  /** Runs `work` and counts the SQL statements each subgraph sent meanwhile. */
  countSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: Record<string, number>; total: number }>;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  limits?: Limits;
  /** Run the gateway as in production (introspection off). */
  production?: boolean;
  /** Services not in this platform that call those in it, as the test plays them: `{ households: ['housing'] }`. */
  callers?: Readonly<Record<string, readonly string[]>>;
  /** Puts something between two services (a proxy that loses answers, say): returns the URL to call instead. */
  interceptLink?: (from: string, to: string, url: string) => string;
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

  for (const module of modules) {
    const databaseUrl = await createTestDatabase(module.name);
    const { dataSource, sql } = await openSubgraphDatabase(module, databaseUrl, log);
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
    const runtime: BackgroundRuntime = { db: dataSource, databaseUrl, log, links };
    await module.background?.prepare(runtime);
    const secret = generateGatewaySecret();
    const server = await createSubgraphServer(module, {
      dataSource,
      gatewaySecrets: [secret],
      serviceClients: clientsOf(module.name),
      links,
      log,
    });
    const port = await server.listen(0);
    const url = `http://127.0.0.1:${port}/graphql`;
    subgraphs.set(module.name, {
      name: module.name,
      url,
      secret,
      databaseUrl,
      dataSource,
      sql,
      server,
      module,
      runtime,
      runJobs: () => module.background?.runOnce(runtime) ?? Promise.resolve(),
      query: async <D>(who: Identity, query: string, variables?: Record<string, unknown>) => {
        const response = await request(server.app)
          .post('/graphql')
          .set(GATEWAY_ASSERTION_HEADER, await signGatewayAssertion(secret, module.name, who))
          .send({ query, variables });
        return { status: response.status, body: response.body as GraphQLBody<D> };
      },
    });
  }

  const running = [...subgraphs.values()];
  const supergraphSdl = composeSupergraph(
    modules.map((module) => ({
      name: module.name,
      url: subgraphs.get(module.name)?.url ?? '',
      sdl: print(module.typeDefs),
    })),
  );
  const gateway = await createGatewayServer({
    supergraphSdl,
    subgraphs: Object.fromEntries(running.map((s) => [s.name, { url: s.url, secret: s.secret }])),
    verifyToken: createTokenVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, jwks: keys.publicJwks }),
    log,
    production: options.production ?? false,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  await gateway.listen(0);

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
    query: async <D>(token: string | null, query: string, variables?: Record<string, unknown>) => {
      const call = request(gateway.app).post('/graphql').set('content-type', 'application/json');
      if (token !== null) call.set('authorization', `Bearer ${token}`);
      const response = await call.send({ query, variables });
      return { status: response.status, body: response.body as GraphQLBody<D> };
    },
    countSql: async (work) => {
      const before = new Map(running.map((s) => [s.name, s.sql.total]));
      const result = await work();
      const statements = Object.fromEntries(running.map((s) => [s.name, s.sql.total - (before.get(s.name) ?? 0)]));
      return { result, statements, total: Object.values(statements).reduce((a, b) => a + b, 0) };
    },
    close: async () => {
      await gateway.stop();
      for (const subgraph of running) {
        await subgraph.server.stop();
        await dropDatabase(subgraph.databaseUrl);
      }
    },
  };
  return platform;
}
