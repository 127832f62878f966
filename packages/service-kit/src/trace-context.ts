// What the rest of the platform needs to know about tracing, without loading the tracing SDK: whether it is
// on, the current trace and span ids for log lines, and a trace context to carry across a job queue.
// The SDK itself is set up by telemetry.ts, loaded only by a process that traces (see instrument.ts).
import { context, propagation, trace } from '@opentelemetry/api';

let active = false;
let serviceNamed: ((service: string) => void) | undefined;
let flush: (() => Promise<void>) | undefined;

/** Set by telemetry.ts when the process traces; log lines then carry the trace id. */
export function markTracingActive(on: boolean): void {
  active = on;
}

export function tracingActive(): boolean {
  return active;
}

/**
 * Whether the environment asks for traces: an OTLP endpoint, or `OTEL_TRACES_EXPORTER` other than `none`
 * (the standard OpenTelemetry variables); `OTEL_SDK_DISABLED=true` turns everything off.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** The process's server announces what it serves (`housing`, `gateway`); the tracer names its spans after it. */
export function announceService(service: string): void {
  const named = serviceNamed;
  serviceNamed = undefined;
  named?.(service);
}

/** Called (once) by telemetry.ts: `then` runs when the first server of the process announces its name. */
export function whenServiceAnnounced(then: (service: string) => void): void {
  serviceNamed = then;
}

/** Called by telemetry.ts: how to send the spans still buffered. */
export function onTraceFlush(then: (() => Promise<void>) | undefined): void {
  flush = then;
}

/** Sends the spans still buffered (a process does this last, when it stops); never fails. */
export async function flushTraces(): Promise<void> {
  await flush?.().catch(() => undefined);
}

export interface TraceFields {
  trace_id?: string;
  span_id?: string;
}

/** The active span's ids for a log line (pino's `mixin`, which writes into the object: a new one each time). */
export function traceFields(): TraceFields {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  // Flag 1: sampled. An unsampled span's id leads nowhere in the trace store.
  return traceFlags & 1 ? { trace_id: traceId, span_id: spanId } : {};
}

/** The current trace context as W3C headers (`traceparent`), to store with queued work; `{}` when not tracing. */
export function traceCarrier(): Record<string, string> {
  if (!active) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `work` as part of the trace a carrier (from `traceCarrier`) came from. */
export function withTraceCarrier<T>(carrier: unknown, work: () => T): T {
  if (!active || typeof carrier !== 'object' || carrier === null) return work();
  const headers = Object.fromEntries(
    Object.entries(carrier).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return context.with(propagation.extract(context.active(), headers), work);
}
