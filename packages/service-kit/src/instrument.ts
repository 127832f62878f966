// The first import of every process's main.ts: when the environment asks for traces (OTEL_EXPORTER_OTLP_ENDPOINT
// or OTEL_TRACES_EXPORTER), the instrumentations are in place before http, express, pg and graphql load.
// Without that configuration it loads nothing more and does nothing.
import type * as Telemetry from './telemetry';
import { tracingConfigured } from './trace-context';

if (tracingConfigured()) {
  // Loaded only now, so a process that does not trace never loads the tracing SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, conditional load before the rest
  (require('./telemetry') as typeof Telemetry).startTracingFromEnvironment();
}
