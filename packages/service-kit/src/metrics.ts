// Prometheus metrics for the gateway and every subgraph, on `GET /metrics` of the same port, served only to a
// scraper that sends `Authorization: Bearer <METRICS_TOKEN>` (without METRICS_TOKEN the route answers 404).
// Every label value is bounded and none is an identifier: routes are the routes the process declares,
// operations the names clients give (checked, capped: see OperationNames), subgraphs and codes known sets.
// The per-request cost is a counter and a histogram per request (and per subgraph call at the gateway).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import type { Express, Request, RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { CLIENT_REQUEST_ERROR_CODES } from './errors';
import type { Logger } from './logger';

export const METRICS_PATH = '/metrics';

/** Seconds: from a health check's few milliseconds to the gateway's subgraph timeout. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Error codes a response may carry that are the client's doing; any other code is the platform's. */
const CLIENT_ERROR_CODES = new Set([...CLIENT_REQUEST_ERROR_CODES, 'RATE_LIMITED']);
/** The codes counted by name in `graphql_errors_total`; anything else counts as OTHER. */
const COUNTED_ERROR_CODES = new Set([...CLIENT_ERROR_CODES, 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

const METHODS = new Set(['GET', 'POST', 'HEAD', 'OPTIONS']);
/** Paths counted by name when no route of their own matched them (a body the JSON parser refused, say). */
const KNOWN_PATHS = new Set(['/graphql', '/events', '/metrics', '/health', '/health/live', '/health/ready']);

/** Operation names worth a label of their own: a GraphQL name of ordinary length, no long run of digits. */
const LABEL_WORTHY_NAME = /^(?!.*\d{4})[A-Za-z_][A-Za-z0-9_]{0,79}$/;

/**
 * Operation names as labels. A client chooses its operation's name, so a name becomes a label only if it
 * looks like one (a run of four digits or more could be a number about someone: `other`), and only the first
 * `max` names the process sees; the rest count as `other`. No name: `anonymous`; no operation at all
 * (the document did not parse or validate): `invalid`.
 */
export class OperationNames {
  private readonly known = new Set<string>();

  constructor(private readonly max = 200) {}

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.known.has(name)) return name;
    if (this.known.size >= this.max || !LABEL_WORTHY_NAME.test(name)) return 'other';
    this.known.add(name);
    return name;
  }
}

/**
 * A metric's series by their label values (in the order of its label names), each looked up once: prom-client
 * hashes a label object on every call, which is most of the cost of counting a request.
 */
export function seriesOf<S>(make: (...values: string[]) => S): (...values: string[]) => S {
  const series = new Map<string, S>();
  return (...values) => {
    const key = values.join('\u0000');
    let found = series.get(key);
    if (!found) {
      found = make(...values);
      series.set(key, found);
    }
    return found;
  };
}

let processRegistry: Registry | undefined;

/** Node's own figures (CPU, memory, event loop lag, garbage collection), once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The metrics of one server (the gateway or a subgraph): every series carries `service`. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly operationNames: OperationNames;
  private readonly httpRequests: (route: string, method: string, status: string) => Counter.Internal;
  private readonly httpDuration: (route: string, method: string) => Histogram.Internal<'route' | 'method'>;
  private readonly operations: (operation: string, outcome: string) => Counter.Internal;
  private readonly operationDuration: (operation: string) => Histogram.Internal<'operation'>;
  private readonly errors: (code: string) => Counter.Internal;

  constructor(
    readonly service: string,
    options: { maxOperationNames?: number } = {},
  ) {
    this.registry.setDefaultLabels({ service });
    this.operationNames = new OperationNames(options.maxOperationNames);
    const registers = [this.registry];
    const httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route, method and status (status "aborted": the client left first)',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.httpRequests = seriesOf((route, method, status) => httpRequests.labels({ route, method, status }));
    const httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by route and method',
      labelNames: ['route', 'method'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.httpDuration = seriesOf((route, method) => httpDuration.labels({ route, method }));
    const operations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations answered, by operation name and outcome (success, client_error, server_error)',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.operations = seriesOf((operation, outcome) => operations.labels({ operation, outcome }));
    const operationDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time to answer a GraphQL operation (parse, validate, plan or execute), by operation name',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.operationDuration = seriesOf((operation) => operationDuration.labels({ operation }));
    const errors = new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code (OTHER: a code not in the known set)',
      labelNames: ['code'],
      registers,
    });
    this.errors = seriesOf((code) => errors.labels({ code }));
  }

  /** Counts an answered HTTP request (see `httpMetrics`). */
  recordHttp(route: string, method: string, status: string, seconds: number): void {
    this.httpRequests(route, method, status).inc();
    this.httpDuration(route, method).observe(seconds);
  }

  /** Counts an answered GraphQL operation from the errors its response carries. */
  recordOperation(
    operation: string,
    errors: readonly { extensions?: { code?: unknown } }[] | undefined,
    seconds: number,
  ) {
    let outcome = 'success';
    for (const error of errors ?? []) {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
      this.errors(COUNTED_ERROR_CODES.has(code) ? code : 'OTHER').inc();
      outcome = outcome === 'server_error' || !CLIENT_ERROR_CODES.has(code) ? 'server_error' : 'client_error';
    }
    this.operations(operation, outcome).inc();
    this.operationDuration(operation).observe(seconds);
  }

  /** The text Prometheus scrapes: the process's figures, then this server's. */
  async text(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${process.trimEnd()}\n${own}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function routeOf(req: Request): string {
  const route: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return route;
  if (req.baseUrl) return req.baseUrl;
  const path = (req.originalUrl ?? '').split('?', 1)[0] ?? '';
  return KNOWN_PATHS.has(path) ? path : 'unmatched';
}

/** Counts every request and its duration; mounted before every route. */
export function httpMetrics(metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      metrics.recordHttp(routeOf(req), method, status, (performance.now() - started) / 1000);
    });
    next();
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `METRICS_TOKEN`: at least 16 characters, or none (then nothing is served). */
export function metricsTokenFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < 16) throw new Error('METRICS_TOKEN must be at least 16 characters long');
  return token;
}

/** `GET /metrics` for a scraper that sends the token as a bearer token (compared in constant time). */
export function metricsRoute(app: Express, metrics: ServiceMetrics, token = metricsTokenFromEnvironment()): void {
  const expected = token ? digest(token) : undefined;
  app.get(METRICS_PATH, (req, res, next) => {
    if (!expected) {
      res.status(404).json({ error: 'metrics are not served here: set METRICS_TOKEN to serve them' });
      return;
    }
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('www-authenticate', 'Bearer');
      res.status(401).json({ error: 'send the metrics token: Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    metrics.text().then((text) => {
      res.setHeader('content-type', metrics.contentType);
      res.setHeader('cache-control', 'no-store');
      res.send(text);
    }, next);
  });
}

function errorsOf(response: GraphQLResponse): readonly { extensions?: { code?: unknown } }[] | undefined {
  return response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
}

/** Counts and times each operation a GraphQL server answers, by name and outcome. */
export function operationMetricsPlugin<C extends BaseContext>(metrics: ServiceMetrics): ApolloServerPlugin<C> {
  return {
    requestDidStart: () => {
      const started = performance.now();
      let operation = 'invalid';
      return Promise.resolve({
        didResolveOperation: ({ operationName }) => {
          operation = metrics.operationNames.label(operationName);
          return Promise.resolve();
        },
        willSendResponse: ({ response }) => {
          metrics.recordOperation(operation, errorsOf(response), (performance.now() - started) / 1000);
          return Promise.resolve();
        },
      });
    },
  };
}

/** What TypeORM's PostgreSQL driver pools connections with (node-postgres's `Pool`). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

function poolOf(db: DataSource): PgPool | undefined {
  const pool = (db.driver as unknown as { master?: Partial<PgPool> }).master;
  return typeof pool?.totalCount === 'number' ? (pool as PgPool) : undefined;
}

/** The service's database pool, read at each scrape. */
export function databasePoolMetrics(metrics: ServiceMetrics, db: DataSource): void {
  const gauge = (name: string, help: string, read: (pool: PgPool) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        const pool = db.isInitialized ? poolOf(db) : undefined;
        const value = pool ? read(pool) : undefined;
        if (value === undefined) this.reset();
        else this.set(value);
      },
    });
  gauge('db_pool_connections_open', 'Connections the pool holds open (in use and idle)', (p) => p.totalCount);
  gauge('db_pool_connections_idle', 'Open connections waiting for work', (p) => p.idleCount);
  gauge('db_pool_requests_waiting', 'Queries waiting for a connection: the pool is exhausted', (p) => p.waitingCount);
  gauge('db_pool_connections_max', 'The most connections the pool opens (PG_POOL_SIZE)', (p) => p.options?.max);
}

/**
 * Figures a service reads from its database at each scrape (its outbox, say): one cheap read for all of them.
 * Names must be valid Prometheus names; each gets the service label like every other series.
 */
export interface ScrapedGauges {
  /** Metric name → what it means. */
  help: Readonly<Record<string, string>>;
  read(db: DataSource): Promise<Readonly<Record<string, number>>>;
}

/** Registers a service's scraped gauges; a failed read leaves them out of that scrape (and is logged). */
export function scrapedGaugeMetrics(metrics: ServiceMetrics, gauges: ScrapedGauges, db: DataSource, log: Logger) {
  let reading: Promise<Readonly<Record<string, number>> | undefined> | undefined;
  // The gauges are collected together at a scrape: they share one read.
  const read = () => {
    reading ??= gauges
      .read(db)
      .catch((error: unknown) => {
        log.warn({ err: error }, 'a metric could not be read from the database');
        return undefined;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  for (const [name, help] of Object.entries(gauges.help)) {
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      async collect() {
        const value = (await read())?.[name];
        if (value === undefined || !Number.isFinite(value)) this.reset();
        else this.set(value);
      },
    });
  }
}
