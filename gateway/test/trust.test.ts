// Who a subgraph believes: only the gateway's own assertion of the identity in the caller's verified token.
// A client's identity-looking headers go nowhere; each of the four subgraphs, called directly, refuses every
// request without a genuine, current assertion before reading its body; the federation fields stay out of
// the public graph; and the keys of people's tokens rotate.
import { createHash } from 'node:crypto';
import { gql } from 'graphql-tag';
import { Kind, parse, print } from 'graphql';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import request from 'supertest';
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import {
  GATEWAY_ASSERTION_HEADER,
  GATEWAY_ISSUER,
  SERVICE_ASSERTION_HEADER,
  generateGatewaySecret,
  signGatewayAssertion,
  signServiceAssertion,
} from '@second-chance/identity';
import type { SubgraphContext, SubgraphModule } from '@second-chance/service-kit';
import {
  type TestPlatform,
  createTestKeys,
  expectError,
  expectNoErrors,
  identity,
  mintToken,
  startTestPlatform,
} from '@second-chance/testing';

/** The headers each request to the echo subgraph arrived with. */
const seen: Record<string, string | string[] | undefined>[] = [];

/** A subgraph that tells who it believes is calling, and remembers the headers it was sent. */
const echo: SubgraphModule = {
  name: 'echo',
  defaultPort: 0,
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      whoami: Caller!
    }
    type Caller {
      subject: String!
      organisation: String!
      roles: [String!]!
      caller: String!
    }
  `,
  resolvers: {
    Query: {
      whoami: (_: unknown, __: unknown, context: unknown) => {
        const { identity: who, caller } = context as SubgraphContext<unknown>;
        return {
          subject: who.subject,
          organisation: `${who.organisation.type}:${who.organisation.id}`,
          roles: who.roles,
          caller,
        };
      },
    },
  },
  entities: [],
  migrations: [],
  createLoaders: () => ({}),
  routes: (app) => {
    app.use('/graphql', (req, _res, next) => {
      seen.push({ ...req.headers });
      next();
    });
  },
};

const SERVICES = ['housing', 'evaluation', 'households', 'finance'] as const;
const EVENT_SECRET = 'households-events-secret-of-32-characters';

const caseworker = identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101');
const admin = identity('platform-admin', 'PLATFORM:sc', 'admin');

let platform: TestPlatform;
let caseworkerToken: string;

beforeAll(async () => {
  platform = await startTestPlatform([
    housingSubgraph,
    createEvaluationSubgraph({ eventSecrets: [EVENT_SECRET] }),
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] }),
    createFinanceSubgraph({ eventSecrets: [EVENT_SECRET] }),
    echo,
  ]);
  caseworkerToken = await platform.token(caseworker);
}, 120_000);
afterAll(() => platform.close());

/** Headers a client might send to pass as someone else: each claims the platform administrator. */
async function forgedHeaders(subgraph: string): Promise<Record<string, string>> {
  return {
    // A genuine assertion for the administrator, signed with the subgraph's own secret.
    [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(platform.subgraph(subgraph).secret, subgraph, admin),
    // A genuine service assertion, signed with the households service's secret for housing.
    [SERVICE_ASSERTION_HEADER]: await signServiceAssertion(
      platform.link('households', 'housing').secret,
      'households',
      'housing',
      admin,
    ),
    'x-forwarded-user': 'admin',
    'x-user': 'admin',
    'x-user-id': 'admin',
    'x-organisation': 'PLATFORM:sc',
    'x-roles': 'platform-admin',
    'x-identity': JSON.stringify({ subject: 'admin', organisation: { type: 'PLATFORM', id: 'sc' } }),
    'x-forwarded-for': '10.1.2.3',
    cookie: 'session=admin',
    'apollo-query-plan-experimental': '1',
  };
}

/** Sends an operation through the gateway with the caseworker's token and the given extra headers. */
async function throughGateway(query: string, headers: Record<string, string>, variables?: Record<string, unknown>) {
  const response = await request(platform.gateway.app)
    .post('/graphql')
    .set(headers)
    .set('authorization', `Bearer ${caseworkerToken}`)
    .send({ query, variables });
  return {
    status: response.status,
    body: response.body as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
      extensions?: Record<string, unknown>;
    },
  };
}

describe("a client's headers never reach a subgraph", () => {
  it("sends the subgraph the gateway's own assertion of the token's identity, and none of the client's headers", async () => {
    const forged = await forgedHeaders('echo');
    seen.length = 0;
    const result = await throughGateway('{ whoami { subject organisation roles caller } }', forged);
    expect(expectNoErrors(result)).toEqual({
      whoami: { subject: 'caseworker-101', organisation: 'MUNICIPALITY:101', roles: ['caseworker'], caller: 'gateway' },
    });
    expect(result.body.extensions).toBeUndefined(); // no query plan for the asking
    expect(seen).toHaveLength(1);
    const headers = seen[0] ?? {};
    for (const name of Object.keys(forged).filter((n) => n !== GATEWAY_ASSERTION_HEADER)) {
      expect({ [name]: headers[name] }).toEqual({ [name]: undefined });
    }
    expect(headers.authorization).toBeUndefined();
    const assertion = headers[GATEWAY_ASSERTION_HEADER];
    expect(typeof assertion).toBe('string');
    expect(assertion).not.toBe(forged[GATEWAY_ASSERTION_HEADER]);
    expect(decodeJwt(assertion as string)).toMatchObject({
      iss: GATEWAY_ISSUER,
      aud: 'echo',
      sub: 'caseworker-101',
      org: { type: 'MUNICIPALITY', id: '101' },
      roles: ['caseworker'],
    });
  });

  it("reuses one person's assertion for a while, and never one person's for another", async () => {
    seen.length = 0;
    expectNoErrors(await throughGateway('{ whoami { subject } }', {}));
    expectNoErrors(await throughGateway('{ whoami { subject } }', {}));
    const otherToken = await platform.token(identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101-b'));
    const other = await request(platform.gateway.app)
      .post('/graphql')
      .set('authorization', `Bearer ${otherToken}`)
      .send({ query: '{ whoami { subject } }' });
    expect((other.body as { data: unknown }).data).toEqual({ whoami: { subject: 'caseworker-101-b' } });
    const [first, second, third] = seen.map((headers) => headers[GATEWAY_ASSERTION_HEADER] as string);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(decodeJwt(third ?? '')).toMatchObject({ sub: 'caseworker-101-b' });
    // A reused assertion still has at least half its lifetime left.
    const { iat = 0, exp = 0 } = decodeJwt(second ?? '');
    expect(exp - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual((exp - iat) / 2 - 1);
  });

  it("answers a caseworker's token with forged administrator headers as the caseworker: denied, nothing written", async () => {
    const housing = platform.subgraph('housing').dataSource;
    const organisations = async () =>
      Number((await housing.query<{ n: string }[]>('SELECT count(*) AS n FROM housing_organisation'))[0]?.n);
    const before = await organisations();

    const register = await throughGateway(
      'mutation { registerHousingOrganisation(input: { name: "Falsk Boligselskab", cvrNumber: "99990058", municipalityCode: "101" }) { id } }',
      await forgedHeaders('housing'),
    );
    expectError(register, 'FORBIDDEN');
    expect(register.body.data).toBeNull();
    expect(await organisations()).toBe(before);

    const audit = await throughGateway('{ auditLog { nodes { id } } }', await forgedHeaders('households'));
    expectError(audit, 'FORBIDDEN');

    // What a caseworker may read, the caseworker still reads.
    const own = await throughGateway('{ municipality(code: "101") { code } }', await forgedHeaders('housing'));
    expect(expectNoErrors(own)).toEqual({ municipality: { code: '101' } });
  });
});

describe('each subgraph, called directly', () => {
  const BAD_BODY = '{ not json';
  const keyIdOf = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 16);

  /** A genuine assertion with its claims replaced (the signature left as it was). */
  function withClaims(assertion: string, claims: Record<string, unknown>): string {
    const [header, payload, signature] = assertion.split('.');
    const original = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...original, ...claims })).toString('base64url');
    return [header, forged, signature].join('.');
  }

  async function refusals(name: string): Promise<[string, Record<string, string>][]> {
    const { secret } = platform.subgraph(name);
    const now = Math.floor(Date.now() / 1000);
    const genuine = await signGatewayAssertion(secret, name, caseworker);
    const other = name === 'housing' ? 'finance' : 'housing';
    const claims = { org: admin.organisation, roles: admin.roles };
    return [
      ['no assertion', {}],
      ["a person's token (Authorization)", { authorization: `Bearer ${caseworkerToken}` }],
      ["a person's token as the assertion", { [GATEWAY_ASSERTION_HEADER]: caseworkerToken }],
      [
        'an assertion signed with an unknown secret',
        { [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(generateGatewaySecret(), name, admin) },
      ],
      [
        'a genuine assertion altered to claim the administrator',
        { [GATEWAY_ASSERTION_HEADER]: withClaims(genuine, { sub: 'admin', ...claims }) },
      ],
      [
        "an assertion naming the subgraph's key id, signed with another secret",
        {
          [GATEWAY_ASSERTION_HEADER]: await new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS256', kid: keyIdOf(secret) })
            .setIssuer(GATEWAY_ISSUER)
            .setAudience(name)
            .setSubject('admin')
            .setIssuedAt()
            .setExpirationTime('1m')
            .sign(new TextEncoder().encode(generateGatewaySecret())),
        },
      ],
      [
        'an unsigned assertion (alg none)',
        {
          [GATEWAY_ASSERTION_HEADER]: new UnsecuredJWT(claims)
            .setIssuer(GATEWAY_ISSUER)
            .setAudience(name)
            .setSubject('admin')
            .setIssuedAt()
            .setExpirationTime('1m')
            .encode(),
        },
      ],
      [
        'a genuine assertion replayed after it expired',
        { [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(secret, name, caseworker, now - 120) },
      ],
      [
        "an assertion for another subgraph, signed with this one's secret",
        { [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(secret, other, caseworker) },
      ],
      ["the gateway's assertion in the service header", { [SERVICE_ASSERTION_HEADER]: genuine }],
    ];
  }

  it.each(SERVICES)(
    '%s refuses every request without a genuine, current assertion, before parsing its body',
    async (name) => {
      const { app } = platform.subgraph(name).server;
      const send = (headers: Record<string, string>, body: string) =>
        request(app).post('/graphql').set('content-type', 'application/json').set(headers).send(body);

      // With a genuine assertion the body is parsed: a valid one is answered, a broken one refused as such (400).
      const genuine = {
        [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(platform.subgraph(name).secret, name, caseworker),
      };
      const answered = await send(genuine, JSON.stringify({ query: '{ __typename }' }));
      expect([answered.status, answered.body]).toEqual([200, { data: { __typename: 'Query' } }]);
      expect((await send(genuine, BAD_BODY)).status).toBe(400);

      for (const [what, headers] of await refusals(name)) {
        const response = await send(headers, BAD_BODY);
        // 401, not 400: the guard refused the request before the body was read.
        expect({ what, status: response.status }).toEqual({ what, status: 401 });
        expect(response.body).toEqual({
          errors: [
            {
              message: expect.stringMatching(new RegExp(`^the ${name} subgraph answers only the gateway`)) as unknown,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      }
    },
  );

  it('says why: missing, unknown secret, expired', async () => {
    const { app } = platform.subgraph('finance').server;
    const reason = async (headers: Record<string, string>) =>
      (
        (await request(app).post('/graphql').set(headers).send({ query: '{ __typename }' })).body as {
          errors: { message: string }[];
        }
      ).errors[0]?.message;
    const secret = platform.subgraph('finance').secret;
    expect(await reason({})).toMatch(/did not come through the gateway/);
    expect(
      await reason({
        [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(generateGatewaySecret(), 'finance', admin),
      }),
    ).toMatch(/unknown secret/);
    const old = Math.floor(Date.now() / 1000) - 120;
    expect(
      await reason({ [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(secret, 'finance', caseworker, old) }),
    ).toMatch(/expired/);
  });
});

describe('the federation fields', () => {
  /** A type each subgraph resolves by key, from its own schema. */
  function entityOf(name: string): string {
    const module = platform.subgraph(name).module;
    const entity = parse(print(module.typeDefs)).definitions.find(
      (d) =>
        (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        d.directives?.some(
          (directive) =>
            directive.name.value === 'key' &&
            !directive.arguments?.some((a) => a.name.value === 'resolvable' && print(a.value) === 'false'),
        ),
    );
    if (!entity || !('name' in entity) || !entity.name) throw new Error(`${name} resolves no entity`);
    return entity.name.value;
  }

  it.each(SERVICES)('_entities and _service of %s are not in the public graph', async (name) => {
    const type = entityOf(name);
    const queries: [string, Record<string, unknown>?][] = [
      ['{ _service { sdl } }'],
      [
        `{ _entities(representations: [{ __typename: "${type}", id: "1", code: "101" }]) { ... on ${type} { __typename } } }`,
      ],
      [
        'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
        { r: [{ __typename: type, id: '1' }] },
      ],
      ['mutation { _entities(representations: []) { __typename } }'],
    ];
    const { result: results, total } = await platform.countSql(() =>
      Promise.all(queries.map(([query, variables]) => platform.query(caseworkerToken, query, variables))),
    );
    for (const result of results) {
      expect(result.status).toBe(400);
      expectError(result, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "_(entities|service)"|Unknown type "_Any"/);
      expect(result.body.data).toBeUndefined();
    }
    expect(total).toBe(0);
  });
});

describe("rotating the keys of people's tokens", () => {
  it('accepts tokens from either key while both are trusted, and refuses the removed key after', async () => {
    const next = await createTestKeys('next-key');
    const oldToken = await platform.token(caseworker);
    const newToken = await mintToken(next, caseworker);
    const whoami = '{ whoami { subject } }';

    const both = await platform.startGateway({
      trustedKeys: { keys: [...platform.keys.publicJwks.keys, ...next.publicJwks.keys] },
    });
    const onlyNew = await platform.startGateway({ trustedKeys: next.publicJwks });
    try {
      for (const token of [oldToken, newToken]) {
        expect(expectNoErrors(await both.query(token, whoami))).toEqual({ whoami: { subject: 'caseworker-101' } });
      }
      expect(expectNoErrors(await onlyNew.query(newToken, whoami))).toEqual({ whoami: { subject: 'caseworker-101' } });
      const refused = await onlyNew.query(oldToken, whoami);
      expect(refused.status).toBe(401);
      expectError(refused, 'UNAUTHENTICATED', /not signed by a trusted key/);
    } finally {
      await both.close();
      await onlyNew.close();
    }
  });
});
