// One error shape for the whole graph: a clear message and `extensions.code`; never a stack trace,
// SQL or an internal message in a client's hands.
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { isUniqueViolation } from '@second-chance/db';

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

export interface InvalidField {
  /** Where the problem is, as a dotted path into the arguments (`input.rooms`). */
  path: string;
  message: string;
}

export class PlatformError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    super(message, { extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) } });
  }
}

export const badUserInput = (message: string, invalidFields?: InvalidField[]) =>
  new PlatformError('BAD_USER_INPUT', message, invalidFields ? { invalidFields } : {});
export const unauthenticated = (message: string) => new PlatformError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new PlatformError('FORBIDDEN', message);
export const notFound = (what: string, id: string) => new PlatformError('NOT_FOUND', `${what} ${id} was not found`);
export const conflict = (message: string) => new PlatformError('CONFLICT', message);

/** Codes of a request the client got wrong: ours, and those GraphQL servers produce for bad requests. */
export const CLIENT_REQUEST_ERROR_CODES: readonly string[] = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
];

/** Codes that are the client's to see as they are: the client's mistakes, and a part of the platform being away. */
const CLIENT_CODES = new Set([...CLIENT_REQUEST_ERROR_CODES, 'SERVICE_UNAVAILABLE']);

/** PostgreSQL errors that are the caller's doing, when a rule was not checked earlier. */
function fromDatabaseError(error: unknown): GraphQLFormattedError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (code === '23505') return { message: 'this already exists', extensions: { code: 'CONFLICT' } };
  if (code === '40001' || code === '40P01') {
    return { message: 'a concurrent change got there first; try again', extensions: { code: 'CONFLICT' } };
  }
  if (code.startsWith('22') || code === '23503' || code === '23514') {
    return { message: 'a value is not acceptable here', extensions: { code: 'BAD_USER_INPUT' } };
  }
  return undefined;
}

/** PostgreSQL's states of a server that is shutting down or starting up (class 08, connection exceptions, too). */
const UNREACHABLE_STATES = new Set(['57P01', '57P02', '57P03']);
/** A system's socket errors (they come with the `syscall` that failed: connect, read, write). */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/** node-postgres's words for a connection that broke or never came. */
const UNREACHABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * The database is away (stopped, restarting, unreachable) or went away during the request: the request can succeed
 * later, and the pool connects again by itself. (A value thrown that is not an Error of this realm reaches here
 * wrapped by GraphQL as `NonErrorThrown`, with the value in `thrownValue`.)
 */
function databaseUnreachable(error: unknown): boolean {
  const thrown = error as { name?: unknown; thrownValue?: unknown } | null;
  const value = thrown?.name === 'NonErrorThrown' ? thrown.thrownValue : error;
  const { code, message, name, syscall } = (value ?? {}) as Record<string, unknown>;
  if (typeof code === 'string' && (UNREACHABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof code === 'string' && SOCKET_ERRORS.has(code) && typeof syscall === 'string') return true;
  // TypeORM lets go of a transaction's connection when the connection fails; its next statement says so.
  if (name === 'QueryRunnerAlreadyReleasedError') return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.test(message);
}

/** Apollo Server's `formatError`: passes client errors through and hides everything else. */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { http: _http, stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    if (databaseUnreachable(original)) {
      // Not a fault of the request nor of the service's code: said as it is, logged without a stack each time.
      log.warn(
        { path: formatted.path, reason: (original as { message?: unknown } | null)?.message },
        'database unavailable',
      );
      return {
        message: 'the database is unavailable; try again shortly',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const mapped = fromDatabaseError(original);
    if (mapped) return { ...mapped, path: formatted.path, locations: formatted.locations };
    log.error({ err: original, path: formatted.path }, 'internal error');
    return {
      message: 'internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Runs a write; when the unique index `constraint` refuses it, answers CONFLICT with `message`. */
export async function unlessDuplicate<T>(write: () => Promise<T>, constraint: string, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw conflict(message);
    throw error;
  }
}
