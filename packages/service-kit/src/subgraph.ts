// Turns a service's schema, resolvers, entities and loaders into a running Federation 2 subgraph.
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

export type { GraphQLResolverMap };
import express, { type RequestHandler } from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { CountingSqlLogger, createDataSource, redactUrl, runMigrations } from '@second-chance/db';
import {
  GATEWAY_ASSERTION_HEADER,
  type Identity,
  TokenError,
  createGatewayAssertionVerifier,
} from '@second-chance/identity';
import { createErrorFormatter } from './errors';
import { type HttpService, healthRoutes, jsonErrors, listen, requestLogging } from './http';
import type { Logger } from './logger';

/** What every resolver receives: who is asking, the database, and this request's DataLoaders. */
export interface SubgraphContext<Loaders> {
  identity: Identity;
  db: DataSource;
  loaders: Loaders;
  log: Logger;
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
  createLoaders(db: DataSource): unknown;
  /** Adds the clearly synthetic demo data set (`pnpm start`); must be safe to run on every start. */
  seedDemo?(db: DataSource, log: Logger): Promise<void>;
}

export interface SubgraphServerOptions {
  dataSource: DataSource;
  /** Secrets the gateway may sign with, current first (two during a rotation). */
  gatewaySecrets: readonly string[];
  log: Logger;
  /** Largest request body accepted. */
  bodyLimit?: string;
}

/** `stop()` lets requests in flight finish, then closes the database pool. */
export type SubgraphServer = HttpService;

function gatewayGuard(name: string, secrets: readonly string[]): RequestHandler {
  const verify = createGatewayAssertionVerifier(name, secrets);
  return (req, res, next) => {
    verify(req.header(GATEWAY_ASSERTION_HEADER)).then(
      (identity) => {
        res.locals.identity = identity;
        next();
      },
      (error: unknown) => {
        const reason = error instanceof TokenError ? error.message : 'not accepted';
        res.status(401).json({
          errors: [
            {
              message: `the ${name} subgraph answers only the gateway: ${reason}`,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      },
    );
  };
}

/** Connects a service to its database and brings the schema up to date (migrations, never `synchronize`). */
export async function openSubgraphDatabase(
  module: SubgraphModule,
  url: string,
  log: Logger,
  poolSize?: number,
): Promise<{ dataSource: DataSource; sql: CountingSqlLogger }> {
  const sql = new CountingSqlLogger(log);
  const dataSource = createDataSource({
    url,
    entities: module.entities,
    migrations: module.migrations,
    logger: sql,
    ...(poolSize ? { poolSize } : {}),
    applicationName: `second-chance-${module.name}`,
  });
  await dataSource.initialize();
  const applied = await runMigrations(dataSource);
  log.info({ database: redactUrl(url), migrations: applied }, 'database ready');
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

  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSubgraphSchema([{ typeDefs: module.typeDefs, resolvers: module.resolvers }]),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
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
  app.use(
    '/graphql',
    ...requestLogging(log),
    gatewayGuard(module.name, options.gatewaySecrets),
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        Promise.resolve({
          identity: res.locals.identity as Identity,
          db,
          loaders: module.createLoaders(db),
          log: req.log,
        }),
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
