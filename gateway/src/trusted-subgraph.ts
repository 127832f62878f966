// How the gateway calls a subgraph: with a signed assertion of the caller's identity (the subgraph refuses
// anything else), the request id for log correlation, undici's request API with a timeout, and each
// distinct entity representation sent once (Apollo Gateway sends one per occurrence, duplicates included).
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Pool } from 'undici';
import { GATEWAY_ASSERTION_HEADER, type Identity, reusableGatewayAssertions } from '@second-chance/identity';
import { type Logger, REQUEST_ID_HEADER } from '@second-chance/service-kit';
import { restrictByHeader } from './response-cache';

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /** Assertions signed during this request, one per subgraph. */
  assertions: Map<string, Promise<string>>;
}

export interface TrustedSubgraphOptions {
  name: string;
  url: string;
  secret: string;
  /** How long the subgraph has to answer completely (headers and body). */
  timeoutMs: number;
  log?: Logger;
}

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/** Keeps each distinct representation once and remembers where each original one went. */
export function dedupeRepresentations(representations: readonly unknown[]): { unique: unknown[]; positions: number[] } {
  const index = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let position = index.get(key);
    if (position === undefined) {
      position = unique.length;
      index.set(key, position);
      unique.push(representation);
    }
    return position;
  });
  return { unique, positions };
}

/** Spreads the subgraph's answer for the distinct representations back over the original list. */
export function expandEntities(response: SubgraphResponse, positions: readonly number[]): SubgraphResponse {
  const entities = (response.data as { _entities?: unknown[] } | null | undefined)?._entities;
  const data = Array.isArray(entities)
    ? { ...response.data, _entities: positions.map((p) => entities[p] ?? null) }
    : response.data;
  const errors = response.errors?.flatMap((error): GraphQLFormattedError[] => {
    const [root, position, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof position !== 'number') return [error];
    return positions.flatMap((p, original) =>
      p === position ? [{ ...error, path: ['_entities', original, ...rest] }] : [],
    );
  });
  return { ...response, data, ...(errors ? { errors } : {}) };
}

function unavailable(name: string, message: string, cause?: unknown): GraphQLError {
  // The cause stays out of the answer; the gateway's metrics read why the call failed from it.
  const originalError = typeof cause === 'object' && cause !== null && 'name' in cause ? (cause as Error) : undefined;
  return new GraphQLError(message, { extensions: { code: 'SERVICE_UNAVAILABLE', service: name }, originalError });
}

function isGatewayContext(context: object): context is GatewayContext {
  return 'identity' in context && 'assertions' in context && context.assertions instanceof Map;
}

export class TrustedSubgraph implements GraphQLDataSource<GatewayContext> {
  /** Each person's assertion for this subgraph, reused for half its lifetime. */
  private readonly sign: (identity: Identity) => Promise<string>;

  /**
   * Kept-alive connections to the subgraph, through undici's own request API: Node's built-in fetch is the
   * same client behind WHATWG Request, Response and stream objects, which cost a fifth of the gateway's CPU.
   */
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly path: string;

  constructor(private readonly options: TrustedSubgraphOptions) {
    this.sign = reusableGatewayAssertions(options.secret, options.name);
    const url = new URL(options.url);
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, { connections: 64, keepAliveTimeout: 30_000 });
  }

  /** Closes the kept-alive connections (when the gateway stops). */
  close(): Promise<void> {
    return this.pool.close();
  }

  private assertion(context: GatewayContext): Promise<string> {
    let assertion = context.assertions.get(this.options.name);
    if (!assertion) {
      assertion = this.sign(context.identity);
      context.assertions.set(this.options.name, assertion);
    }
    return assertion;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { request, context } = options;
    const { name, timeoutMs } = this.options;
    if (!isGatewayContext(context)) {
      throw new GraphQLError('no identity to forward', { extensions: { code: 'UNAUTHENTICATED' } });
    }
    let variables = request.variables;
    let positions: number[] | undefined;
    const representations: unknown = variables?.representations;
    if (Array.isArray(representations) && representations.length > 1) {
      const deduped = dedupeRepresentations(representations);
      if (deduped.unique.length < representations.length) {
        positions = deduped.positions;
        variables = { ...variables, representations: deduped.unique };
      }
    }

    const assertion = await this.assertion(context);
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let parsed: SubgraphResponse | null;
    try {
      const response = await this.pool.request({
        origin: this.origin,
        path: this.path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [GATEWAY_ASSERTION_HEADER]: assertion,
          [REQUEST_ID_HEADER]: context.requestId,
        },
        body: JSON.stringify({ query: request.query, variables, operationName: request.operationName }),
        signal,
      });
      status = response.statusCode;
      // The answer's overall lifetime narrows to what this call allows (none without a header).
      if ('incomingRequestContext' in options) {
        const cacheControl = response.headers['cache-control'];
        restrictByHeader(options.incomingRequestContext, typeof cacheControl === 'string' ? cacheControl : null);
      }
      // The same timeout covers the body: a subgraph that sends its headers and then stalls times out too.
      parsed = (await response.body.json().catch((error: unknown) => {
        if (signal.aborted) throw error;
        return null;
      })) as SubgraphResponse | null;
    } catch (cause) {
      throw unavailable(
        name,
        signal.aborted
          ? `the ${name} service timed out: no answer within ${timeoutMs} ms`
          : `the ${name} service is unavailable`,
        cause,
      );
    }
    if (status === 401 && !(parsed && 'data' in parsed)) {
      // The subgraph refused the gateway's assertion before running anything: the gateway's configuration is
      // wrong (a secret not rotated in step, say), not the caller's sign-in; nobody is told to sign in again.
      this.options.log?.error(
        { subgraph: name, answer: parsed?.errors?.[0]?.message },
        'a subgraph refused the gateway: check the secret the gateway signs with against the ones it accepts',
      );
      throw unavailable(name, `the ${name} service is unavailable`);
    }
    if (!parsed || typeof parsed !== 'object' || (!('data' in parsed) && !('errors' in parsed))) {
      throw unavailable(name, `the ${name} service answered ${status} without a GraphQL response`);
    }
    return positions ? expandEntities(parsed, positions) : parsed;
  }
}
