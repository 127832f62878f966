// Turns a service's schema, resolvers, entities and loaders into a running Federation 2 subgraph.
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

export type { GraphQLResolverMap };
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type RequestHandler } from 'express';
import { type DocumentNode, Kind, type OperationDefinitionNode, OperationTypeNode } from 'graphql';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { CountingSqlLogger, createDataSource, redactUrl, runMigrations } from '@second-chance/db';
import {
  GATEWAY_ASSERTION_HEADER,
  type Identity,
  SERVICE_ASSERTION_HEADER,
  TokenError,
  type VerifiedAssertion,
  createSubgraphAssertionVerifier,
} from '@second-chance/identity';
import { createErrorFormatter, forbidden } from './errors';
import { type HttpService, healthRoutes, jsonErrors, listen, requestLogging } from './http';
import type { Logger } from './logger';
import {
  type ScrapedGauges,
  ServiceMetrics,
  databasePoolMetrics,
  httpMetrics,
  metricsRoute,
  metricsTokenFromEnvironment,
  operationMetricsPlugin,
  scrapedGaugeMetrics,
} from './metrics';
import { announceService } from './trace-context';

/** What every resolver receives: who is asking, the database, and this request's DataLoaders. */
export interface SubgraphContext<Loaders> {
  identity: Identity;
  /** `gateway`, or the service that calls this one's API on the identity's behalf. */
  caller: string;
  db: DataSource;
  loaders: Loaders;
  log: Logger;
  /** Where the services this one calls answer, and the secrets it signs its assertions to them with. */
  links: ServiceLinks;
}

export interface ServiceLink {
  url: string;
  secret: string;
}

export type ServiceLinks = Readonly<Record<string, ServiceLink>>;

/** The root fields another service may use, by operation type (a service gets nothing it is not granted). */
export interface ServiceGrant {
  query?: readonly string[];
  mutation?: readonly string[];
}

/** What background work (a job queue, say) runs with: the database, its URL for a pool of its own, a log. */
export interface BackgroundRuntime {
  db: DataSource;
  databaseUrl: string;
  log: Logger;
  links: ServiceLinks;
}

export interface BackgroundWork {
  /** Installs what the work needs (a job queue's tables); runs on every start, in tests too. */
  prepare(runtime: BackgroundRuntime): Promise<void>;
  /** Starts working until `stop`, which lets running jobs finish. */
  start(runtime: BackgroundRuntime): Promise<{ stop(): Promise<void> }>;
  /** Runs every job that is due now, then returns: deterministic, for tests. */
  runOnce(runtime: BackgroundRuntime): Promise<void>;
}

/**
 * A service is this description; the kit does the rest. The kit never looks inside a service's loaders:
 * the service types its resolvers against `SubgraphContext<its loaders>` (from its generated types).
 */
export interface SubgraphModule {
  /** Lower-case name, also the gateway's name for the subgraph (`housing`). */
  name: string;
  defaultPort: number;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's type for entity classes
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's type for migration classes
  migrations: MixedList<Function>;
  /**
   * The database role the running service takes (its migrations create it and grant it what the service
   * needs): every pooled session runs as this role, while migrations run as the login user, who owns the tables.
   * Without it the service runs as the login user.
   */
  databaseRole?: string;
  /** One set per request; `identity` lets a service scope its reads to the caller (row-level security). */
  createLoaders(db: DataSource, identity: Identity): unknown;
  /** Plain HTTP routes beside `/graphql` (an inbox for signed domain events, say): not behind the caller guard. */
  routes?(app: express.Express, deps: { db: DataSource; log: Logger }): void;
  /** Adds to each request's context what the service's resolvers need beyond loaders. */
  extendContext?(context: SubgraphContext<unknown>): object;
  /** Apollo Server plugins of the service (e.g. writing a request's audit entries at its end). */
  plugins?: ApolloServerPlugin<SubgraphContext<unknown>>[];
  /** The services whose API this one calls (configured as `<NAME>_SERVICE_URL` and `<NAME>_SERVICE_SECRET`). */
  calls?: readonly string[];
  /** Which root fields each calling service may use (`SERVICE_CLIENTS` names who may call at all). */
  serviceGrants?: Readonly<Record<string, ServiceGrant>>;
  background?: BackgroundWork;
  /** Adds the clearly synthetic demo data set (`pnpm start`); must be safe to run on every start. */
  seedDemo?(db: DataSource, log: Logger): Promise<void>;
  /** Gauges of the service's own, read from its database at each scrape of `/metrics` (its outbox, say). */
  metrics?: ScrapedGauges;
}

export interface SubgraphServerOptions {
  dataSource: DataSource;
  /** Secrets the gateway may sign with, current first (two during a rotation). */
  gatewaySecrets: readonly string[];
  /** Services that may call this one's API, each with its secrets, current first (`SERVICE_CLIENTS`). */
  serviceClients?: Readonly<Record<string, readonly string[]>>;
  /** The services this one calls (see `SubgraphModule.calls`). */
  links?: ServiceLinks;
  log: Logger;
  /** Largest request body accepted. */
  bodyLimit?: string;
  /** The bearer token `/metrics` answers to (default: METRICS_TOKEN; none: `/metrics` is not served). */
  metricsToken?: string;
}

/** `stop()` lets requests in flight finish, then closes the database pool. */
export type SubgraphServer = HttpService;

function callerGuard(name: string, options: SubgraphServerOptions): RequestHandler {
  const verify = createSubgraphAssertionVerifier(name, options.gatewaySecrets, options.serviceClients);
  const check = async (gateway: string | undefined, service: string | undefined): Promise<VerifiedAssertion> => {
    const verified = await verify(service ?? gateway);
    // A service's assertion counts only in the service header, the gateway's only in its own.
    if ((verified.sender === 'gateway') !== (service === undefined)) {
      throw new TokenError('assertion sent in the wrong header', 'signature');
    }
    return verified;
  };
  return (req, res, next) => {
    check(req.header(GATEWAY_ASSERTION_HEADER), req.header(SERVICE_ASSERTION_HEADER)).then(
      (verified) => {
        res.locals.verified = verified;
        next();
      },
      (error: unknown) => {
        const reason = error instanceof TokenError ? error.message : 'not accepted';
        res.status(401).json({
          errors: [
            {
              message: `the ${name} subgraph answers only the gateway and the services it trusts: ${reason}`,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      },
    );
  };
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.map((selection) =>
    selection.kind === Kind.FIELD ? selection.name.value : `(${selection.kind})`,
  );
}

/** Refuses a service any root field it was not granted (the gateway may use them all). */
function serviceGrantsPlugin(
  grants: Readonly<Record<string, ServiceGrant>>,
): ApolloServerPlugin<SubgraphContext<unknown>> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ contextValue, operation }) => {
          if (contextValue.caller === 'gateway' || !operation) return Promise.resolve();
          const grant = grants[contextValue.caller];
          const granted =
            operation.operation === OperationTypeNode.QUERY
              ? grant?.query
              : operation.operation === OperationTypeNode.MUTATION
                ? grant?.mutation
                : undefined;
          const refused = rootFields(operation).filter((field) => !granted?.includes(field));
          if (refused.length > 0) {
            throw forbidden(`the ${contextValue.caller} service may not use ${refused.join(', ')}`);
          }
          return Promise.resolve();
        },
      }),
  };
}

/**
 * Connects a service to its database and brings the schema up to date (migrations, never `synchronize`).
 * With a `databaseRole`, the migrations run on a connection of their own as the login user, and the returned
 * pool takes the role on every connection.
 */
export async function openSubgraphDatabase(
  module: SubgraphModule,
  url: string,
  log: Logger,
  poolSize?: number,
): Promise<{ dataSource: DataSource; sql: CountingSqlLogger }> {
  const sql = new CountingSqlLogger(log);
  const options = {
    url,
    entities: module.entities,
    migrations: module.migrations,
    logger: sql,
    applicationName: `second-chance-${module.name}`,
  };
  const role = module.databaseRole;
  if (!role) {
    const dataSource = createDataSource({ ...options, ...(poolSize ? { poolSize } : {}) });
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    log.info({ database: redactUrl(url), migrations: applied }, 'database ready');
    return { dataSource, sql };
  }

  // Two connections: one holds the migration lock while the migrations run on the other.
  const owner = createDataSource({ ...options, poolSize: 2 });
  await owner.initialize();
  let applied: string[];
  try {
    applied = await runMigrations(owner);
    const [login] = await owner.query<{ user: string; allowed: boolean }[]>(
      `SELECT current_user AS "user", pg_has_role(current_user, $1, 'SET') AS allowed`,
      [role],
    );
    if (!login?.allowed) {
      throw new Error(
        `the database user ${login?.user ?? '?'} may not take the role ${role} the ${module.name} service runs as; ` +
          `a database administrator runs: GRANT ${role} TO ${login?.user ?? '<login user>'}`,
      );
    }
  } finally {
    await owner.destroy();
  }
  const dataSource = createDataSource({ ...options, role, ...(poolSize ? { poolSize } : {}) });
  await dataSource.initialize();
  const [session] = await dataSource.query<{ role: string }[]>('SELECT current_user AS role');
  if (session?.role !== role) {
    await dataSource.destroy();
    throw new Error(`the ${module.name} service's database sessions run as ${session?.role ?? '?'}, not ${role}`);
  }
  log.info({ database: redactUrl(url), migrations: applied, role }, 'database ready');
  return { dataSource, sql };
}

export async function createSubgraphServer(
  module: SubgraphModule,
  options: SubgraphServerOptions,
): Promise<SubgraphServer> {
  const { dataSource: db, log } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  announceService(module.name);
  const metrics = new ServiceMetrics(module.name);
  app.use(httpMetrics(metrics));
  metricsRoute(app, metrics, options.metricsToken ?? metricsTokenFromEnvironment());
  databasePoolMetrics(metrics, db);
  if (module.metrics) scrapedGaugeMetrics(metrics, module.metrics, db, log);

  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSubgraphSchema([{ typeDefs: module.typeDefs, resolvers: module.resolvers }]),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      serviceGrantsPlugin(module.serviceGrants ?? {}),
      operationMetricsPlugin(metrics),
      ...(module.plugins ?? []),
    ],
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    // The process's own shutdown handler stops the server, then closes the pool.
    stopOnTerminationSignals: false,
    logger: log,
  });
  await apollo.start();

  healthRoutes(app, async () => {
    await db.query('SELECT 1');
    return true;
  });
  module.routes?.(app, { db, log });
  app.use(
    '/graphql',
    ...requestLogging(log),
    callerGuard(module.name, options),
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => {
        const { identity, sender } = res.locals.verified as VerifiedAssertion;
        const context: SubgraphContext<unknown> = {
          identity,
          caller: sender,
          db,
          loaders: module.createLoaders(db, identity),
          log: req.log,
          links: options.links ?? {},
        };
        return Promise.resolve(module.extendContext ? { ...context, ...module.extendContext(context) } : context);
      },
    }),
  );
  app.use(jsonErrors(log));

  return {
    app,
    httpServer,
    listen: (port, host = '127.0.0.1') => listen(httpServer, port, host),
    stop: async () => {
      await apollo.stop();
      if (db.isInitialized) await db.destroy();
    },
  };
}
