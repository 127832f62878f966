// What the resilience tests share: calls over real HTTP to a listening server, a bounded load of concurrent
// requests through the gateway, and the cooperation agreement the finance service needs.
import type { AddressInfo } from 'node:net';
import type { GraphQLBody, TestPlatform } from '@second-chance/testing';
import { identity } from '@second-chance/testing';

/** The URL the platform's gateway listens on (a real socket, unlike `platform.query`, which uses supertest). */
export function gatewayUrl(platform: TestPlatform): string {
  const address = platform.gateway.httpServer.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}/graphql`;
}

export interface Answer<D = Record<string, unknown>> {
  /** The HTTP status, or 0 when no answer came (the connection was refused or cut). */
  status: number;
  body: GraphQLBody<D>;
  /** Why no answer came (status 0): the network error's code or message. */
  failure?: string;
}

/** One GraphQL POST over a fresh connection: what a client elsewhere on the network sees. */
export async function post<D = Record<string, unknown>>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 15_000,
): Promise<Answer<D>> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // Each request opens its own connection, so a server that stops listening refuses the next one.
        connection: 'close',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: GraphQLBody<D>;
    try {
      body = JSON.parse(text) as GraphQLBody<D>;
    } catch {
      body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
    }
    return { status: response.status, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const failure = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return { status: 0, body: {}, failure };
  }
}

export interface LoadRequest {
  label: string;
  token: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface Sample<D = Record<string, unknown>> extends Answer<D> {
  label: string;
  startedAt: number;
  endedAt: number;
}

export interface Load {
  samples: Sample[];
  /** Stops sending and waits for the requests in flight; returns every sample. */
  stop(): Promise<Sample[]>;
}

/**
 * `concurrency` loops, each sending the requests in turn to `url` until stopped; bounded by `maxRequests` and
 * `maxMs` whatever happens, so a failing test cannot leave traffic running.
 */
export function startLoad(
  url: string,
  requests: readonly LoadRequest[],
  options: { concurrency: number; maxRequests: number; maxMs: number; pauseMs?: number },
): Load {
  const samples: Sample[] = [];
  const deadline = Date.now() + options.maxMs;
  let stopped = false;
  let sent = 0;
  const loop = async (offset: number) => {
    for (let i = offset; !stopped && sent < options.maxRequests && Date.now() < deadline; i += 1) {
      const request = requests[i % requests.length];
      if (!request) return;
      sent += 1;
      const startedAt = Date.now();
      const answer = await post(url, request.token, request.query, request.variables);
      samples.push({ ...answer, label: request.label, startedAt, endedAt: Date.now() });
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };
  const loops = Array.from({ length: options.concurrency }, (_, i) => loop(i));
  const load: Load = {
    samples,
    stop: async () => {
      stopped = true;
      running.delete(load);
      await Promise.all(loops);
      return samples;
    },
  };
  running.add(load);
  return load;
}

const running = new Set<Load>();

/** Stops every load still running (a test that failed half-way): for `afterEach`, before the platform closes. */
export async function stopLoads(): Promise<void> {
  await Promise.all([...running].map((load) => load.stop()));
}

/** Runs every clean-up step even when one fails, then throws the first failure. */
export async function cleanUp(...steps: (() => Promise<unknown> | undefined)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` holds, polling; fails with `what` when it does not within `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

export const admin = identity('platform-admin', 'PLATFORM:sc', 'admin');

/**
 * A cooperation agreement between municipalities 101 and 461 (valid from 1 January this year): the sending
 * municipality pays moving grants; the receiving one is compensated for each household that moves.
 */
export const AGREEMENT = {
  name: 'Aftale København-Odense',
  parties: [
    { kind: 'MUNICIPALITY', id: '101' },
    { kind: 'MUNICIPALITY', id: '461' },
  ],
  validFrom: `${new Date().getUTCFullYear()}-01-01`,
  grantPolicy: { maxGrantOre: 5_000_000, payers: [{ role: 'SENDING_MUNICIPALITY', basisPoints: 10_000 }] },
  compensationPolicy: {
    baseYearlyOre: 2_500_000,
    perAdultOutsideLabourMarketYearlyOre: 4_000_000,
    perChildYearlyOre: 1_500_000,
    taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
    billing: 'BILL',
    claimDeadlineDays: 90,
    departmentCompensationOre: 0,
  },
};

export const CREATE_AGREEMENT = `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`;
