import pino, { type Logger } from 'pino';

/** JSON logs on stdout, one line per event; secrets and personal identifiers are redacted. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-gateway-assertion"]', 'req.headers.cookie', '*.password'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
