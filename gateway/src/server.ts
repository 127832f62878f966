// The gateway: verifies who is calling, applies the limits, plans each query over the static supergraph
// and calls the subgraphs on the caller's behalf. Nothing a client sends in its headers reaches a subgraph:
// each subgraph call carries only the gateway's own assertion of the verified identity (and a request id).
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
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
import { type Limits, DEFAULT_LIMITS, costLimitPlugin, limitRules, tokenLimitMessage } from './limits';
import { cacheHintsNotForClients, responseCachePlugins } from './response-cache';
import { type RateLimitOptions, type RateLimiter, DEFAULT_RATE_LIMIT, createRateLimiter } from './rate-limit';
import { type GatewayContext, TrustedSubgraph } from './trusted-subgraph';
import { observeGateway } from './observability';

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
  /** Requests per caller; `false` counts nothing. */
  rateLimit?: RateLimitOptions | false;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client's address (default: none). */
  trustProxy?: boolean | number | string;
  subgraphTimeoutMs?: number;
  bodyLimit?: string;
  /** Keep whole answers of reference data for the lifetime the subgraphs give them (default: off). */
  responseCache?: boolean;
}

export type GatewayServer = HttpService;

function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/** Who sent a request, as far as its token says: an identity, or why there is none. */
type Authentication = { identity: Identity } | { refusal: string };

/** Answers with one GraphQL-shaped error, before the GraphQL server is involved. */
function refuse(res: Response, status: number, message: string, code: string, extra: Record<string, unknown> = {}) {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * Verifies the token once, then counts the request against its identity (or, without a valid token,
 * against its network address) before the body is even read: a caller over the limit gets 429 with
 * Retry-After. A missing or invalid token is answered later, by the GraphQL server (401).
 */
function authenticate(
  verifyToken: TokenVerifier,
  rateLimiter: RateLimiter | undefined,
  authentications: WeakMap<Request, Authentication>,
  log: Logger,
): RequestHandler {
  const verify = async (header: string | undefined): Promise<Authentication> => {
    const token = bearerToken(header);
    if (!token) return { refusal: 'sign in: send a token as "Authorization: Bearer <token>"' };
    try {
      return { identity: await verifyToken(token) };
    } catch (error) {
      if (error instanceof TokenError) return { refusal: `sign in again: ${error.message}` };
      throw error;
    }
  };
  return (req, res, next) => {
    void (async () => {
      const authentication = await verify(req.headers.authorization);
      authentications.set(req, authentication);
      const identity = 'identity' in authentication ? authentication.identity : undefined;
      const decision = rateLimiter ? await rateLimiter.take(identity, req.ip ?? 'unknown') : { allowed: true as const };
      if (decision.allowed) return next();
      log.warn(
        { organisation: identity?.organisation, by: identity ? 'identity' : 'address' },
        'request refused: over the rate limit',
      );
      res.setHeader('retry-after', String(decision.retryAfterSeconds));
      refuse(res, 429, `too many requests: try again in ${decision.retryAfterSeconds} s`, 'RATE_LIMITED', {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    })().catch(next);
  };
}

/** A JSON array of operations is refused: every operation is a request of its own, limited and counted. */
const refuseBatches: RequestHandler = (req, res, next) => {
  if (!Array.isArray(req.body)) return next();
  refuse(res, 400, 'batched operations are not accepted: send one operation per request', 'BAD_REQUEST');
};

/** A body over the limit: 413 with the limit named, before anything is parsed or sent on. */
function bodyTooLarge(limit: string): ErrorRequestHandler {
  return (error: { type?: string }, _req, res, next) => {
    if (error.type !== 'entity.too.large') return next(error);
    refuse(res, 413, `the request body is larger than the gateway accepts (${limit})`, 'BAD_REQUEST');
  };
}

/**
 * The shared error formatter (client errors as they are, everything else masked), with the gateway's own
 * wording for the token limit; in production no error suggests names of the schema ("Did you mean …?").
 */
function gatewayErrorFormatter(log: Logger, limits: Limits, production: boolean) {
  const format = createErrorFormatter(log);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    const tokens = tokenLimitMessage(result.message, limits);
    const message = tokens ?? (production ? result.message.replace(/ ?Did you mean [^?]*\?/g, '') : result.message);
    return message === result.message ? result : { ...result, message };
  };
}

export async function createGatewayServer(options: GatewayOptions): Promise<GatewayServer> {
  const { log, production } = options;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const bodyLimit = options.bodyLimit ?? '256kb';
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const observability = observeGateway();
  const sources: TrustedSubgraph[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: log,
    // Apollo Gateway shows its query plan to any client that asks with a header unless NODE_ENV is
    // production; the plan names the subgraphs and what each is sent: never shown.
    __exposeQueryPlanExperimental: false,
    buildService: observability.counted(({ name, url }) => {
      const target = options.subgraphs[name];
      if (!target) throw new Error(`no URL and secret configured for subgraph ${name} (composed at ${url})`);
      const source = new TrustedSubgraph({
        name,
        url: target.url,
        secret: target.secret,
        timeoutMs: options.subgraphTimeoutMs ?? 10_000,
        log,
      });
      sources.push(source);
      return source;
    }),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  observability.mount(app);
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: log,
    introspection: !production,
    // Misspelt names get no "Did you mean …?" in production: the schema is not published there.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    // One operation per request (a JSON array is refused before it gets here, too).
    allowBatchedHttpRequests: false,
    // The parser stops at the token limit, before a huge document costs any more work.
    parseOptions: { maxTokens: limits.maxTokens },
    // The process's own shutdown handler stops the server, then closes the pool.
    stopOnTerminationSignals: false,
    formatError: gatewayErrorFormatter(log, limits, production),
    validationRules: limitRules(limits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginUsageReportingDisabled(),
      costLimitPlugin(limits),
      cacheHintsNotForClients(),
      ...(options.responseCache ? responseCachePlugins<GatewayContext>() : []),
      observability.plugin,
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const authentications = new WeakMap<Request, Authentication>();
  healthRoutes(app, () => Promise.resolve(true));
  app.use(
    '/graphql',
    ...requestLogging(log),
    authenticate(options.verifyToken, rateLimit ? createRateLimiter(rateLimit) : undefined, authentications, log),
    express.json({ limit: bodyLimit }),
    refuseBatches,
    expressMiddleware(apollo, {
      context: ({ req }): Promise<GatewayContext> => {
        const authentication = authentications.get(req) ?? { refusal: 'sign in' };
        if ('refusal' in authentication) return Promise.reject(unauthenticated(authentication.refusal));
        return Promise.resolve({
          identity: authentication.identity,
          requestId: requestIdOf(req),
          assertions: new Map(),
        });
      },
    }),
  );
  app.use(bodyTooLarge(bodyLimit));
  app.use(jsonErrors(log));

  return {
    app,
    httpServer,
    listen: (port, host = '127.0.0.1') => listen(httpServer, port, host),
    // In-flight requests finish first (the drain plugin), then the kept-alive subgraph connections close.
    stop: async () => {
      await apollo.stop();
      await Promise.all(sources.map((source) => source.close()));
    },
  };
}
