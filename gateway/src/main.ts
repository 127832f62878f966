// The gateway process: configuration from the environment (development defaults from the data folder).
// First: when traces are configured, their instrumentations must be in place before anything else loads.
import '@second-chance/service-kit/src/instrument';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { dataDirectory, workspaceRoot } from '@second-chance/db';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  createTokenVerifier,
  loadOrCreateDevKeys,
  loadOrCreateDevSecrets,
} from '@second-chance/identity';
import { createLogger, isProduction, onShutdown, port, readEnv } from '@second-chance/service-kit';
import { runWorkers } from './cluster';
import { DEFAULT_LIMITS } from './limits';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import { type SubgraphTarget, createGatewayServer } from './server';
import { SUBGRAPHS, SUPERGRAPH_FILE, defaultUrl, subgraphVariable, subgraphsOf } from './subgraphs';

const envSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  SUPERGRAPH_FILE: z.string().optional(),
  AUTH_ISSUER: z.string().default(DEFAULT_ISSUER),
  AUTH_AUDIENCE: z.string().default(DEFAULT_AUDIENCE),
  AUTH_JWKS: z.string().optional(),
  AUTH_JWKS_FILE: z.string().optional(),
  AUTH_JWKS_URL: z.url().optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(DEFAULT_LIMITS.maxDepth),
  MAX_QUERY_COST: z.coerce.number().int().min(10).default(DEFAULT_LIMITS.maxCost),
  MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_LIMITS.maxAliases),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_LIMITS.maxDirectives),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_LIMITS.maxTokens),
  /** Requests per minute per person (and per address without a valid token); 0 counts nothing. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMIT.perMinute),
  RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMIT.burst),
  /** Express's `trust proxy`: `true`, a hop count, or addresses/subnets of the proxies in front. */
  TRUST_PROXY: z.string().optional(),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Seconds a verified token is remembered (never past its own expiry), so a person's next requests skip
   * the signature check; 0 verifies every request. It is also how long a token signed with a key removed
   * from the trusted set may still be accepted.
   */
  TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /** Keep whole answers of reference data for the lifetime the subgraphs give them (`@cacheControl`). */
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  /** Gateway processes sharing the port (Node's cluster): 1 runs in this process. */
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
});

/** `TRUST_PROXY` as express takes it: a boolean, a hop count, or a comma list of addresses and subnets. */
function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

async function trustedKeys(
  env: z.output<typeof envSchema>,
  production: boolean,
): Promise<{ jwks?: JSONWebKeySet; jwksUrl?: string }> {
  if (env.AUTH_JWKS_URL) return { jwksUrl: env.AUTH_JWKS_URL };
  if (env.AUTH_JWKS) return { jwks: JSON.parse(env.AUTH_JWKS) as JSONWebKeySet };
  if (env.AUTH_JWKS_FILE) return { jwks: JSON.parse(readFileSync(env.AUTH_JWKS_FILE, 'utf8')) as JSONWebKeySet };
  if (production) throw new Error('AUTH_JWKS_URL, AUTH_JWKS or AUTH_JWKS_FILE is required in production');
  // Development: the key pair created on first run (pnpm token signs with its private half).
  return { jwks: (await loadOrCreateDevKeys(dataDirectory())).publicJwks };
}

/** URL and secret of each subgraph the supergraph names (a partial supergraph needs only its own). */
function subgraphTargets(supergraphSdl: string, production: boolean): Record<string, SubgraphTarget> {
  const names = subgraphsOf(supergraphSdl);
  const devSecrets = production
    ? {}
    : loadOrCreateDevSecrets(
        dataDirectory(),
        names.map((s) => s.name),
      );
  return Object.fromEntries(
    names.map(({ name, url: composedUrl }) => {
      const known = SUBGRAPHS.find((s) => s.name === name);
      const url = process.env[subgraphVariable(name, 'URL')] ?? (known ? defaultUrl(known) : composedUrl);
      const secret = process.env[subgraphVariable(name, 'SECRET')] ?? devSecrets[name];
      if (!secret) throw new Error(`${subgraphVariable(name, 'SECRET')} is required in production`);
      return [name, { url, secret }];
    }),
  );
}

async function main(): Promise<void> {
  const log = createLogger('gateway');
  try {
    const production = isProduction();
    const env = readEnv(envSchema);
    const supergraphSdl = readFileSync(env.SUPERGRAPH_FILE ?? join(workspaceRoot(), SUPERGRAPH_FILE), 'utf8');
    const server = await createGatewayServer({
      supergraphSdl,
      subgraphs: subgraphTargets(supergraphSdl, production),
      verifyToken: createTokenVerifier({
        issuer: env.AUTH_ISSUER,
        audience: env.AUTH_AUDIENCE,
        ...(await trustedKeys(env, production)),
        ...(env.TOKEN_CACHE_SECONDS > 0
          ? { cache: { maxTokens: 10_000, maxAgeSeconds: env.TOKEN_CACHE_SECONDS } }
          : {}),
      }),
      log,
      production,
      limits: {
        ...DEFAULT_LIMITS,
        maxDepth: env.MAX_QUERY_DEPTH,
        maxCost: env.MAX_QUERY_COST,
        maxAliases: env.MAX_ALIASES,
        maxDirectives: env.MAX_DIRECTIVES,
        maxTokens: env.MAX_QUERY_TOKENS,
      },
      rateLimit:
        env.RATE_LIMIT_PER_MINUTE === 0 ? false : { perMinute: env.RATE_LIMIT_PER_MINUTE, burst: env.RATE_LIMIT_BURST },
      trustProxy: trustProxy(env.TRUST_PROXY),
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      responseCache: env.RESPONSE_CACHE === 'on',
    });
    const bound = await server.listen(env.PORT, env.HOST);
    log.info({ port: bound, url: `http://localhost:${bound}/graphql` }, 'gateway ready');
    onShutdown(log, () => server.stop());
  } catch (error) {
    log.fatal({ err: error }, 'gateway could not start');
    process.exit(1);
  }
}

/** How many gateway processes to run; a configuration that does not parse is reported by `main` itself. */
function workers(): number {
  const parsed = envSchema.safeParse(process.env);
  return parsed.success ? parsed.data.GATEWAY_WORKERS : 1;
}

runWorkers(workers(), createLogger('gateway'), main);
