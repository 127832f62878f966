// Assertions on GraphQL answers that say what went wrong when they fail.
import type { GraphQLBody, GraphQLResult } from './platform';

/** The first error's code, or undefined when there was none. */
export function errorCode(body: GraphQLBody<unknown>): unknown {
  return body.errors?.[0]?.extensions?.code;
}

export function expectNoErrors<D>(result: GraphQLResult<D>): D {
  if (result.body.errors?.length) {
    throw new Error(`expected no errors, got ${JSON.stringify(result.body.errors, null, 2)}`);
  }
  if (!result.body.data) throw new Error(`expected data, got ${JSON.stringify(result.body)}`);
  return result.body.data;
}

export function expectError(result: GraphQLResult<unknown>, code: string, message?: RegExp): void {
  const codes = (result.body.errors ?? []).map((e) => e.extensions?.code);
  if (!codes.includes(code)) {
    throw new Error(`expected an error with code ${code}, got ${JSON.stringify(result.body, null, 2)}`);
  }
  if (message && !(result.body.errors ?? []).some((e) => message.test(e.message))) {
    throw new Error(`expected an error message matching ${String(message)}, got ${JSON.stringify(result.body.errors)}`);
  }
}
