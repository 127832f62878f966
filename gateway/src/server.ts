// The gateway: verifies who is calling, applies the limits, plans each query over the static supergraph
// and calls the subgraphs on the caller's behalf.
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { type Identity, type TokenVerifier, TokenError } from '@second-chance/identity';
import {
  type HttpService,
  type Logger,
  createErrorFormatter,
  healthRoutes,
  jsonErrors,
  listen,
  requestIdOf,
  requestLogging,
  unauthenticated,
} from '@second-chance/service-kit';
import { type Limits, DEFAULT_LIMITS, costLimitPlugin, depthRule } from './limits';
import { type GatewayContext, TrustedSubgraph } from './trusted-subgraph';

export interface SubgraphTarget {
  url: string;
  secret: string;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph answers and the secret the gateway signs its assertions with. */
  subgraphs: Readonly<Record<string, SubgraphTarget>>;
  verifyToken: TokenVerifier;
  log: Logger;
  production: boolean;
  limits?: Limits;
  subgraphTimeoutMs?: number;
  bodyLimit?: string;
}

export type GatewayServer = HttpService;

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) throw unauthenticated('sign in: send a token as "Authorization: Bearer <token>"');
  return match[1];
}

export async function createGatewayServer(options: GatewayOptions): Promise<GatewayServer> {
  const { log } = options;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => {
      const target = options.subgraphs[name];
      if (!target) throw new Error(`no URL and secret configured for subgraph ${name} (composed at ${url})`);
      return new TrustedSubgraph({
        name,
        url: target.url,
        secret: target.secret,
        timeoutMs: options.subgraphTimeoutMs ?? 10_000,
      });
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: log,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // The process's own shutdown handler stops the server, then closes the pool.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(log),
    validationRules: [depthRule(limits)],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginUsageReportingDisabled(),
      costLimitPlugin(limits),
      ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  healthRoutes(app, () => Promise.resolve(true));
  app.use(
    '/graphql',
    ...requestLogging(log),
    express.json({ limit: options.bodyLimit ?? '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GatewayContext> => {
        let identity: Identity;
        try {
          identity = await options.verifyToken(bearerToken(req.headers.authorization));
        } catch (error) {
          if (error instanceof TokenError) throw unauthenticated(`sign in again: ${error.message}`);
          throw error;
        }
        return { identity, requestId: requestIdOf(req), assertions: new Map() };
      },
    }),
  );
  app.use(jsonErrors(log));

  return {
    app,
    httpServer,
    listen: (port, host = '127.0.0.1') => listen(httpServer, port, host),
    stop: () => apollo.stop(),
  };
}
