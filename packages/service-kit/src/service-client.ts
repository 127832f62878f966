// Calling another service's GraphQL API on someone's behalf: straight to that subgraph, with a service
// assertion it verifies (it decides which of its operations this service may use).
import { GraphQLError } from 'graphql';
import { type Identity, SERVICE_ASSERTION_HEADER, signServiceAssertion } from '@second-chance/identity';
import type { ServiceLink } from './subgraph';

/** A call that did not succeed: `code` is the other service's error code, or SERVICE_UNAVAILABLE. */
export class ServiceCallError extends Error {
  constructor(
    readonly service: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }

  /** True when the other service answered with a decision (so retrying the same call is pointless). */
  get definitive(): boolean {
    return this.code !== 'SERVICE_UNAVAILABLE' && this.code !== 'INTERNAL_SERVER_ERROR';
  }

  /** The error as this service's own client sees it. */
  toGraphQLError(): GraphQLError {
    return new GraphQLError(`${this.service}: ${this.message}`, {
      extensions: { code: this.code, service: this.service },
    });
  }
}

export interface ServiceCall {
  from: string;
  to: string;
  link: ServiceLink;
  identity: Identity;
  query: string;
  variables?: Record<string, unknown>;
  timeoutMs?: number;
}

export async function callService<D>(call: ServiceCall): Promise<D> {
  let response: Response;
  try {
    response = await fetch(call.link.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SERVICE_ASSERTION_HEADER]: await signServiceAssertion(call.link.secret, call.from, call.to, call.identity),
      },
      body: JSON.stringify({ query: call.query, variables: call.variables ?? {} }),
      signal: AbortSignal.timeout(call.timeoutMs ?? 10_000),
    });
  } catch {
    throw new ServiceCallError(call.to, 'SERVICE_UNAVAILABLE', `the ${call.to} service did not answer`);
  }
  const body = (await response.json().catch(() => null)) as {
    data?: D | null;
    errors?: { message: string; extensions?: { code?: unknown } }[];
  } | null;
  const first = body?.errors?.[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    throw new ServiceCallError(call.to, code, first.message);
  }
  if (!body?.data) {
    throw new ServiceCallError(call.to, 'SERVICE_UNAVAILABLE', `the ${call.to} service answered ${response.status}`);
  }
  return body.data;
}
