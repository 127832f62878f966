import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, validate } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { DEFAULT_LIMITS, type Limits, costEstimator, costLimitPlugin, depthRule } from '../src/limits';

const typeDefs = /* GraphQL */ `
  type Query {
    version: String!
    municipality(code: String!): Municipality
    municipalities: [Municipality!]!
    vacancies(first: Int, after: String): VacancyConnection!
  }

  type Municipality {
    code: String!
    name: String!
    region: Region
    housingAreas: [HousingArea!]!
  }

  type Region {
    name: String!
  }

  type HousingArea {
    id: ID!
    name: String!
    departments: [Department!]!
    lettingPolicies: [String!]!
  }

  type Department {
    id: ID!
    units: [Unit!]!
  }

  type Unit {
    id: ID!
    rooms: Int!
    tags: [String!]!
    department: Department!
    vacancies(first: Int): VacancyConnection!
  }

  type VacancyConnection {
    nodes: [Vacancy!]!
    edges: [VacancyEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type VacancyEdge {
    cursor: String!
    node: Vacancy!
  }

  type Vacancy {
    id: ID!
    availableFrom: String!
    unit: Unit!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
`;

const schema = buildSchema(typeDefs);

function cost(query: string, limits: Limits = DEFAULT_LIMITS, variables: Record<string, unknown> = {}): number {
  return getComplexity({ schema, query: parse(query), variables, estimators: [costEstimator(limits)] });
}

describe('costEstimator', () => {
  test('scalars cost nothing', () => {
    expect(cost('{ version }')).toBe(0);
    expect(cost('{ __typename version }')).toBe(0);
  });

  test('an object costs 1, whatever scalars it carries', () => {
    expect(cost('{ municipality(code: "101") { code } }')).toBe(1);
    expect(cost('{ municipality(code: "101") { code name } }')).toBe(1);
  });

  test('nested objects add up', () => {
    expect(cost('{ municipality(code: "101") { code region { name } } }')).toBe(2);
  });

  test('a list of scalars costs nothing', () => {
    expect(cost('{ vacancies(first: 1) { nodes { unit { tags } } } }')).toBe(1 + 1 * (1 + 1));
  });

  test('a list without a size of its own counts the default list size', () => {
    expect(DEFAULT_LIMITS.defaultListSize).toBe(10);
    expect(cost('{ municipalities { code } }')).toBe(10);
    expect(cost('{ municipalities { code region { name } } }')).toBe(10 * (1 + 1));
  });

  test('a list with a size in listSizes counts that size', () => {
    expect(DEFAULT_LIMITS.listSizes['Municipality.housingAreas']).toBe(20);
    expect(cost('{ municipality(code: "101") { housingAreas { id } } }')).toBe(1 + 20);
  });

  test('nested lists multiply', () => {
    // Department.units 70, HousingArea.departments 4, Municipality.housingAreas 20.
    const units = 70 * 1;
    const departments = 4 * (1 + units);
    const areas = 20 * (1 + departments);
    expect(cost('{ municipality(code: "101") { housingAreas { departments { units { id } } } } }')).toBe(1 + areas);
  });

  test('a connection with first: 50 costs 1 plus 50 times one entry', () => {
    expect(cost('{ vacancies(first: 50) { nodes { id } } }')).toBe(1 + 50 * 1);
    expect(cost('{ vacancies(first: 50) { nodes { id unit { id } } } }')).toBe(1 + 50 * (1 + 1));
    expect(cost('{ vacancies(first: 50) { edges { cursor node { id } } } }')).toBe(1 + 50 * (1 + 1));
  });

  test('the cost of a connection grows with first', () => {
    const query = (first: number) => `{ vacancies(first: ${first}) { nodes { id unit { id } } } }`;
    expect(cost(query(1))).toBe(3);
    expect(cost(query(10))).toBe(21);
    expect(cost(query(100))).toBe(201);
  });

  test('a connection without first counts the default page size', () => {
    expect(DEFAULT_LIMITS.defaultPageSize).toBe(20);
    expect(cost('{ vacancies { nodes { id } } }')).toBe(1 + 20 * 1);
  });

  test('a connection with first 0 or negative counts the default page size', () => {
    expect(cost('{ vacancies(first: 0) { nodes { id } } }')).toBe(21);
    expect(cost('{ vacancies(first: -5) { nodes { id } } }')).toBe(21);
  });

  test('a page size given as a variable is used', () => {
    const query = 'query Page($first: Int) { vacancies(first: $first) { nodes { id } } }';
    expect(cost(query, DEFAULT_LIMITS, { first: 5 })).toBe(6);
    expect(cost(query, DEFAULT_LIMITS, { first: 100 })).toBe(101);
    expect(cost(query, DEFAULT_LIMITS, {})).toBe(21);
  });

  test('a scalar-only connection selection costs just the connection', () => {
    expect(cost('{ vacancies(first: 50) { totalCount } }')).toBe(1);
  });

  test('a connection inside lists is multiplied by them', () => {
    const query = `{ municipality(code: "101") { housingAreas { departments { units {
      vacancies(first: 5) { nodes { id } } } } } } }`;
    const vacancies = 1 + 5 * 1;
    const units = 70 * (1 + vacancies);
    const departments = 4 * (1 + units);
    expect(cost(query)).toBe(1 + 20 * (1 + departments));
  });

  test('fragments cost what their fields cost', () => {
    const query = `
      { vacancies(first: 10) { nodes { ...V } } }
      fragment V on Vacancy { id unit { id } }
    `;
    expect(cost(query)).toBe(1 + 10 * 2);
  });

  test('custom list sizes override the defaults', () => {
    const limits: Limits = {
      ...DEFAULT_LIMITS,
      listSizes: { 'Municipality.housingAreas': 2, 'Query.municipalities': 98 },
      defaultListSize: 3,
      defaultPageSize: 7,
    };
    expect(cost('{ municipality(code: "101") { housingAreas { id } } }', limits)).toBe(1 + 2);
    expect(cost('{ municipality(code: "101") { housingAreas { departments { id } } } }', limits)).toBe(1 + 2 * (1 + 3));
    expect(cost('{ municipalities { code } }', limits)).toBe(98);
    expect(cost('{ vacancies { nodes { id } } }', limits)).toBe(1 + 7);
    // The default listSizes no longer apply.
    expect(cost('{ municipality(code: "101") { housingAreas { departments { units { id } } } } }', limits)).toBe(
      1 + 2 * (1 + 3 * (1 + 3)),
    );
  });
});

describe('depthRule', () => {
  const shallowLimits: Limits = { ...DEFAULT_LIMITS, maxDepth: 3 };
  const errorsOf = (query: string, limits: Limits = shallowLimits) =>
    validate(schema, parse(query), [depthRule(limits)]);

  test('accepts a query within the limit', () => {
    expect(errorsOf('{ version }')).toEqual([]);
    expect(errorsOf('{ municipality(code: "101") { region { name } } }')).toEqual([]);
  });

  test('refuses a query one level too deep, naming the depth found and the limit', () => {
    const errors = errorsOf('{ municipality(code: "101") { housingAreas { departments { id } } } }');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('the query is nested too deeply (4 levels; the limit is 3)');
  });

  test('refuses a far deeper query once', () => {
    const errors = errorsOf(
      '{ vacancies { nodes { unit { department { units { vacancies { nodes { unit { id } } } } } } } } }',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('the limit is 3');
    expect(errors[0]?.message).toContain('(9 levels;');
  });

  test('counts depth through fragments', () => {
    const query = `
      { municipality(code: "101") { ...Areas } }
      fragment Areas on Municipality { housingAreas { departments { units { id } } } }
    `;
    const errors = errorsOf(query);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('the limit is 3');
  });

  test('counts depth through inline fragments', () => {
    const errors = errorsOf(
      '{ municipality(code: "101") { ... on Municipality { housingAreas { departments { id } } } } }',
    );
    expect(errors).toHaveLength(1);
  });

  test('the default limit is 12 levels', () => {
    expect(DEFAULT_LIMITS.maxDepth).toBe(12);
    const nest = (levels: number): string => {
      // Query.vacancies > nodes > unit > vacancies > nodes > unit > ... ending in a scalar.
      const steps = ['vacancies', 'nodes', 'unit'];
      let query = 'id';
      for (let level = levels - 1; level >= 1; level -= 1) query = `${steps[(level - 1) % 3]} { ${query} }`;
      return `{ ${query} }`;
    };
    expect(errorsOf(nest(12), DEFAULT_LIMITS)).toEqual([]);
    const errors = errorsOf(nest(13), DEFAULT_LIMITS);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('the query is nested too deeply (13 levels; the limit is 12)');
  });
});

describe('costLimitPlugin', () => {
  const limits: Limits = { ...DEFAULT_LIMITS, maxCost: 100 };
  let server: ApolloServer;

  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs,
      resolvers: { Query: { version: () => '1', vacancies: () => ({ nodes: [], edges: [], totalCount: 0 }) } },
      plugins: [costLimitPlugin(limits)],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  test('lets a query within the cost limit run', async () => {
    const response = await server.executeOperation({ query: '{ vacancies(first: 99) { nodes { id } } }' });
    expect(response.body.kind === 'single' && response.body.singleResult).toMatchObject({
      data: { vacancies: { nodes: [] } },
    });
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
  });

  test('refuses a query over the limit with BAD_USER_INPUT, the cost and the limit', async () => {
    const response = await server.executeOperation({ query: '{ vacancies(first: 50) { nodes { id unit { id } } } }' });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    expect(data).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.message).toBe(
      'the query could return about 101 objects; the limit is 100: ask for smaller pages or fewer nested lists',
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: 101, maxCost: 100 });
    expect(response.http.status).toBe(400);
  });

  test('uses the variables of the request', async () => {
    const query = 'query Page($first: Int) { vacancies(first: $first) { nodes { id } } }';
    const small = await server.executeOperation({ query, variables: { first: 10 } });
    const large = await server.executeOperation({ query, variables: { first: 100 } });
    expect(small.body.kind === 'single' && small.body.singleResult.errors).toBeUndefined();
    expect(large.body.kind === 'single' && large.body.singleResult.errors?.[0]?.extensions?.cost).toBe(101);
    // The remembered cost belongs to the variables it was estimated with: asked again, each gets its own.
    const smallAgain = await server.executeOperation({ query, variables: { first: 10 } });
    const largeAgain = await server.executeOperation({ query, variables: { first: 100 } });
    expect(smallAgain.body.kind === 'single' && smallAgain.body.singleResult.errors).toBeUndefined();
    expect(largeAgain.body.kind === 'single' && largeAgain.body.singleResult.errors?.[0]?.extensions?.cost).toBe(101);
  });

  test('remembers the cost per operation of one document', async () => {
    const query = `
      query Cheap { version }
      query Expensive { vacancies(first: 100) { nodes { id unit { id } } } }
    `;
    await server.executeOperation({ query, operationName: 'Cheap' });
    const expensive = await server.executeOperation({ query, operationName: 'Expensive' });
    expect(expensive.body.kind === 'single' && expensive.body.singleResult.errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const cheap = await server.executeOperation({ query, operationName: 'Cheap' });
    expect(cheap.body.kind === 'single' && cheap.body.singleResult).toEqual({ data: { version: '1' } });
  });

  test('counts only the operation that runs', async () => {
    const query = `
      query Cheap { version }
      query Expensive { vacancies(first: 100) { nodes { id unit { id } } } }
    `;
    const response = await server.executeOperation({ query, operationName: 'Cheap' });
    expect(response.body.kind === 'single' && response.body.singleResult).toEqual({ data: { version: '1' } });
  });
});
