// `_entities` for every @key, sent straight to the subgraph exactly as the gateway sends it, and the
// subgraph's refusal of anything that did not come through the gateway.
import request from 'supertest';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@second-chance/identity';
import { type TestPlatform, expectError, expectNoErrors, startTestPlatform } from '@second-chance/testing';
import { housingSubgraph } from '../src';
import { estate, people } from './fixtures';

let platform: TestPlatform;
let built: Awaited<ReturnType<typeof estate>>;

beforeAll(async () => {
  platform = await startTestPlatform([housingSubgraph]);
  built = await estate(platform.subgraph('housing').dataSource, { unitCount: 2 });
});
afterAll(() => platform.close());

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Municipality { code name }
    ... on HousingOrganisation { id name }
    ... on HousingArea { id name }
    ... on Department { id number }
    ... on Unit { id rooms }
    ... on Vacancy { id status }
  }
}`;

describe('_entities', () => {
  it('resolves every entity type by its key, in order, with null for unknown keys', async () => {
    const housing = platform.subgraph('housing');
    const representations = [
      { __typename: 'Municipality', code: '751' },
      { __typename: 'HousingOrganisation', id: built.owner.id },
      { __typename: 'HousingArea', id: built.area.id },
      { __typename: 'Department', id: built.department.id },
      { __typename: 'Unit', id: built.units[0]!.id },
      { __typename: 'Vacancy', id: built.vacancies[0]!.id },
      { __typename: 'Unit', id: '00000000-0000-4000-8000-00000000dead' },
      { __typename: 'Unit', id: 'not-a-uuid' },
      { __typename: 'Municipality', code: '999' },
    ];
    const data = expectNoErrors(
      await housing.query<{ _entities: ({ __typename: string } & Record<string, unknown>)[] }>(
        people.caseworker101,
        ENTITIES,
        { representations },
      ),
    );
    expect(data._entities).toEqual([
      { __typename: 'Municipality', code: '751', name: 'Aarhus' },
      { __typename: 'HousingOrganisation', id: built.owner.id, name: built.owner.name },
      { __typename: 'HousingArea', id: built.area.id, name: built.area.name },
      { __typename: 'Department', id: built.department.id, number: built.department.number },
      { __typename: 'Unit', id: built.units[0]!.id, rooms: built.units[0]!.rooms },
      { __typename: 'Vacancy', id: built.vacancies[0]!.id, status: 'OPEN' },
      null,
      null,
      null,
    ]);
  });

  it('resolves a list of references with one statement per entity type', async () => {
    const housing = platform.subgraph('housing');
    const representations = [
      ...built.units.map((u) => ({ __typename: 'Unit', id: u.id })),
      ...built.vacancies.map((v) => ({ __typename: 'Vacancy', id: v.id })),
      { __typename: 'HousingArea', id: built.area.id },
    ];
    const { statements } = await platform.countSql(() =>
      housing.query(people.caseworker101, ENTITIES, { representations }),
    );
    expect(statements.housing).toBe(3);
  });

  it('refuses units and vacancies to roles that may not see them, but gives them reference data', async () => {
    const housing = platform.subgraph('housing');
    const result = await housing.query(people.evaluator, ENTITIES, {
      representations: [
        { __typename: 'HousingArea', id: built.area.id },
        { __typename: 'Unit', id: built.units[0]!.id },
        { __typename: 'Vacancy', id: built.vacancies[0]!.id },
      ],
    });
    expectError(result, 'FORBIDDEN');
    const entities = (result.body.data as { _entities: unknown[] })._entities;
    expect(entities[0]).toEqual({ __typename: 'HousingArea', id: built.area.id, name: built.area.name });
    expect(entities[1]).toBeNull();
    expect(entities[2]).toBeNull();
  });
});

describe('only the gateway may call the subgraph', () => {
  const query = { query: '{ municipalities { code } }' };

  it('refuses a request without a gateway assertion', async () => {
    const response = await request(platform.subgraph('housing').server.app).post('/graphql').send(query);
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  });

  it('refuses a user token presented directly', async () => {
    const token = await platform.token(people.caseworker101);
    const response = await request(platform.subgraph('housing').server.app)
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set(GATEWAY_ASSERTION_HEADER, token)
      .send(query);
    expect(response.status).toBe(401);
  });

  it('refuses an assertion signed with another secret, for another subgraph, or expired', async () => {
    const housing = platform.subgraph('housing');
    const forged = await signGatewayAssertion('x'.repeat(40), 'housing', people.admin);
    const otherAudience = await signGatewayAssertion(housing.secret, 'finance', people.admin);
    const expired = await signGatewayAssertion(
      housing.secret,
      'housing',
      people.admin,
      Math.floor(Date.now() / 1000) - 3600,
    );
    for (const assertion of [forged, otherAudience, expired, 'garbage']) {
      const response = await request(housing.server.app)
        .post('/graphql')
        .set(GATEWAY_ASSERTION_HEADER, assertion)
        .send(query);
      expect(response.status).toBe(401);
      expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps its health route open for orchestrators', async () => {
    const response = await request(platform.subgraph('housing').server.app).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
