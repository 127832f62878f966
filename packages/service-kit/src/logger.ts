import pino, { type DestinationStream, type Logger } from 'pino';
import { traceFields, tracingActive } from './trace-context';

/**
 * JSON logs on stdout (or `destination`), one line per event; secrets and personal identifiers are redacted.
 * While the process traces, every line written inside a request carries its `trace_id` and `span_id`.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    ...(tracingActive() ? { mixin: traceFields } : {}),
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-gateway-assertion"]', 'req.headers.cookie', '*.password'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
