// Observability, end to end on the real graph: one trace per request from the gateway's HTTP server through
// both subgraphs' HTTP servers to their SQL statements (and on to an event's delivery); Prometheus metrics on
// the gateway and on each subgraph, moved by the requests made, served only with the token; log lines with
// the trace id. Tracing runs in this test process (the platform runs the subgraphs in-process).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SpanKind, trace } from '@opentelemetry/api';
import express from 'express';
import request from 'supertest';
import { createLogger, jsonErrors, requestLogging } from '@second-chance/service-kit';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  startTracing,
  stopTracing,
} from '@second-chance/service-kit/src/telemetry';
import type { TestPlatform } from '@second-chance/testing';
import { as, homesIn, MAKE_OFFER, people, searchingCase, startGraph } from './e2e/platform';

const METRICS_TOKEN = 'metrics-token-of-the-observability-test';
const SUBSCRIBER_SECRET = 'finance-subscriber-secret-of-32-characters';
const spans = new InMemorySpanExporter();
const deliveries: { body: string; headers: IncomingHttpHeaders }[] = [];
let subscriber: Server;
let platform: TestPlatform;
let previousToken: string | undefined;
let vacancyId: string;

const VACANCY_OFFERS = `query VacancyOffers { vacancies(first: 5) { nodes { id offers { id status } } } }`;

beforeAll(async () => {
  previousToken = process.env.METRICS_TOKEN;
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  startTracing({ service: 'second-chance', exporter: spans, immediate: true });
  // A subscriber of the households service's events that records what it receives (finance, say).
  subscriber = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks).toString(), headers: req.headers });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/events`;
  platform = await startGraph({ subscribers: [{ name: 'finance', url, secret: SUBSCRIBER_SECRET }] });
  const home = await homesIn(platform, '461');
  vacancyId = home.vacancies[0]!.id;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await new Promise((resolve) => subscriber?.close(resolve));
  await stopTracing();
  if (previousToken === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = previousToken;
});

/** Lets the spans of answers already sent end (a server span ends when its response has gone). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const portOf = (url: string) => Number(new URL(url).port);

/** The port a server span was received on, under the old or the new HTTP semantic conventions. */
function serverPort(span: ReadableSpan): number | undefined {
  const port = span.attributes['server.port'] ?? span.attributes['net.host.port'];
  return typeof port === 'number' ? port : undefined;
}

const isSql = (span: ReadableSpan) =>
  span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql';

/** The span's ancestors within the finished spans, nearest first. */
function ancestorsOf(span: ReadableSpan, all: readonly ReadableSpan[]): ReadableSpan[] {
  const byId = new Map(all.map((s) => [s.spanContext().spanId, s]));
  const chain: ReadableSpan[] = [];
  for (let parent = byId.get(span.parentSpanContext?.spanId ?? ''); parent;) {
    chain.push(parent);
    parent = byId.get(parent.parentSpanContext?.spanId ?? '');
  }
  return chain;
}

describe('traces', () => {
  test('a query through the gateway to two subgraphs is one trace: gateway, both subgraphs and their SQL', async () => {
    await settle();
    spans.reset();
    const result = await as(platform, people.caseworker101).ok<{ vacancies: { nodes: { id: string }[] } }>(
      VACANCY_OFFERS,
    );
    expect(result.vacancies.nodes.map((n) => n.id)).toContain(vacancyId);
    await settle();
    const finished = spans.getFinishedSpans();

    // One trace, and its root is the gateway's HTTP server receiving the request (nothing beside it).
    expect(new Set(finished.map((s) => s.spanContext().traceId)).size).toBe(1);
    const roots = finished.filter((s) => !s.parentSpanContext);
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root.kind).toBe(SpanKind.SERVER);

    // Apollo Gateway's own request, plan, execute and fetch spans, under the gateway's HTTP server span.
    const names = new Set(finished.map((s) => s.name));
    for (const name of ['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']) {
      expect(names).toContain(name);
    }
    const gatewayRequest = finished.find((s) => s.name === 'gateway.request')!;
    expect(ancestorsOf(gatewayRequest, finished)).toContain(root);

    for (const name of ['housing', 'households']) {
      // Each subgraph's HTTP server span continues a gateway.fetch (through the fetch's traceparent) ...
      const server = finished.find(
        (s) => s.kind === SpanKind.SERVER && serverPort(s) === portOf(platform.subgraph(name).url),
      );
      expect(server).toBeDefined();
      const above = ancestorsOf(server!, finished);
      expect(above.map((s) => s.name)).toContain('gateway.fetch');
      expect(above).toContain(gatewayRequest);
      // ... and the subgraph's SQL statements are its descendants, recorded without their parameters.
      const sql = finished.filter((s) => isSql(s) && ancestorsOf(s, finished).includes(server!));
      expect(sql.length).toBeGreaterThan(0);
      for (const statement of sql) expect(statement.attributes['db.statement.parameters']).toBeUndefined();
    }
  });

  test('an event delivered later by the job queue continues the trace of the request that published it', async () => {
    const tracer = trace.getTracer('observability-test');
    // The test's own span: every request made inside it, and all that follows from them, is in its trace.
    const traceId = await tracer.startActiveSpan('make a searching case', async (span) => {
      await searchingCase(platform, { municipality: '101' });
      span.end();
      return span.spanContext().traceId;
    });
    deliveries.length = 0;
    await settle();
    spans.reset();
    await platform.subgraph('households').runJobs();
    await settle();

    expect(deliveries.length).toBeGreaterThanOrEqual(3);
    for (const delivery of deliveries) {
      const [, deliveredTrace] = /^00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]$/.exec(String(delivery.headers.traceparent))!;
      expect(deliveredTrace).toBe(traceId);
    }
    // The delivery is a span of that trace, and so is the subscriber's HTTP server receiving it.
    const subscriberPort = (subscriber.address() as AddressInfo).port;
    const received = spans
      .getFinishedSpans()
      .filter((s) => s.kind === SpanKind.SERVER && serverPort(s) === subscriberPort);
    expect(received.length).toBe(deliveries.length);
    for (const span of received) expect(span.spanContext().traceId).toBe(traceId);
  });

  test('query strings stay out of the spans (a GET request carries its variables there)', async () => {
    await settle();
    spans.reset();
    await request(platform.gateway.app)
      .get('/graphql')
      .query({ query: 'query ($id: ID!) { vacancy(id: $id) { id } }', variables: JSON.stringify({ id: vacancyId }) })
      .set('apollo-require-preflight', 'true')
      .set('authorization', `Bearer ${await platform.token(people.caseworker101)}`);
    await settle();
    const attributes = JSON.stringify(spans.getFinishedSpans().map((s) => s.attributes));
    expect(attributes).toContain('/graphql');
    expect(attributes).not.toContain(vacancyId);
    expect(attributes).not.toContain('variables');
  });
});

/** One scrape of `/metrics` with the token. */
async function scrape(app: express.Express): Promise<string> {
  const response = await request(app).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return response.text;
}

/** The value of one series (labels in any order), 0 when it is not there yet. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(/,(?=[a-zA-Z_]\w*=")/);
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return 0;
}

const has = (text: string, name: string) => new RegExp(`^${name}(\\{| )`, 'm').test(text);

describe('metrics', () => {
  test('/metrics answers only with the token, and it is nowhere under /graphql', async () => {
    for (const app of [platform.gateway.app, platform.subgraph('households').server.app]) {
      const none = await request(app).get('/metrics');
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect(none.text).not.toContain('http_requests_total');
      const wrong = await request(app).get('/metrics').set('authorization', 'Bearer not-the-metrics-token-at-all');
      expect(wrong.status).toBe(401);
      expect(has(await scrape(app), 'http_requests_total')).toBe(true);
    }
    const throughGraphql = await request(platform.gateway.app)
      .get('/graphql/metrics')
      .set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(throughGraphql.text).not.toContain('http_requests_total');
  });

  test('the gateway counts and times each operation and each subgraph call, and the subgraphs their own', async () => {
    const gatewayBefore = await scrape(platform.gateway.app);
    const housingBefore = await scrape(platform.subgraph('housing').server.app);
    const caseworker = as(platform, people.caseworker101);
    await caseworker.ok(VACANCY_OFFERS);
    await caseworker.ok(VACANCY_OFFERS);
    const invalid = await caseworker.call('query NoSuchField { noSuchField }');
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const gateway = await scrape(platform.gateway.app);
    const housing = await scrape(platform.subgraph('housing').server.app);

    const moved = (after: string, before: string, name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    const operation = { service: 'gateway', operation: 'VacancyOffers' };
    expect(moved(gateway, gatewayBefore, 'graphql_operations_total', { ...operation, outcome: 'success' })).toBe(2);
    expect(moved(gateway, gatewayBefore, 'graphql_operation_duration_seconds_count', operation)).toBe(2);
    // The histogram's buckets filled: both answers took less than 10 s.
    expect(moved(gateway, gatewayBefore, 'graphql_operation_duration_seconds_bucket', { ...operation, le: '10' })).toBe(
      2,
    );
    // A document that does not validate has no operation to name: it counts as invalid.
    expect(
      moved(gateway, gatewayBefore, 'graphql_operations_total', { operation: 'invalid', outcome: 'client_error' }),
    ).toBe(1);
    expect(moved(gateway, gatewayBefore, 'graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(
      moved(gateway, gatewayBefore, 'http_requests_total', { route: '/graphql', method: 'POST', status: '200' }),
    ).toBeGreaterThanOrEqual(2);
    for (const subgraph of ['housing', 'households']) {
      expect(moved(gateway, gatewayBefore, 'subgraph_requests_total', { subgraph, outcome: 'ok' })).toBe(2);
      expect(moved(gateway, gatewayBefore, 'subgraph_request_duration_seconds_count', { subgraph })).toBe(2);
    }

    // The subgraph sees the gateway's operation under the name the gateway gives it (the client's, extended).
    const subgraphOperations = housing
      .split('\n')
      .filter((line) => line.startsWith('graphql_operations_total{') && line.includes('VacancyOffers__housing__'));
    expect(subgraphOperations.length).toBeGreaterThan(0);
    const housingOperation = /operation="(VacancyOffers__housing__\d+)"/.exec(subgraphOperations[0]!)![1]!;
    expect(
      moved(housing, housingBefore, 'graphql_operations_total', { operation: housingOperation, outcome: 'success' }),
    ).toBe(2);
    expect(has(housing, 'http_request_duration_seconds_bucket')).toBe(true);
  });

  test('each subgraph reports its database pool; households its outbox, which moves as events wait and go', async () => {
    for (const name of ['housing', 'households']) {
      const text = await scrape(platform.subgraph(name).server.app);
      expect(valueOf(text, 'db_pool_connections_open', { service: name })).toBeGreaterThan(0);
      expect(has(text, 'db_pool_connections_idle')).toBe(true);
      expect(valueOf(text, 'db_pool_requests_waiting', { service: name })).toBe(0);
      expect(valueOf(text, 'db_pool_connections_max', { service: name })).toBe(10);
      // Node's own figures, once per process.
      expect(has(text, 'process_cpu_seconds_total')).toBe(true);
      expect(has(text, 'nodejs_eventloop_lag_seconds')).toBe(true);
    }
    expect(has(await scrape(platform.subgraph('housing').server.app), 'outbox_deliveries_pending')).toBe(false);

    const households = platform.subgraph('households');
    await households.runJobs();
    const idle = await scrape(households.server.app);
    expect(valueOf(idle, 'outbox_deliveries_pending', { service: 'households' })).toBe(0);
    expect(has(idle, 'outbox_oldest_pending_seconds')).toBe(true);
    expect(has(idle, 'outbox_deliveries_failed')).toBe(true);

    // A case is made and offered a home: its events wait for the job queue, which has not run yet.
    const { caseId } = await searchingCase(platform);
    await as(platform, people.caseworker101).ok(MAKE_OFFER, { input: { caseId, vacancyId } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const waiting = await scrape(households.server.app);
    expect(valueOf(waiting, 'outbox_deliveries_pending', { service: 'households' })).toBeGreaterThanOrEqual(4);
    expect(valueOf(waiting, 'outbox_oldest_pending_seconds', { service: 'households' })).toBeGreaterThanOrEqual(1);

    await households.runJobs();
    const delivered = await scrape(households.server.app);
    expect(valueOf(delivered, 'outbox_deliveries_pending', { service: 'households' })).toBe(0);
    expect(valueOf(delivered, 'outbox_oldest_pending_seconds', { service: 'households' })).toBe(0);
  });

  test('a subgraph call that finds nothing listening counts as refused, one that never answers as timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // Takes the request and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
    const token = await platform.token(people.caseworker101);

    const down = await platform.startGateway({ subgraphUrls: { housing: `http://127.0.0.1:${closedPort}/graphql` } });
    const slow = await platform.startGateway({ subgraphUrls: { housing: silentUrl }, subgraphTimeoutMs: 200 });
    try {
      const refused = await down.query(token, VACANCY_OFFERS);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      const timedOut = await slow.query(token, VACANCY_OFFERS);
      expect(timedOut.body.errors?.[0]?.message).toMatch(/timed out/);

      const downText = await scrape(down.server.app);
      expect(valueOf(downText, 'subgraph_requests_total', { subgraph: 'housing', outcome: 'refused' })).toBe(1);
      expect(
        valueOf(downText, 'graphql_operations_total', { operation: 'VacancyOffers', outcome: 'server_error' }),
      ).toBe(1);
      expect(valueOf(downText, 'graphql_errors_total', { code: 'SERVICE_UNAVAILABLE' })).toBeGreaterThanOrEqual(1);
      const slowText = await scrape(slow.server.app);
      expect(valueOf(slowText, 'subgraph_requests_total', { subgraph: 'housing', outcome: 'timeout' })).toBe(1);
    } finally {
      await down.close();
      await slow.close();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('no label carries personal data or an identifier', async () => {
    const caseworker = as(platform, people.caseworker101);
    // A client may name its operation anything: a name with a number in it is not made a label.
    await caseworker.ok(`query Cpr1203881234 { vacancies(first: 1) { nodes { id } } }`);
    await caseworker.ok(`query ($id: ID!) { vacancy(id: $id) { id } }`, { id: vacancyId });
    for (const app of [
      platform.gateway.app,
      platform.subgraph('housing').server.app,
      platform.subgraph('households').server.app,
    ]) {
      const text = await scrape(app);
      expect(text).not.toMatch(/1203881234|Test Voksen|Test Barn/);
      expect(text).not.toContain(vacancyId);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    }
    const gateway = await scrape(platform.gateway.app);
    expect(valueOf(gateway, 'graphql_operations_total', { operation: 'other', outcome: 'success' })).toBeGreaterThan(0);
    expect(
      valueOf(gateway, 'graphql_operations_total', { operation: 'anonymous', outcome: 'success' }),
    ).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  test('request and error log lines carry the trace and span ids of the request, its request id, never its query string', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as never);
        done();
      },
    });
    const log = createLogger('observability-test', 'info', destination);
    const app = express();
    app.use('/graphql', ...requestLogging(log), (req, res, next) => {
      req.log.info('inside the request');
      if (req.query.fail) next(new Error('something broke'));
      else res.json({ data: {} });
    });
    app.use(jsonErrors(log));

    await settle();
    spans.reset();
    await request(app)
      .get('/graphql?variables=%7B%22cpr%22%3A%22120388-1234%22%7D')
      .set('x-request-id', 'request-one')
      .expect(200);
    await request(app).get('/graphql?fail=1').set('x-request-id', 'request-two').expect(500);
    await settle();

    const servers = spans.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);
    expect(servers).toHaveLength(2);
    const traceIds = servers.map((s) => s.spanContext().traceId);
    expect(new Set(traceIds).size).toBe(2);

    const inside = lines.filter((l) => l.msg === 'inside the request');
    const completed = lines.filter((l) => l.msg === 'request completed');
    const errors = lines.filter((l) => l.level === 50);
    expect(inside).toHaveLength(2);
    expect(completed).toHaveLength(1);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const line of [...inside, ...completed, ...errors]) {
      expect(traceIds).toContain(line.trace_id);
      expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(completed[0]).toMatchObject({ req: { id: 'request-one', url: '/graphql' } });
    // The query string (a GET request's variables) is not logged.
    expect(JSON.stringify(lines)).not.toContain('120388');
    expect(inside.map((l) => (l.req as { id: string }).id).sort()).toEqual(['request-one', 'request-two']);
    // The error line belongs to the failing request's trace.
    const failing = inside.find((l) => (l.req as { id: string }).id === 'request-two');
    expect(errors.some((l) => l.trace_id === failing?.trace_id)).toBe(true);
  });
});
