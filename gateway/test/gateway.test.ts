// The gateway as partners' front-ends meet it: who gets in, what is refused, what errors look like, and
// how it talks to subgraphs (each distinct entity once; a missing subgraph named, not hidden).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql } from 'graphql-tag';
import request from 'supertest';
import type { SubgraphModule } from '@second-chance/service-kit';
import {
  createTestKeys,
  expectError,
  expectNoErrors,
  identity,
  mintToken,
  startTestPlatform,
  type TestPlatform,
} from '@second-chance/testing';
import { DEFAULT_LIMITS, SUPERGRAPH_FILE, composeFromFiles } from '../src';

/** A subgraph that owns authors and counts the references it is asked to resolve. */
const resolved: string[] = [];
const catalog: SubgraphModule = {
  name: 'catalog',
  defaultPort: 0,
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      broken: String
      authors: [Author!]!
    }
    type Author @key(fields: "id") {
      id: ID!
      name: String!
    }
  `,
  resolvers: {
    Query: {
      broken: () => {
        throw new Error('connection to 10.0.0.7 refused: SELECT secret FROM table');
      },
      authors: () => [{ id: 'a1', name: 'Astrid' }],
    },
    Author: {
      __resolveReference: (ref: { id: string }) => {
        resolved.push(ref.id);
        return { id: ref.id, name: `Author ${ref.id}` };
      },
    },
  },
  entities: [],
  migrations: [],
  createLoaders: () => ({}),
};

/** A subgraph whose six reviews point at two authors. */
const reviews: SubgraphModule = {
  name: 'reviews',
  defaultPort: 0,
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      reviews: [Review!]!
    }
    type Review {
      id: ID!
      author: Author!
      related: [Review!]!
    }
    type Author @key(fields: "id", resolvable: false) {
      id: ID!
    }
  `,
  resolvers: {
    Query: {
      reviews: () =>
        Array.from({ length: 6 }, (_, i) => ({
          id: `r${i}`,
          author: { __typename: 'Author', id: i % 2 ? 'a2' : 'a1' },
        })),
    },
    Review: { related: () => [] },
  },
  entities: [],
  migrations: [],
  createLoaders: () => ({}),
};

let platform: TestPlatform;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform([catalog, reviews], { limits: { ...DEFAULT_LIMITS, maxDepth: 5, maxCost: 500 } });
  token = await platform.token(identity('evaluator', 'EVALUATOR:vive'));
});
afterAll(() => platform.close());

describe('identity', () => {
  it('answers UNAUTHENTICATED (401) without a token, with a malformed, expired or foreign one', async () => {
    const foreign = await mintToken(await createTestKeys('intruder'), identity('platform-admin', 'PLATFORM:national'));
    const expired = await platform.token(identity('evaluator', 'EVALUATOR:vive'), Math.floor(Date.now() / 1000) - 5);
    for (const bad of [null, 'not-a-jwt', expired, foreign]) {
      const result = await platform.query(bad, '{ authors { id } }');
      expect(result.status).toBe(401);
      expectError(result, 'UNAUTHENTICATED');
    }
    const raw = await request(platform.gateway.app)
      .post('/graphql')
      .set('authorization', `Basic ${Buffer.from('a:b').toString('base64')}`)
      .send({ query: '{ authors { id } }' });
    expect(raw.status).toBe(401);
  });

  it("keeps the subgraphs' federation fields (_entities, _service) out of the public graph", async () => {
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: []) { __typename } }']) {
      expectError(await platform.query(token, query), 'GRAPHQL_VALIDATION_FAILED', /Cannot query field/);
    }
  });

  it('forwards the identity to subgraphs, which accept it', async () => {
    expect(expectNoErrors(await platform.query(token, '{ authors { name } }'))).toEqual({
      authors: [{ name: 'Astrid' }],
    });
  });
});

describe('talking to subgraphs', () => {
  it('sends each distinct entity representation once, and answers every occurrence', async () => {
    resolved.length = 0;
    const data = expectNoErrors(
      await platform.query<{ reviews: { id: string; author: { name: string } }[] }>(
        token,
        '{ reviews { id author { name } } }',
      ),
    );
    expect(data.reviews.map((r) => r.author.name)).toEqual([
      'Author a1',
      'Author a2',
      'Author a1',
      'Author a2',
      'Author a1',
      'Author a2',
    ]);
    expect(resolved.sort()).toEqual(['a1', 'a2']);
  });

  it('hides internal errors: no message, stack or SQL reaches the client', async () => {
    const result = await platform.query(token, '{ broken authors { id } }');
    expect(result.body.data).toEqual({ broken: null, authors: [{ id: 'a1' }] });
    expect(result.body.errors).toHaveLength(1);
    const serialised = JSON.stringify(result.body.errors);
    expect(serialised).not.toMatch(/10\.0\.0\.7|SELECT|secret|stack/);
    expect(result.body.errors?.[0]?.message).toBe('internal server error');
  });

  it('names a subgraph that is down, and still answers from the others', async () => {
    const { startTestPlatform: start } = await import('@second-chance/testing');
    const partial = await start([catalog, reviews]);
    try {
      await partial.subgraph('catalog').server.stop();
      const result = await partial.query(
        await partial.token(identity('evaluator', 'EVALUATOR:vive')),
        '{ reviews { id } broken }',
      );
      // `broken` is nullable and answered by the stopped subgraph: null, with an error that names it.
      expect(result.body.data?.reviews).toHaveLength(6);
      expect(result.body.data?.broken).toBeNull();
      expectError(result, 'SERVICE_UNAVAILABLE', /catalog service is unavailable/);
      expect(JSON.stringify(result.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await partial.close().catch(() => undefined);
    }
  });
});

describe('limits', () => {
  it('refuses a query nested deeper than the limit', async () => {
    const shallow = await startTestPlatform([catalog, reviews], { limits: { ...DEFAULT_LIMITS, maxDepth: 2 } });
    try {
      const who = await shallow.token(identity('evaluator', 'EVALUATOR:vive'));
      expectNoErrors(await shallow.query(who, '{ reviews { id } }'));
      const tooDeep = await shallow.query(who, '{ reviews { author { name } } }');
      expect(tooDeep.status).toBe(400);
      expectError(tooDeep, 'GRAPHQL_VALIDATION_FAILED', /nested too deeply \(3 levels; the limit is 2\)/);
    } finally {
      await shallow.close();
    }
  });

  it('refuses a query whose lists could return more objects than the cost limit', async () => {
    // A list of unknown size counts 10 items: 10 reviews × (1 + 10 related × (1 + 10 related × 2)) = 2,110 > 500,
    // within the depth limit of 5 and without aliases (which have a limit of their own).
    expectNoErrors(await platform.query(token, '{ reviews { related { author { id } } } }'));
    const result = await platform.query(token, '{ reviews { related { related { author { id } } } } }');
    expect(result.status).toBe(400);
    expectError(result, 'BAD_USER_INPUT', /limit is 500/);
  });
});

describe('operations', () => {
  it('answers its health routes', async () => {
    expect((await request(platform.gateway.app).get('/health/live')).status).toBe(200);
    expect((await request(platform.gateway.app).get('/health/ready')).body).toEqual({ status: 'ok' });
  });

  it('answers a body that is not JSON with a GraphQL-shaped 400, not an HTML page', async () => {
    const response = await request(platform.gateway.app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send('{ not json');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(response.text).not.toMatch(/<html|at JSON\.parse/);
  });

  it('allows introspection in development and refuses it in production', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expectNoErrors(await platform.query(token, introspection));
    const production = await startTestPlatform([catalog], { production: true });
    try {
      const result = await production.query(
        await production.token(identity('evaluator', 'EVALUATOR:vive')),
        introspection,
      );
      expectError(result, 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
    } finally {
      await production.close();
    }
  });

  it('serves the supergraph the subgraph schemas compose to (gateway/supergraph.graphql is current)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', SUPERGRAPH_FILE), 'utf8');
    expect(committed).toBe(composeFromFiles());
  });
});
