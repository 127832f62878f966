// The gateway's abuse limits, each tripped through the real gateway beside the case it still allows: aliases,
// directives, tokens, batched operations, body size, requests per caller, slow subgraphs; and what a client
// learns from an error in production (no "Did you mean …?", no stack trace, no SQL).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gql } from 'graphql-tag';
import request from 'supertest';
import type { SubgraphContext, SubgraphModule } from '@second-chance/service-kit';
import {
  type GraphQLBody,
  type TestGateway,
  type TestPlatform,
  expectError,
  expectNoErrors,
  identity,
  startTestPlatform,
} from '@second-chance/testing';
import { DEFAULT_LIMITS, DEFAULT_RATE_LIMIT, createRateLimiter } from '../src';

/** Requests that reached the catalog subgraph's /graphql (after the gateway let them through). */
let hits = 0;

const catalog: SubgraphModule = {
  name: 'catalog',
  defaultPort: 0,
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      authors: [Author!]!
      author(id: ID!): Author
      "How many words were sent (a long list is many tokens and little work)."
      count(words: [String!]!): Int!
      shelf(kind: ShelfKind!): String!
      "Answers after ms milliseconds."
      slow(ms: Int!): String!
      "Fails inside the subgraph with a message that names an address and SQL."
      broken: String
      "Runs SQL against a table that does not exist: a real PostgreSQL error."
      missingTable: Int
    }
    enum ShelfKind {
      FICTION
      POETRY
    }
    type Author @key(fields: "id") {
      id: ID!
      name: String!
    }
  `,
  resolvers: {
    Query: {
      authors: () => [{ id: 'a1', name: 'Astrid' }],
      author: (_: unknown, { id }: { id: string }) => ({ id, name: `Author ${id}` }),
      count: (_: unknown, { words }: { words: string[] }) => words.length,
      shelf: (_: unknown, { kind }: { kind: string }) => kind.toLowerCase(),
      // The timer does not keep the test process alive once everything else is done.
      slow: (_: unknown, { ms }: { ms: number }) =>
        new Promise<string>((resolve) => setTimeout(() => resolve('late'), ms).unref()),
      broken: () => {
        throw new Error('connection to 10.0.0.7 refused: SELECT secret FROM accounts');
      },
      missingTable: async (_: unknown, __: unknown, context: unknown) => {
        await (context as SubgraphContext<unknown>).db.query('SELECT secret FROM no_such_table');
        return 1;
      },
    },
  },
  entities: [],
  migrations: [],
  createLoaders: () => ({}),
  routes: (app) => {
    app.use('/graphql', (_req, _res, next) => {
      hits += 1;
      next();
    });
  },
};

let platform: TestPlatform;
let token: string;
const reader = identity('evaluator', 'EVALUATOR:vive', 'reader');

beforeAll(async () => {
  platform = await startTestPlatform([catalog]);
  token = await platform.token(reader);
});
afterAll(() => platform.close());

/** The platform's own gateway, as development runs it. */
const development: Pick<TestGateway, 'query'> = { query: (...args) => platform.query(...args) };

/** Runs `work` and returns how many requests reached the subgraph meanwhile. */
async function hitsDuring<T>(work: () => Promise<T>): Promise<{ result: T; hits: number }> {
  const before = hits;
  const result = await work();
  return { result, hits: hits - before };
}

/** Nothing in the body that only the server should know: stack frames, file paths, SQL, addresses. */
function expectNothingInternal(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/stacktrace|exception|\bat \S+ \(|\.[jt]s:\d+|node_modules|SELECT|no_such_table/);
  expect(text).not.toMatch(/relation|10\.0\.0\.7|127\.0\.0\.1|ECONN|secret/i);
}

describe('aliases', () => {
  const aliased = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: author(id: "${i}") { name }`).join(' ')} }`;

  it(`allows ${DEFAULT_LIMITS.maxAliases} aliases by default and refuses one more, before any subgraph is asked`, async () => {
    expect(DEFAULT_LIMITS.maxAliases).toBe(30);
    const allowed = expectNoErrors(await platform.query(token, aliased(30)));
    expect(Object.keys(allowed)).toHaveLength(30);

    const { result, hits: reached } = await hitsDuring(() => platform.query(token, aliased(31)));
    expect(result.status).toBe(400);
    expectError(result, 'GRAPHQL_VALIDATION_FAILED', /^the query uses 31 aliases; the limit is 30/);
    expect(result.body.data).toBeUndefined();
    expect(reached).toBe(0);
  });

  it('counts the aliases of a fragment each time it is spread', async () => {
    const query = (spreads: number) =>
      `{ ${Array.from({ length: spreads }, (_, i) => `s${i}: authors { ...Names }`).join(' ')} }
       fragment Names on Author { first: name second: name }`;
    // 10 spreads: 10 aliases of their own and 2 × 10 in the fragment.
    expectNoErrors(await platform.query(token, query(10)));
    expectError(await platform.query(token, query(11)), 'GRAPHQL_VALIDATION_FAILED', /33 aliases; the limit is 30/);
  });
});

describe('directives', () => {
  const directed = (n: number) =>
    `query ($yes: Boolean = true) { authors { ${Array.from({ length: n }, () => 'name @include(if: $yes)').join(' ')} } }`;

  it(`allows ${DEFAULT_LIMITS.maxDirectives} directives and refuses one more`, async () => {
    expect(DEFAULT_LIMITS.maxDirectives).toBe(50);
    expectNoErrors(await platform.query(token, directed(50)));
    const { result, hits: reached } = await hitsDuring(() => platform.query(token, directed(51)));
    expect(result.status).toBe(400);
    expectError(result, 'GRAPHQL_VALIDATION_FAILED', /^the query uses 51 directives; the limit is 50$/);
    expect(reached).toBe(0);
  });
});

describe('tokens', () => {
  /** `{ count(words: [...]) }`: 9 tokens and one per word. */
  const words = (n: number) => `{ count(words: [${Array.from({ length: n }, () => '"w"').join(' ')}]) }`;

  it(`parses a document of ${DEFAULT_LIMITS.maxTokens} tokens and stops at one more`, async () => {
    expect(DEFAULT_LIMITS.maxTokens).toBe(5_000);
    expect(expectNoErrors(await platform.query(token, words(4_991)))).toEqual({ count: 4_991 });
    const { result, hits: reached } = await hitsDuring(() => platform.query(token, words(4_992)));
    expect(result.status).toBe(400);
    expectError(
      result,
      'GRAPHQL_PARSE_FAILED',
      /^the query has more than 5000 tokens, the limit: send a shorter query$/,
    );
    expect(reached).toBe(0);
  });

  it('refuses a body-sized document of tokens at once, before validating it', async () => {
    // About 250 kB of fields: 125,000 tokens, which the overlapping-fields check alone would take long over.
    const huge = `{ authors { ${'id '.repeat(83_000)}} }`;
    expect(Buffer.byteLength(huge)).toBeLessThan(256 * 1024);
    const started = performance.now();
    const result = await platform.query(token, huge);
    const elapsed = performance.now() - started;
    expectError(result, 'GRAPHQL_PARSE_FAILED', /more than 5000 tokens/);
    expect(elapsed).toBeLessThan(1_000);
  });
});

describe('batched operations', () => {
  it('refuses a JSON array of operations with 400, and runs none of them', async () => {
    const { result: response, hits: reached } = await hitsDuring(() =>
      request(platform.gateway.app)
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send([{ query: '{ authors { id } }' }, { query: '{ authors { name } }' }]),
    );
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'batched operations are not accepted: send one operation per request',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    expect(reached).toBe(0);
    // The same operation alone is answered.
    expectNoErrors(await platform.query(token, '{ authors { id } }'));
  });
});

describe('request size', () => {
  const padded = (bytes: number) =>
    request(platform.gateway.app)
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: '{ authors { id } }', variables: { padding: 'x'.repeat(bytes) } }));

  it('answers a body over 256 kB with a JSON 413 that names the limit; nothing reaches a subgraph', async () => {
    const { result: response, hits: reached } = await hitsDuring(() => padded(300_000));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({
      errors: [
        { message: 'the request body is larger than the gateway accepts (256kb)', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
    expect(reached).toBe(0);
  });

  it('accepts a body just under the limit', async () => {
    const response = await padded(256 * 1024 - 100);
    expect(response.status).toBe(200);
    expect((response.body as GraphQLBody).data).toEqual({ authors: [{ id: 'a1' }] });
  });
});

describe('requests per caller', () => {
  let limited: TestGateway;
  // One request a second, and two more within a minute.
  const tiny = { perMinute: 60, burst: 2 };

  beforeAll(async () => {
    limited = await platform.startGateway({ rateLimit: tiny });
  });
  afterAll(() => limited.close());

  /** Sends one request per token at once (null: none), as a front-end opening a page would. */
  const atOnce = (tokens: (string | null)[]) =>
    Promise.all(
      tokens.map((t) => {
        const call = request(limited.server.app).post('/graphql');
        if (t !== null) call.set('authorization', `Bearer ${t}`);
        return call.send({ query: '{ authors { id } }' });
      }),
    );
  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();
  const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

  it('limits one person (429, Retry-After, RATE_LIMITED) while another is still served', async () => {
    const first = await platform.token(identity('evaluator', 'EVALUATOR:vive', 'first'));
    const colleague = await platform.token(identity('evaluator', 'EVALUATOR:vive', 'colleague'));

    const { result: responses, hits: reached } = await hitsDuring(() => atOnce(times(4, first)));
    // The second's share and the burst of two: three answered, the fourth refused without reaching a subgraph.
    expect(statuses(responses)).toEqual([200, 200, 200, 429]);
    expect(reached).toBe(3);
    const refused = responses.find((r) => r.status === 429);
    expect(refused?.headers['retry-after']).toBe('1');
    expect(refused?.headers['content-type']).toMatch(/application\/json/);
    expect(refused?.body).toEqual({
      errors: [
        {
          message: 'too many requests: try again in 1 s',
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
        },
      ],
    });

    // A colleague in the same organisation has a count of their own.
    expect(statuses(await atOnce(times(3, colleague)))).toEqual([200, 200, 200]);

    // After the wait it names, the first person is served again: one a second, the burst being spent.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(statuses(await atOnce(times(2, first)))).toEqual([200, 429]);
  });

  it('counts requests without a valid token by address, before authentication, apart from signed-in people', async () => {
    // Three go through to be told to sign in; then the address is over its limit, an invalid token counting as none.
    const responses = await atOnce([null, null, null, 'not-a-token', 'not-a-token']);
    expect(statuses(responses)).toEqual([401, 401, 401, 429, 429]);
    for (const response of responses) {
      expect((response.body as GraphQLBody).errors?.[0]?.extensions?.code).toBe(
        response.status === 429 ? 'RATE_LIMITED' : 'UNAUTHENTICATED',
      );
    }
    // Someone signed in from the same address is counted as themselves.
    const other = await platform.token(identity('evaluator', 'EVALUATOR:vive', 'other'));
    expect(statuses(await atOnce(times(3, other)))).toEqual([200, 200, 200]);
  });

  it('ignores X-Forwarded-For unless told to trust the proxy in front', async () => {
    const anonymous = (gateway: TestGateway, address: string) =>
      request(gateway.server.app)
        .post('/graphql')
        .set('x-forwarded-for', address)
        .send({ query: '{ authors { id } }' });
    const addresses = ['10.9.0.1', '10.9.0.2', '10.9.0.3', '10.9.0.4'];
    const exposed = await platform.startGateway({ rateLimit: tiny });
    const proxied = await platform.startGateway({ rateLimit: tiny, trustProxy: 'loopback' });
    try {
      // Claiming other addresses does not help: all four are counted as the one they came from.
      expect(statuses(await Promise.all(addresses.map((a) => anonymous(exposed, a))))).toEqual([401, 401, 401, 429]);
      // Behind a trusted proxy (here: on the loopback address) the address it forwards is the one counted.
      expect(statuses(await Promise.all(addresses.map((a) => anonymous(proxied, a))))).toEqual([401, 401, 401, 401]);
      const same = await Promise.all(times(3, '10.9.0.1').map((a) => anonymous(proxied, a)));
      expect(statuses(same)).toEqual([401, 401, 429]);
    } finally {
      await exposed.close();
      await proxied.close();
    }
  });

  it('by default allows 600 a minute: ten a second and a burst of 120', async () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ perMinute: 600, burst: 120 });
    const limiter = createRateLimiter(DEFAULT_RATE_LIMIT);
    const who = identity('caseworker', 'MUNICIPALITY:101', 'busy');
    const decisions = [];
    for (let i = 0; i < 131; i++) decisions.push(await limiter.take(who, '127.0.0.1'));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(130);
    expect(decisions[130]).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another person, and the same address without a token, are counted apart.
    expect(await limiter.take(identity('caseworker', 'MUNICIPALITY:101', 'calm'), '127.0.0.1')).toEqual({
      allowed: true,
    });
    expect(await limiter.take(undefined, '127.0.0.1')).toEqual({ allowed: true });
  });

  it('counts nothing in a gateway started without a limit (as the test platform starts its own)', async () => {
    const results = await Promise.all(times(20, token).map((t) => platform.query(t, '{ authors { id } }')));
    expect(statuses(results)).toEqual(times(20, 200));
  });
});

describe('slow subgraphs', () => {
  let impatient: TestGateway;

  beforeAll(async () => {
    impatient = await platform.startGateway({ subgraphTimeoutMs: 300, production: true });
  });
  afterAll(() => impatient.close());

  it('answers promptly with an error that names the timeout, without a stack trace', async () => {
    const started = performance.now();
    const result = await impatient.query(token, '{ slow(ms: 2000) }');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1_500);
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expectError(result, 'SERVICE_UNAVAILABLE', /^the catalog service timed out: no answer within 300 ms$/);
    expectNothingInternal(result.body);
  });

  it('times out a subgraph that sends its headers and then stalls', async () => {
    // Something between the gateway and the subgraph that starts an answer and never finishes it in time.
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
      setTimeout(() => res.end('{"slow":"late"}}'), 2_000).unref();
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as AddressInfo;
    const stalled = await platform.startGateway({
      subgraphTimeoutMs: 300,
      subgraphUrls: { catalog: `http://127.0.0.1:${port}/graphql` },
    });
    try {
      const started = performance.now();
      const result = await stalled.query(token, '{ slow(ms: 1) }');
      expect(performance.now() - started).toBeLessThan(1_500);
      expectError(result, 'SERVICE_UNAVAILABLE', /^the catalog service timed out: no answer within 300 ms$/);
    } finally {
      await stalled.close();
      stalling.closeAllConnections();
      stalling.close();
    }
  });

  it('answers a subgraph that is quick enough', async () => {
    expect(expectNoErrors(await impatient.query(token, '{ slow(ms: 10) }'))).toEqual({ slow: 'late' });
  });
});

describe('what errors tell a client', () => {
  let production: TestGateway;

  beforeAll(async () => {
    production = await platform.startGateway({ production: true });
  });
  afterAll(() => production.close());

  const misspelt = [
    { query: '{ authorz { id } }', suggestion: /Did you mean "author" or "authors"\?/ },
    { query: '{ author(idd: "1") { name } }', suggestion: /Did you mean "id"\?/ },
    { query: '{ shelf(kind: FICTON) }', suggestion: /Did you mean the enum value "FICTION"\?/ },
  ];

  it("answers a variable of the wrong type or missing as the client's error (400), not an internal one", async () => {
    for (const gateway of [production, development]) {
      const missing = await gateway.query(token, 'query ($id: ID!) { author(id: $id) { name } }', {});
      expect(missing.status).toBe(400);
      expectError(missing, 'BAD_USER_INPUT', /^Variable "\$id" of required type "ID!" was not provided\.$/);
      const wrong = await gateway.query(token, 'query ($w: [String!]!) { count(words: $w) }', { w: [1, null] });
      expect(wrong.status).toBe(400);
      expectError(wrong, 'BAD_USER_INPUT', /Variable "\$w" got invalid value/);
      expect(wrong.body.data).toBeUndefined();
      expect(
        expectNoErrors(await gateway.query(token, 'query ($w: [String!]!) { count(words: $w) }', { w: ['a'] })),
      ).toEqual({ count: 1 });
    }
  });

  it('suggests names in development', async () => {
    for (const { query, suggestion } of misspelt) {
      expectError(await platform.query(token, query), 'GRAPHQL_VALIDATION_FAILED', suggestion);
    }
    const variable = await platform.query(token, 'query ($k: ShelfKind!) { shelf(kind: $k) }', { k: 'FICTON' });
    expectError(variable, 'BAD_USER_INPUT', /Did you mean the enum value "FICTION"\?/);
  });

  it('suggests nothing in production, and still says what is wrong', async () => {
    for (const { query } of misspelt) {
      const result = await production.query(token, query);
      expect(result.status).toBe(400);
      expectError(result, 'GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(result.body)).not.toMatch(/Did you mean|authors"|"id"\?|FICTION/);
    }
    const unknown = await production.query(token, '{ authorz { id } }');
    expect(unknown.body.errors?.[0]?.message).toBe('Cannot query field "authorz" on type "Query".');
    const variable = await production.query(token, 'query ($k: ShelfKind!) { shelf(kind: $k) }', { k: 'FICTON' });
    expectError(variable, 'BAD_USER_INPUT', /FICTON/);
    expect(JSON.stringify(variable.body)).not.toMatch(/Did you mean|FICTION|POETRY/);
  });

  it("hides a subgraph's internal error and a real database error in production, and answers the rest", async () => {
    for (const gateway of [production, development]) {
      const result = await gateway.query(token, '{ broken missingTable authors { id } }');
      expect(result.status).toBe(200);
      expect(result.body.data).toEqual({ broken: null, missingTable: null, authors: [{ id: 'a1' }] });
      expect(result.body.errors?.map((e) => [e.message, e.extensions?.code, e.path])).toEqual([
        ['internal server error', 'INTERNAL_SERVER_ERROR', ['broken']],
        ['internal server error', 'INTERNAL_SERVER_ERROR', ['missingTable']],
      ]);
      expectNothingInternal(result.body);
    }
  });

  it('keeps introspection off in production', async () => {
    const result = await production.query(token, '{ __schema { queryType { name } } }');
    expectError(result, 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
    expectNothingInternal(result.body);
  });
});
