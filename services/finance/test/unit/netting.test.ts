// Multilateral netting: positions summed per party, settled by at most n − 1 positive transfers from debtors
// to creditors, chosen greedily and deterministically.
import fc from 'fast-check';
import { applyTransfers, netPositions, netTransfers, type Transfer } from '../../src/domain/netting';

/** 2–98 parties with random whole positions (zeros included) adding up to zero. */
const positionsArbitrary: fc.Arbitrary<[string, number][]> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 98 })
  .chain((parties) =>
    fc
      .array(
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: -1000, max: 1000 }),
          fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }).map(Number),
        ),
        { minLength: parties.length - 1, maxLength: parties.length - 1 },
      )
      .map((amounts) => {
        const last = 0 - amounts.reduce((a, b) => a + b, 0);
        return parties.map((party, i): [string, number] => [party, i < amounts.length ? amounts[i]! : last]);
      }),
  );

describe('netPositions', () => {
  test('sums per party, in the order first named', () => {
    const positions = netPositions([
      { party: 'Aarhus', amountOre: 100 },
      { party: 'Odense', amountOre: -40 },
      { party: 'Aarhus', amountOre: -30 },
      { party: 'Vejle', amountOre: 0 },
      { party: 'Odense', amountOre: -30 },
    ]);
    expect([...positions]).toEqual([
      ['Aarhus', 70],
      ['Odense', -70],
      ['Vejle', 0],
    ]);
  });

  test('rejects amounts that are not whole øre', () => {
    expect(() => netPositions([{ party: 'a', amountOre: 0.5 }])).toThrow(/whole number of øre/);
    expect(() =>
      netPositions([
        { party: 'a', amountOre: Number.MAX_SAFE_INTEGER },
        { party: 'a', amountOre: 1 },
      ]),
    ).toThrow(/too large/);
  });
});

describe('netTransfers: fixed cases', () => {
  test('the largest debtor pays the largest creditor, again and again', () => {
    const positions = new Map([
      ['A', -500],
      ['B', -300],
      ['C', 600],
      ['D', 200],
      ['E', 0],
    ]);
    // A (500) pays C (600) 500; then C (100 left) ranks below D (200): B pays D 200, then B pays C 100.
    expect(netTransfers(positions)).toEqual([
      { from: 'A', to: 'C', amountOre: 500 },
      { from: 'B', to: 'D', amountOre: 200 },
      { from: 'B', to: 'C', amountOre: 100 },
    ]);
  });

  test('equal amounts are ranked by party key', () => {
    const positions = new Map([
      ['b', -100],
      ['a', -100],
      ['d', 100],
      ['c', 100],
    ]);
    expect(netTransfers(positions)).toEqual([
      { from: 'a', to: 'c', amountOre: 100 },
      { from: 'b', to: 'd', amountOre: 100 },
    ]);
  });

  test('nothing to settle', () => {
    expect(netTransfers(new Map())).toEqual([]);
    expect(netTransfers(new Map([['a', 0]]))).toEqual([]);
  });

  test('throws when the positions do not add up to zero', () => {
    expect(() => netTransfers(new Map([['a', 1]]))).toThrow(/add up to 0, not 1 øre/);
    expect(() =>
      netTransfers(
        new Map([
          ['a', -100],
          ['b', 99],
        ]),
      ),
    ).toThrow(/add up to 0/);
    expect(() =>
      netTransfers(
        new Map([
          ['a', 0.5],
          ['b', -0.5],
        ]),
      ),
    ).toThrow(/whole number of øre/);
  });
});

describe('netTransfers: properties', () => {
  test('settles every position with at most n − 1 positive transfers, deterministically', () => {
    fc.assert(
      fc.property(positionsArbitrary, (entries) => {
        const positions = new Map(entries);
        const transfers = netTransfers(positions);
        const settled = applyTransfers(positions, transfers);
        for (const value of settled.values()) expect(value).toBe(0);
        expect(settled.size).toBe(positions.size);

        // Each party receives minus pays exactly its position.
        const flow = new Map<string, number>();
        for (const { from, to, amountOre } of transfers) {
          flow.set(from, (flow.get(from) ?? 0) - amountOre);
          flow.set(to, (flow.get(to) ?? 0) + amountOre);
        }
        for (const [party, position] of positions) expect(flow.get(party) ?? 0).toBe(position);

        const nonZero = entries.filter(([, value]) => value !== 0).length;
        expect(transfers.length).toBeLessThanOrEqual(Math.max(nonZero - 1, 0));
        for (const transfer of transfers) {
          expect(Number.isSafeInteger(transfer.amountOre) && transfer.amountOre > 0).toBe(true);
          // Money flows from debtors to creditors only.
          expect(positions.get(transfer.from)!).toBeLessThan(0);
          expect(positions.get(transfer.to)!).toBeGreaterThan(0);
        }

        // The same positions give the same transfers, whatever the order of the map.
        expect(netTransfers(new Map(entries))).toEqual(transfers);
        expect(netTransfers(new Map([...entries].reverse()))).toEqual(transfers);
      }),
      { numRuns: 500 },
    );
  });

  test('throws when the positions do not add up to zero', () => {
    fc.assert(
      fc.property(positionsArbitrary, fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (entries, offset, up) => {
        const [party, value] = entries[0]!;
        const unbalanced = new Map(entries).set(party, up ? value + offset : value - offset);
        expect(() => netTransfers(unbalanced)).toThrow(/add up to 0/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('applyTransfers', () => {
  test('paying raises the payer, receiving lowers the receiver, new parties start at 0', () => {
    const transfers: Transfer[] = [{ from: 'a', to: 'c', amountOre: 30 }];
    expect([...applyTransfers(new Map([['a', -30]]), transfers)]).toEqual([
      ['a', 0],
      ['c', -30],
    ]);
  });
});
