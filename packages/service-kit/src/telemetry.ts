// OpenTelemetry tracing for a process of the platform: one trace per request, from the gateway's HTTP
// server through its subgraph calls (W3C `traceparent` on every fetch) to each subgraph's HTTP server and
// its SQL statements. Off unless the environment asks for it (see `tracingConfigured`): a process that does
// not trace never loads this file (instrument.ts loads it only then), so it pays nothing per request.
//
// The instrumentations patch `http`, `express`, `pg` and `graphql` as they are loaded, so they are created
// before those modules: instrument.ts is the first import of every main.ts. The tracer itself starts when
// the process's server announces its name (`announceService`), or at once when a test starts it.
import type { Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { markTracingActive, onTraceFlush, tracingConfigured, whenServiceAnnounced } from './trace-context';

export { tracingConfigured };
/** For tests: spans kept in memory (`startTracing({ exporter: new InMemorySpanExporter(), immediate: true })`). */
export { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';

/** Paths nobody needs a trace of: probes and scrapes, several a minute each. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** Span attributes that may hold a URL or its query string. */
const URL_ATTRIBUTES = ['url.full', 'url.query', 'http.url', 'http.target'];

/**
 * Keeps query strings out of every span: a GraphQL GET request carries its variables there, and variables
 * may hold personal data. (Statements are recorded without their parameters, documents without literals.)
 */
class QueryStringRemover implements SpanProcessor {
  onStart(span: Span, _parent: Context): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value !== 'string') continue;
      if (key === 'url.query') span.setAttribute(key, '');
      else if (value.includes('?')) span.setAttribute(key, value.slice(0, value.indexOf('?')));
    }
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Sends spans on, except GraphQL parse and validate spans outside any request (the gateway parses its schema
 * and plans at start): each would be a trace of its own, of no use to anyone.
 */
class RequestSpansOnly implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}
  onStart(span: Span, parent: Context): void {
    this.next.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    if (!span.parentSpanContext && span.instrumentationScope.name === GRAPHQL_INSTRUMENTATION) return;
    this.next.onEnd(span);
  }
  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

const GRAPHQL_INSTRUMENTATION = '@opentelemetry/instrumentation-graphql';

/** What an instrumentation is, as far as this file needs to know. */
interface Instrumentation {
  disable(): void;
  getModuleDefinitions(): { name: string; moduleExports?: unknown; patch?: (exports: unknown) => unknown }[];
}

let instrumentations: Instrumentation[] | undefined;
let provider: NodeTracerProvider | undefined;

/** Modules patched again by hand after the instrumentations exist (see `patchLoadedModules`). */
const LOADED_MODULES = ['node:http', 'node:https', 'express', 'pg'] as const;

/**
 * Patches modules that were loaded before the instrumentations, or that a module loader of its own loads
 * without the require hook seeing them (jest's): the instrumentations' patches undo themselves before they
 * apply, so patching a module the hook already patched changes nothing.
 */
function patchLoadedModules(created: readonly Instrumentation[]): void {
  // This file's own `require`: under jest the test's module registry, so the modules the code under test uses.
  const load: NodeJS.Require = require;
  for (const id of LOADED_MODULES) {
    const name = id.replace(/^node:/, '');
    let exports: unknown;
    try {
      exports = load(id) as unknown;
    } catch {
      continue;
    }
    for (const instrumentation of created) {
      for (const definition of instrumentation.getModuleDefinitions()) {
        if (definition.name !== name || !definition.patch) continue;
        definition.moduleExports = exports;
        definition.patch(exports);
      }
    }
  }
}

/** Creates the instrumentations (once): from now on `http`, `express`, `pg` and `graphql` report spans. */
export function instrument(): void {
  if (instrumentations) return;
  const created: Instrumentation[] = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      // The OTLP exporter's own calls are not traced either (it suppresses tracing itself).
      requireParentforOutgoingSpans: true,
    }),
    // Node's fetch (undici): the gateway's subgraph calls, service calls and event deliveries; it adds the
    // W3C `traceparent` header, which the callee's HTTP instrumentation continues.
    new UndiciInstrumentation({ requireParentforSpans: true }),
    // The route of each request; not a span per middleware (most are anonymous functions).
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    // Statements without their parameters; none outside a request (the job queue polls every second).
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    // Parse, validate and execute of each operation; resolvers are not one span each (too many to be useful).
    new GraphQLInstrumentation({ ignoreResolveSpans: true, allowValues: false, mergeItems: true }),
  ];
  instrumentations = created;
  patchLoadedModules(created);
  markTracingActive(true);
}

export interface TracingOptions {
  /** The service's name in the traces (`OTEL_SERVICE_NAME` wins). */
  service: string;
  /** Where spans go; default from `OTEL_TRACES_EXPORTER` (`otlp`, the default, or `console`). */
  exporter?: SpanExporter;
  /** Export each span as it ends (tests) instead of in batches. */
  immediate?: boolean;
}

function exporterFromEnvironment(env: NodeJS.ProcessEnv): SpanExporter {
  const names = (env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',').map((name) => name.trim());
  // OTLP over HTTP (JSON), to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces.
  return names.includes('console') && !names.includes('otlp') ? new ConsoleSpanExporter() : new OTLPTraceExporter();
}

/** Starts tracing in this process (once; a second call is ignored and answers false). */
export function startTracing(options: TracingOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  if (provider) return false;
  instrument();
  const exporter = options.exporter ?? exporterFromEnvironment(env);
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': options.service }))
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, as the operator sets them.
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({
    resource,
    // The sampler comes from OTEL_TRACES_SAMPLER (default: parent-based, always on).
    spanProcessors: [
      new QueryStringRemover(),
      new RequestSpansOnly(options.immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)),
    ],
  });
  // The W3C trace context and baggage propagators, and async-hooks context across awaits.
  provider.register();
  const started = provider;
  onTraceFlush(() => started.forceFlush());
  return true;
}

/** When the environment asks for traces: instruments now and starts tracing once the server names itself. */
export function startTracingFromEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!tracingConfigured(env)) return false;
  instrument();
  whenServiceAnnounced((service) => startTracing({ service }, env));
  return true;
}

/** Sends what is buffered and stops: the modules are unpatched and no span is recorded any more. */
export async function stopTracing(): Promise<void> {
  for (const instrumentation of instrumentations ?? []) instrumentation.disable();
  instrumentations = undefined;
  markTracingActive(false);
  const stopping = provider;
  provider = undefined;
  onTraceFlush(undefined);
  await stopping?.shutdown();
}
