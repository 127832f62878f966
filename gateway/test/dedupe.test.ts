import { dedupeRepresentations, expandEntities } from '../src/trusted-subgraph';

type SubgraphResponse = Parameters<typeof expandEntities>[0];

const unit = (id: string) => ({ __typename: 'Unit', id });
const area = (id: string) => ({ __typename: 'HousingArea', id });

describe('dedupeRepresentations', () => {
  test('keeps the first occurrence of each representation and where each original went', () => {
    const representations = [unit('1'), unit('2'), unit('1'), area('1'), unit('2'), unit('1')];
    const { unique, positions } = dedupeRepresentations(representations);
    expect(unique).toEqual([unit('1'), unit('2'), area('1')]);
    expect(positions).toEqual([0, 1, 0, 2, 1, 0]);
  });

  test('keeps the very objects it was given, first occurrences first', () => {
    const first = unit('1');
    const second = unit('1');
    const { unique } = dedupeRepresentations([first, second]);
    expect(unique).toHaveLength(1);
    expect(unique[0]).toBe(first);
  });

  test('leaves a list without duplicates as it is', () => {
    const representations = [unit('3'), unit('1'), unit('2')];
    const { unique, positions } = dedupeRepresentations(representations);
    expect(unique).toEqual(representations);
    expect(positions).toEqual([0, 1, 2]);
  });

  test('handles the empty list', () => {
    expect(dedupeRepresentations([])).toEqual({ unique: [], positions: [] });
  });

  test('tells types apart even when ids are equal', () => {
    expect(dedupeRepresentations([unit('1'), area('1')]).unique).toHaveLength(2);
  });

  test('compares the whole representation, including nested keys', () => {
    const representations = [
      { __typename: 'Vacancy', id: '1', unit: { id: 'a' } },
      { __typename: 'Vacancy', id: '1', unit: { id: 'b' } },
      { __typename: 'Vacancy', id: '1', unit: { id: 'a' } },
    ];
    const { unique, positions } = dedupeRepresentations(representations);
    expect(unique).toEqual(representations.slice(0, 2));
    expect(positions).toEqual([0, 1, 0]);
  });

  test('every original position points at an equal representation', () => {
    const representations = Array.from({ length: 50 }, (_, i) => unit(String((i * 7) % 11)));
    const { unique, positions } = dedupeRepresentations(representations);
    expect(unique).toHaveLength(11);
    expect(positions).toHaveLength(50);
    positions.forEach((position, original) => expect(unique[position]).toEqual(representations[original]));
  });
});

describe('expandEntities', () => {
  test('spreads the entities back over the original length and order', () => {
    const positions = [0, 1, 0, 2, 1];
    const response: SubgraphResponse = {
      data: { _entities: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] },
    };
    expect(expandEntities(response, positions)).toEqual({
      data: { _entities: [{ id: 'A' }, { id: 'B' }, { id: 'A' }, { id: 'C' }, { id: 'B' }] },
    });
  });

  test('round-trips with dedupeRepresentations', () => {
    const representations = [unit('2'), unit('1'), unit('2'), unit('3'), unit('1')];
    const { unique, positions } = dedupeRepresentations(representations);
    // A subgraph answers each representation it was sent, in order.
    const answer = unique.map((representation) => ({ ...(representation as object), resolved: true }));
    const expanded = expandEntities({ data: { _entities: answer } }, positions);
    expect(expanded.data?._entities).toEqual(representations.map((r) => ({ ...r, resolved: true })));
  });

  test('fills null where the subgraph returned fewer entities, and keeps null entities', () => {
    const response: SubgraphResponse = { data: { _entities: [{ id: 'A' }, null] } };
    expect(expandEntities(response, [0, 1, 2, 1, 0]).data).toEqual({
      _entities: [{ id: 'A' }, null, null, null, { id: 'A' }],
    });
  });

  test('keeps the other data fields and the extensions', () => {
    const response: SubgraphResponse = {
      data: { _entities: [{ id: 'A' }], other: 1 },
      extensions: { traceId: 't-1' },
    };
    expect(expandEntities(response, [0, 0])).toEqual({
      data: { _entities: [{ id: 'A' }, { id: 'A' }], other: 1 },
      extensions: { traceId: 't-1' },
    });
  });

  test('does not modify the response it was given', () => {
    const response: SubgraphResponse = {
      data: { _entities: [{ id: 'A' }, { id: 'B' }] },
      errors: [{ message: 'no', path: ['_entities', 1, 'name'] }],
    };
    const copy = structuredClone(response);
    expandEntities(response, [1, 0, 1]);
    expect(response).toEqual(copy);
  });

  test('remaps an entity error to every original index that mapped to it', () => {
    const positions = [0, 1, 0, 2, 1];
    const response: SubgraphResponse = {
      data: { _entities: [{ id: 'A' }, null, { id: 'C' }] },
      errors: [{ message: 'unit B is not yours', path: ['_entities', 1], extensions: { code: 'FORBIDDEN' } }],
    };
    expect(expandEntities(response, positions).errors).toEqual([
      { message: 'unit B is not yours', path: ['_entities', 1], extensions: { code: 'FORBIDDEN' } },
      { message: 'unit B is not yours', path: ['_entities', 4], extensions: { code: 'FORBIDDEN' } },
    ]);
  });

  test('keeps the rest of an error path and the locations', () => {
    const response: SubgraphResponse = {
      data: { _entities: [{ id: 'A', rent: null }] },
      errors: [{ message: 'rent hidden', path: ['_entities', 0, 'rent'], locations: [{ line: 1, column: 40 }] }],
    };
    expect(expandEntities(response, [0, 0, 0]).errors).toEqual([
      { message: 'rent hidden', path: ['_entities', 0, 'rent'], locations: [{ line: 1, column: 40 }] },
      { message: 'rent hidden', path: ['_entities', 1, 'rent'], locations: [{ line: 1, column: 40 }] },
      { message: 'rent hidden', path: ['_entities', 2, 'rent'], locations: [{ line: 1, column: 40 }] },
    ]);
  });

  test('remaps several errors, each in turn', () => {
    const response: SubgraphResponse = {
      data: { _entities: [null, null] },
      errors: [
        { message: 'first', path: ['_entities', 0] },
        { message: 'second', path: ['_entities', 1, 'name'] },
      ],
    };
    expect(expandEntities(response, [1, 0, 1]).errors).toEqual([
      { message: 'first', path: ['_entities', 1] },
      { message: 'second', path: ['_entities', 0, 'name'] },
      { message: 'second', path: ['_entities', 2, 'name'] },
    ]);
  });

  test('leaves errors alone that are not about one entity', () => {
    const errors = [
      { message: 'no path' },
      { message: 'other root', path: ['unit', 0, 'name'] },
      { message: 'whole list', path: ['_entities'] },
      { message: 'string index', path: ['_entities', '0'] },
    ];
    const response: SubgraphResponse = { data: { _entities: [{ id: 'A' }] }, errors };
    expect(expandEntities(response, [0, 0]).errors).toEqual(errors);
  });

  test('remaps entity errors when the subgraph returned no data', () => {
    const response: SubgraphResponse = {
      data: null,
      errors: [{ message: 'database is down', path: ['_entities', 0] }],
    };
    expect(expandEntities(response, [0, 0])).toEqual({
      data: null,
      errors: [
        { message: 'database is down', path: ['_entities', 0] },
        { message: 'database is down', path: ['_entities', 1] },
      ],
    });
  });

  test('leaves a response without _entities or errors alone', () => {
    expect(expandEntities({ data: { unit: { id: 'A' } } }, [0, 0])).toEqual({ data: { unit: { id: 'A' } } });
    const withoutData = expandEntities({ errors: [{ message: 'x' }] }, [0, 0]);
    expect(withoutData).toEqual({ data: undefined, errors: [{ message: 'x' }] });
  });

  test('adds no errors key when there were no errors', () => {
    expect('errors' in expandEntities({ data: { _entities: [{ id: 'A' }] } }, [0, 0])).toBe(false);
  });
});
