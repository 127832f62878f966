// Hive Gateway over the platform's supergraph, in a process of its own, for the case-dashboard benchmark
// (`pnpm bench --only dashboard`): the same supergraph and subgraph processes as our gateway, with the same
// trust chain. It verifies the person's token with the platform's verifier and sends each subgraph the
// assertion the subgraph demands (`x-gateway-assertion`, signed with that subgraph's secret, one per subgraph
// per request), as our gateway does. Nothing else of our gateway is reproduced (no rate limit, no cost limit).
//
// Environment: PORT, HOST, SUPERGRAPH_FILE, AUTH_JWKS_FILE, AUTH_ISSUER, AUTH_AUDIENCE, and for each subgraph
// `<NAME>_SUBGRAPH_URL` and `<NAME>_SUBGRAPH_SECRET` as for our gateway; HIVE_PLANNER `js` (Hive's own
// JavaScript planner, the default) or `rust` (the Rust query planner of `@graphql-hive/router-runtime`).
// In-flight deduplication of identical subgraph requests (on by default in Hive) is off: our gateway has none.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type GatewayPlugin, createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { GraphQLError } from 'graphql';
import type { JSONWebKeySet } from 'jose';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  GATEWAY_ASSERTION_HEADER,
  type Identity,
  TokenError,
  createTokenVerifier,
  reusableGatewayAssertions,
} from '@second-chance/identity';

interface TrustContext {
  /** The verified person, set once per request. */
  identity?: Identity;
  /** Assertions signed during this request, one per subgraph. */
  assertions?: Map<string, Promise<string>>;
}

/** As the gateway names them: `HOUSING_SUBGRAPH_URL`, `HOUSING_SUBGRAPH_SECRET`. */
const subgraphVariable = (name: string, what: 'URL' | 'SECRET') => `${name.toUpperCase()}_SUBGRAPH_${what}`;

/** The subgraphs a supergraph names. */
const subgraphsOf = (supergraphSdl: string) =>
  [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g)].map((m) => ({ name: m[1] ?? '' }));

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The supergraph with each subgraph's URL replaced by the one configured (the composed URLs are defaults). */
function withSubgraphUrls(supergraphSdl: string, urls: Readonly<Record<string, string>>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => {
    const url = urls[name];
    return url ? `@join__graph(name: "${name}", url: "${url}")` : whole;
  });
}

function main(): void {
  const planner = process.env.HIVE_PLANNER ?? 'js';
  if (planner !== 'js' && planner !== 'rust') throw new Error('HIVE_PLANNER is js or rust');
  const composed = readFileSync(required('SUPERGRAPH_FILE'), 'utf8');
  const subgraphs = subgraphsOf(composed).map(({ name }) => ({
    name,
    url: required(subgraphVariable(name, 'URL')),
    secret: required(subgraphVariable(name, 'SECRET')),
  }));
  // Each person's assertion reused for half its lifetime, as our gateway does.
  const signers = new Map(subgraphs.map((s) => [s.name, reusableGatewayAssertions(s.secret, s.name)]));
  const supergraph = withSubgraphUrls(composed, Object.fromEntries(subgraphs.map((s) => [s.name, s.url])));
  const verifyToken = createTokenVerifier({
    issuer: process.env.AUTH_ISSUER ?? DEFAULT_ISSUER,
    audience: process.env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE,
    jwks: JSON.parse(readFileSync(required('AUTH_JWKS_FILE'), 'utf8')) as JSONWebKeySet,
    // As our gateway does (TOKEN_CACHE_SECONDS): a verified token is remembered for up to 60 s.
    cache: { maxTokens: 10_000, maxAgeSeconds: 60 },
  });

  /** The person's token, verified once per request before anything is planned or sent. */
  const verifyPerson: GatewayPlugin<TrustContext> = {
    onContextBuilding: async ({ context, extendContext }) => {
      const token = /^Bearer\s+(\S+)$/i.exec(context.request.headers.get('authorization') ?? '')?.[1];
      if (!token) throw unauthenticated('sign in: send a token as "Authorization: Bearer <token>"');
      try {
        extendContext({ identity: await verifyToken(token), assertions: new Map() });
      } catch (error) {
        if (error instanceof TokenError) throw unauthenticated(`sign in again: ${error.message}`);
        throw error;
      }
    },
  };

  const gateway = createGatewayRuntime<TrustContext>({
    supergraph,
    ...(planner === 'rust' ? { unifiedGraphHandler } : {}),
    logging: (process.env.LOG_LEVEL as 'warn' | 'error' | 'info' | 'debug' | undefined) ?? 'warn',
    landingPage: false,
    graphiql: false,
    healthCheckEndpoint: '/health/live',
    readinessCheckEndpoint: '/health/ready',
    // Our gateway sends every subgraph request it plans; so does Hive here.
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    // Each subgraph call carries only the assertion of the verified person, signed for that subgraph.
    propagateHeaders: {
      fromClientToSubgraphs: async ({ context, subgraphName }) => {
        const { identity, assertions } = context;
        const sign = signers.get(subgraphName);
        if (!identity || !assertions || !sign) return {};
        let assertion = assertions.get(subgraphName);
        if (!assertion) {
          assertion = sign(identity);
          assertions.set(subgraphName, assertion);
        }
        return { [GATEWAY_ASSERTION_HEADER]: await assertion };
      },
    },
    plugins: () => [verifyPerson],
  });

  const server = createServer((req, res) => void gateway(req, res));
  const port = Number(process.env.PORT ?? 4100);
  server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
    process.stdout.write(`hive gateway (${planner} planner) ready on http://127.0.0.1:${port}/graphql\n`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close();
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by the benchmark with an IPC channel: when the benchmark goes, so does this process.
  process.on('disconnect', stop);
}

main();
