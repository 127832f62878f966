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

/** Codes that are the client's to see as they are (ours, and those GraphQL servers produce for bad requests). */
const CLIENT_CODES = new Set([
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
  'SERVICE_UNAVAILABLE',
]);

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

/** Apollo Server's `formatError`: passes client errors through and hides everything else. */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { http: _http, stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
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
