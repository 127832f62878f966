// The gateway's metrics (see packages/service-kit/src/metrics.ts for what every server has): its operations by
// name and outcome, and each subgraph call by subgraph and outcome with its latency. Hooked into server.ts in
// three places: `observeGateway(app)` before any route, `plugin` among the Apollo plugins, and `subgraph()`
// around each data source. Traces need nothing here: the instrumentations see the gateway's HTTP server and
// its fetches, Apollo Gateway makes spans of its own (plan, fetch), and the fetches carry `traceparent`.
import type { GraphQLDataSource, ServiceEndpointDefinition } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import { GraphQLError } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import {
  LATENCY_BUCKETS,
  ServiceMetrics,
  seriesOf,
  announceService,
  httpMetrics,
  metricsRoute,
  operationMetricsPlugin,
} from '@second-chance/service-kit';
import type { GatewayContext } from './trusted-subgraph';

/**
 * How a subgraph call ended: `ok` (an answer without errors), `errors` (an answer with GraphQL errors),
 * `timeout` (no complete answer in time), `refused` (nothing listens at its address: the subgraph is down),
 * `unavailable` (any other failure: connection lost, an answer that is not GraphQL, the gateway refused).
 */
export type SubgraphOutcome = 'ok' | 'errors' | 'timeout' | 'refused' | 'unavailable';

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why a subgraph call failed, from the error the data source threw (its `originalError`, the fetch's). */
export function failureOf(error: unknown): SubgraphOutcome {
  // Compared by shape, not `instanceof`: fetch's errors may come from another realm (a test runner's, say).
  const original: unknown = error instanceof GraphQLError ? error.originalError : error;
  if (typeof original !== 'object' || original === null) return 'unavailable';
  const { name, cause } = original as { name?: unknown; cause?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const codes = [
    codeOf(original),
    codeOf(cause),
    ...((cause as { errors?: unknown[] } | undefined)?.errors ?? []).map(codeOf),
  ];
  return codes.includes('ECONNREFUSED') ? 'refused' : 'unavailable';
}

export interface GatewayObservability {
  metrics: ServiceMetrics;
  /** Mounts `/metrics` (token-protected) and the request counters on the gateway's app, before its routes. */
  mount(app: Express): void;
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Apollo Gateway's `buildService`, with every call of each data source it builds counted and timed. */
  counted(build: BuildService): BuildService;
}

type BuildService = (definition: ServiceEndpointDefinition) => GraphQLDataSource<GatewayContext>;

/** The gateway's metrics; `metricsToken` defaults to METRICS_TOKEN. */
export function observeGateway(metricsToken?: string): GatewayObservability {
  announceService('gateway');
  const metrics = new ServiceMetrics('gateway');
  const registers = [metrics.registry];
  const callCounter = new Counter({
    name: 'subgraph_requests_total',
    help: 'Calls from the gateway to a subgraph, by subgraph and outcome (ok, errors, timeout, refused, unavailable)',
    labelNames: ['subgraph', 'outcome'],
    registers,
  });
  const durationHistogram = new Histogram({
    name: 'subgraph_request_duration_seconds',
    help: 'Time from the gateway sending a subgraph call to having its whole answer, by subgraph',
    labelNames: ['subgraph'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const calls = seriesOf((subgraph, outcome) => callCounter.labels({ subgraph, outcome }));
  const duration = seriesOf((subgraph) => durationHistogram.labels({ subgraph }));

  return {
    metrics,
    mount: (app) => {
      app.use(httpMetrics(metrics));
      metricsRoute(app, metrics, metricsToken);
    },
    plugin: operationMetricsPlugin<GatewayContext>(metrics),
    counted: (build) => (definition) => {
      const { name } = definition;
      const source = build(definition);
      return {
        process: async (options) => {
          const started = performance.now();
          let outcome: SubgraphOutcome = 'unavailable';
          try {
            const response = await source.process(options);
            outcome = response.errors?.length ? 'errors' : 'ok';
            return response;
          } catch (error) {
            outcome = failureOf(error);
            throw error;
          } finally {
            calls(name, outcome).inc();
            duration(name).observe((performance.now() - started) / 1000);
          }
        },
      };
    },
  };
}
