import { groupedLoader, keyedLoader } from '../src';

interface Unit {
  id: string;
  rooms: number;
}

interface Vacancy {
  id: number;
  unitId: string;
}

const UNITS: Unit[] = [
  { id: 'u1', rooms: 1 },
  { id: 'u2', rooms: 2 },
  { id: 'u3', rooms: 3 },
];

/** A fetch that answers from a table, in the table's order (not the keys' order), recording each call. */
function unitFetch(table: readonly Unit[] = UNITS) {
  return jest.fn((ids: readonly string[]) => Promise.resolve(table.filter((unit) => ids.includes(unit.id))));
}

describe('keyedLoader', () => {
  test('loads several keys in one tick with one fetch of the distinct keys', async () => {
    const fetch = unitFetch();
    const loader = keyedLoader(fetch, (unit) => unit.id);
    const results = await Promise.all([loader.load('u3'), loader.load('u1'), loader.load('u3'), loader.load('u2')]);
    expect(results).toEqual([UNITS[2], UNITS[0], UNITS[2], UNITS[1]]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(['u3', 'u1', 'u2']);
  });

  test('returns null for keys without a row', async () => {
    const fetch = unitFetch();
    const loader = keyedLoader(fetch, (unit) => unit.id);
    await expect(Promise.all([loader.load('u2'), loader.load('nope'), loader.load('u9')])).resolves.toEqual([
      UNITS[1],
      null,
      null,
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test('returns null for every key when nothing is found', async () => {
    const loader = keyedLoader(unitFetch([]), (unit) => unit.id);
    await expect(loader.loadMany(['u1', 'u2'])).resolves.toEqual([null, null]);
  });

  test('matches rows to keys whatever order the fetch returns them in', async () => {
    const fetch = jest.fn((ids: readonly string[]) =>
      Promise.resolve([...UNITS].reverse().filter((unit) => ids.includes(unit.id))),
    );
    const loader = keyedLoader(fetch, (unit) => unit.id);
    await expect(loader.loadMany(['u1', 'u2', 'u3'])).resolves.toEqual(UNITS);
  });

  test('works with numeric keys', async () => {
    const rows = [
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
    ];
    const fetch = jest.fn((ids: readonly number[]) => Promise.resolve(rows.filter((row) => ids.includes(row.id))));
    const loader = keyedLoader(fetch, (row) => row.id);
    await expect(Promise.all([loader.load(2), loader.load(3), loader.load(1)])).resolves.toEqual([
      rows[1],
      null,
      rows[0],
    ]);
    expect(fetch).toHaveBeenCalledWith([2, 3, 1]);
  });

  test('remembers what it loaded: a later load of the same key does not fetch again', async () => {
    const fetch = unitFetch();
    const loader = keyedLoader(fetch, (unit) => unit.id);
    await loader.load('u1');
    await expect(loader.load('u1')).resolves.toEqual(UNITS[0]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test('loads in a later tick fetch again, only the keys not loaded yet', async () => {
    const fetch = unitFetch();
    const loader = keyedLoader(fetch, (unit) => unit.id);
    await Promise.all([loader.load('u1'), loader.load('u2')]);
    await Promise.all([loader.load('u2'), loader.load('u3')]);
    expect(fetch.mock.calls).toEqual([[['u1', 'u2']], [['u3']]]);
  });

  test('a failing fetch fails every load of the batch', async () => {
    const loader = keyedLoader<string, Unit>(
      () => Promise.reject(new Error('database is down')),
      (unit) => unit.id,
    );
    const results = await Promise.allSettled([loader.load('u1'), loader.load('u2')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(loader.load('u3')).rejects.toThrow('database is down');
  });
});

describe('groupedLoader', () => {
  const VACANCIES: Vacancy[] = [
    { id: 10, unitId: 'u2' },
    { id: 11, unitId: 'u1' },
    { id: 12, unitId: 'u2' },
    { id: 13, unitId: 'u9' },
    { id: 14, unitId: 'u2' },
  ];

  function vacancyFetch() {
    return jest.fn((unitIds: readonly string[]) =>
      Promise.resolve(VACANCIES.filter((vacancy) => unitIds.includes(vacancy.unitId))),
    );
  }

  test('groups the rows by key, in the order the fetch returned them, in one fetch', async () => {
    const fetch = vacancyFetch();
    const loader = groupedLoader(fetch, (vacancy) => vacancy.unitId);
    const [u1, u2] = await Promise.all([loader.load('u1'), loader.load('u2')]);
    expect(u1?.map((v) => v.id)).toEqual([11]);
    expect(u2?.map((v) => v.id)).toEqual([10, 12, 14]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(['u1', 'u2']);
  });

  test('keeps the fetch order even when it is not the id order', async () => {
    const fetch = jest.fn(() =>
      Promise.resolve([
        { id: 3, unitId: 'u1' },
        { id: 1, unitId: 'u1' },
        { id: 2, unitId: 'u1' },
      ]),
    );
    const loader = groupedLoader(fetch, (vacancy: Vacancy) => vacancy.unitId);
    await expect(loader.load('u1')).resolves.toEqual([
      { id: 3, unitId: 'u1' },
      { id: 1, unitId: 'u1' },
      { id: 2, unitId: 'u1' },
    ]);
  });

  test('returns an empty list for keys without rows', async () => {
    const fetch = vacancyFetch();
    const loader = groupedLoader(fetch, (vacancy) => vacancy.unitId);
    await expect(Promise.all([loader.load('u3'), loader.load('u1'), loader.load('u4')])).resolves.toEqual([
      [],
      [VACANCIES[1]],
      [],
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test('ignores rows for keys that were not asked for', async () => {
    const fetch = jest.fn(() => Promise.resolve(VACANCIES));
    const loader = groupedLoader(fetch, (vacancy: Vacancy) => vacancy.unitId);
    await expect(loader.load('u1')).resolves.toEqual([VACANCIES[1]]);
  });

  test('asks for each key once, and gives every caller of a key the same list', async () => {
    const fetch = vacancyFetch();
    const loader = groupedLoader(fetch, (vacancy) => vacancy.unitId);
    const [first, second, other] = await Promise.all([loader.load('u2'), loader.load('u2'), loader.load('u3')]);
    expect(fetch).toHaveBeenCalledWith(['u2', 'u3']);
    expect(first).toBe(second);
    expect(first).toHaveLength(3);
    expect(other).toEqual([]);
  });

  test('gives keys without rows separate lists', async () => {
    const loader = groupedLoader(vacancyFetch(), (vacancy) => vacancy.unitId);
    const [a, b] = await loader.loadMany(['x', 'y']);
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(a).not.toBe(b);
  });
});
