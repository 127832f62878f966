// The HTTP side every process shares: request ids, request logs with their SQL statement count,
// health routes, and listening/stopping.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { type RequestScope, requestScope } from '@second-chance/db';
import type { Logger } from './logger';
import { flushTraces } from './trace-context';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A process's HTTP side, as the gateway and every subgraph expose it (tests use `app` with supertest). */
export interface HttpService {
  app: Express;
  httpServer: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests and lets those in flight finish (then closes what the service holds). */
  stop(): Promise<void>;
}

/** Opens a request scope (for counting SQL statements) and a request logger with a request id. */
export function requestLogging(log: Logger): RequestHandler[] {
  const scope: RequestHandler = (_req, res, next) => {
    const store: RequestScope = { sqlStatements: 0 };
    res.locals.scope = store;
    requestScope.run(store, next);
  };
  const http = pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const given = req.headers[REQUEST_ID_HEADER];
      const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    customSuccessObject: (_req, res, value: Record<string, unknown>) => ({
      ...value,
      sqlStatements: ((res as Response).locals?.scope as RequestScope | undefined)?.sqlStatements,
    }),
    serializers: {
      // The path only: a GraphQL GET request carries its variables (personal data, maybe) in the query string.
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.split('?', 1)[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return [scope, http];
}

/** The id pino-http gave the request (from its x-request-id header, or a new UUID). */
export function requestIdOf(req: Request): string {
  const id: unknown = req.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

/** `/health/live` (the process answers) and `/health/ready` (and `/health`: it can do its work). */
export function healthRoutes(app: Express, ready: () => Promise<boolean>): void {
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness = async (_req: Request, res: Response) => {
    const ok = await ready().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  };
  app.get('/health/ready', readiness);
  app.get('/health', readiness);
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Calls `stop` once on SIGINT or SIGTERM (or when the parent process that forked us goes away),
 * then exits; a second signal exits at once.
 */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (reason: string) => {
    if (stopping) {
      log.warn({ reason }, 'second shutdown request: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ reason }, 'shutting down');
    // The spans of the last requests go out before the process ends (when it traces).
    stop().then(
      () => flushTraces().then(() => process.exit(0)),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
  if (process.send) process.on('disconnect', () => handler('parent went away'));
}

/** Last handler: a body that is not JSON, or too large, gets a GraphQL-shaped error, never an HTML stack trace. */
export function jsonErrors(log: Logger) {
  return (error: { status?: number; type?: string }, _req: Request, res: Response, _next: () => void) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: error }, 'request failed');
    const message =
      error.type === 'entity.too.large'
        ? 'request body is too large'
        : status === 500
          ? 'internal server error'
          : 'request body is not valid JSON';
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
    });
  };
}
