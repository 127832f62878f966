// Assertions on GraphQL answers that say what went wrong when they fail.
import type { GraphQLBody, GraphQLResult, TestPlatform } from './platform';

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

/** Sends operations as `who` through the gateway: `call` returns the answer, `ok` its data (failing on any error). */
export function as(platform: TestPlatform, who: Parameters<TestPlatform['token']>[0]) {
  const call = async <D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
    platform.query<D>(await platform.token(who), query, variables);
  return {
    call,
    ok: async <D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<D> =>
      expectNoErrors<D>(await call<D>(query, variables)),
  };
}
