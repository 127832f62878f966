// Splitting by basis points: the largest-remainder rule, the odd øre to the payer listed first on ties,
// conservation of the total, negative totals, cumulative settlement by differences, and the shares' validation.
import fc from 'fast-check';
import { FULL_SHARE, type PayerShare, splitAmount, splitDelta, validateShares } from '../../src/domain/split';

const amounts = (parts: { amountOre: number }[]) => parts.map((part) => part.amountOre);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** 1–8 payers with whole, positive basis points adding up to 10,000, cut at distinct random points. */
const sharesArbitrary: fc.Arbitrary<PayerShare[]> = fc
  .integer({ min: 1, max: 8 })
  .chain((payers) =>
    fc.uniqueArray(fc.integer({ min: 1, max: FULL_SHARE - 1 }), { minLength: payers - 1, maxLength: payers - 1 }),
  )
  .map((cuts) => {
    const points = [0, ...[...cuts].sort((a, b) => a - b), FULL_SHARE];
    return points.slice(1).map((point, index) => ({ payer: `payer-${index}`, basisPoints: point - points[index]! }));
  });

const totalArbitrary = fc.bigInt({ min: 0n, max: 10n ** 13n }).map(Number);

describe('splitAmount: fixed cases', () => {
  const halves = [
    { payer: 'Aarhus', basisPoints: 5000 },
    { payer: 'Odense', basisPoints: 5000 },
  ];

  test('50/50 of an odd total: the odd øre goes to the payer listed first', () => {
    expect(amounts(splitAmount(5_000_001, halves))).toEqual([2_500_001, 2_500_000]);
    expect(amounts(splitAmount(1, halves))).toEqual([1, 0]);
    expect(amounts(splitAmount(5_000_000, halves))).toEqual([2_500_000, 2_500_000]);
    // The order of the agreement decides, not the payers' names.
    expect(amounts(splitAmount(5_000_001, [...halves].reverse()))).toEqual([2_500_001, 2_500_000]);
    expect(splitAmount(5_000_001, halves)[0]).toEqual({ payer: 'Aarhus', basisPoints: 5000, amountOre: 2_500_001 });
  });

  test('3333/3333/3334: the largest remainder wins', () => {
    const thirds = [
      { payer: 'a', basisPoints: 3333 },
      { payer: 'b', basisPoints: 3333 },
      { payer: 'c', basisPoints: 3334 },
    ];
    // 100 øre: quotas 33.33, 33.33, 33.34 → floors 33, 33, 33, one øre left; remainders 3300, 3300, 3400 → c.
    expect(amounts(splitAmount(100, thirds))).toEqual([33, 33, 34]);
    // 1 øre: remainders 3333, 3333, 3334 → c.
    expect(amounts(splitAmount(1, thirds))).toEqual([0, 0, 1]);
    // 2 øre: quotas 0.6666, 0.6666, 0.6668 → floors 0, remainders 6666, 6666, 6668 → c, then a (listed before b).
    expect(amounts(splitAmount(2, thirds))).toEqual([1, 0, 1]);
    // 10,000 øre divides exactly.
    expect(amounts(splitAmount(10_000, thirds))).toEqual([3333, 3333, 3334]);
  });

  test('1/9999 with odd øre', () => {
    const tiny = [
      { payer: 'small', basisPoints: 1 },
      { payer: 'large', basisPoints: 9999 },
    ];
    // 5,001 øre: quotas 0.5001 and 5000.4999 → floors 0 and 5000; remainders 5001 and 4999 → the small payer.
    expect(amounts(splitAmount(5_001, tiny))).toEqual([1, 5_000]);
    // 4,999 øre: quotas 0.4999 and 4998.5001 → remainders 4999 and 5001 → the large payer.
    expect(amounts(splitAmount(4_999, tiny))).toEqual([0, 4_999]);
    // 10,001 øre: quotas 1.0001 and 9999.9999 → floors 1 and 9999; remainders 1 and 9999 → the large payer.
    expect(amounts(splitAmount(10_001, tiny))).toEqual([1, 10_000]);
  });

  test('one payer takes everything', () => {
    expect(splitAmount(123_457, [{ payer: 'only', basisPoints: 10_000 }])).toEqual([
      { payer: 'only', basisPoints: 10_000, amountOre: 123_457 },
    ]);
  });

  test('zero splits into zeros (never −0)', () => {
    for (const part of splitAmount(0, halves)) expect(Object.is(part.amountOre, 0)).toBe(true);
    for (const part of splitAmount(-0, halves)) expect(Object.is(part.amountOre, 0)).toBe(true);
  });

  test('totals beyond 2^53 / 10,000 are split exactly', () => {
    const total = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991
    const parts = amounts(splitAmount(total, halves));
    expect(parts).toEqual([4_503_599_627_370_496, 4_503_599_627_370_495]);
  });

  test('rejects totals that are not whole øre, and invalid shares', () => {
    expect(() => splitAmount(1.5, halves)).toThrow(/whole number of øre/);
    expect(() => splitAmount(Number.MAX_SAFE_INTEGER + 1, halves)).toThrow(/whole number of øre/);
    expect(() => splitAmount(Number.NaN, halves)).toThrow(/whole number of øre/);
    expect(() => splitAmount(100, [{ payer: 'a', basisPoints: 5000 }])).toThrow(/invalid shares/);
    expect(() => splitAmount(100, [])).toThrow(/invalid shares/);
  });
});

describe('splitAmount: properties', () => {
  test('parts add up to the total, each within one øre of its exact quota, deterministically', () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, (total, shares) => {
        const split = splitAmount(total, shares);
        expect(split.map((part) => part.payer)).toEqual(shares.map((share) => share.payer));
        expect(split.map((part) => part.basisPoints)).toEqual(shares.map((share) => share.basisPoints));
        expect(sum(amounts(split))).toBe(total);
        for (const part of split) {
          const error = BigInt(part.amountOre) * 10_000n - BigInt(total) * BigInt(part.basisPoints);
          expect(error > -10_000n && error < 10_000n).toBe(true);
          expect(Number.isSafeInteger(part.amountOre) && part.amountOre >= 0).toBe(true);
        }
        expect(splitAmount(total, shares)).toEqual(split);
      }),
      { numRuns: 1000 },
    );
  });

  test('the odd øre go to the largest remainders, ties to the payer listed first', () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, (total, shares) => {
        const split = splitAmount(total, shares);
        const remainders = shares.map((share) => (BigInt(total) * BigInt(share.basisPoints)) % 10_000n);
        const gotOdd = split.map(
          (part, i) => BigInt(part.amountOre) * 10_000n > BigInt(total) * BigInt(shares[i]!.basisPoints),
        );
        // Every payer given an odd øre ranks before every payer not given one.
        for (let i = 0; i < shares.length; i++) {
          for (let j = 0; j < shares.length; j++) {
            if (gotOdd[i] && !gotOdd[j]) {
              const before = remainders[i]! > remainders[j]! || (remainders[i] === remainders[j] && i < j);
              expect(before).toBe(true);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  test('negative totals split as the mirror image', () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, (total, shares) => {
        const positive = amounts(splitAmount(total, shares));
        const negative = amounts(splitAmount(0 - total, shares));
        expect(negative).toEqual(positive.map((amount) => 0 - amount));
        expect(sum(negative)).toBe(0 - total);
      }),
      { numRuns: 500 },
    );
  });

  test('splitDelta: the parts add up to the change, and running totals stay equal to the split', () => {
    const deltaArbitrary = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(Number);
    fc.assert(
      fc.property(sharesArbitrary, fc.array(deltaArbitrary, { minLength: 1, maxLength: 12 }), (shares, deltas) => {
        let total = 0;
        let running = shares.map(() => 0);
        for (const delta of deltas) {
          const parts = splitDelta(total, total + delta, shares);
          expect(sum(amounts(parts))).toBe(delta);
          running = running.map((value, i) => value + parts[i]!.amountOre);
          total += delta;
          expect(running).toEqual(amounts(splitAmount(total, shares)));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('splitDelta: fixed cases', () => {
  const halves = [
    { payer: 'a', basisPoints: 5000 },
    { payer: 'b', basisPoints: 5000 },
  ];

  test('paying 1 øre, then another: the second øre goes to the second payer', () => {
    expect(amounts(splitDelta(0, 1, halves))).toEqual([1, 0]);
    expect(amounts(splitDelta(1, 2, halves))).toEqual([0, 1]);
    expect(amounts(splitDelta(2, 1, halves))).toEqual([0, -1]);
  });

  test('rejects amounts that are not whole øre', () => {
    expect(() => splitDelta(0.5, 1, halves)).toThrow(/whole number of øre/);
    expect(() => splitDelta(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, halves)).toThrow(/too large/);
  });
});

describe('validateShares', () => {
  test('accepts valid agreements', () => {
    expect(validateShares([{ payer: 'a', basisPoints: 10_000 }])).toEqual([]);
    expect(
      validateShares([
        { payer: 'a', basisPoints: 1 },
        { payer: 'b', basisPoints: 9999 },
      ]),
    ).toEqual([]);
  });

  test('needs at least one payer', () => {
    expect(validateShares([])).toEqual(['an agreement needs at least one payer']);
  });

  test('rejects sums other than 10,000', () => {
    expect(
      validateShares([
        { payer: 'a', basisPoints: 5000 },
        { payer: 'b', basisPoints: 4999 },
      ]),
    ).toEqual(['the shares add up to 9999 basis points, not 10000']);
    expect(
      validateShares([
        { payer: 'a', basisPoints: 5000 },
        { payer: 'b', basisPoints: 5001 },
      ]),
    ).toEqual(['the shares add up to 10001 basis points, not 10000']);
  });

  test('rejects duplicate payers', () => {
    expect(
      validateShares([
        { payer: 'a', basisPoints: 5000 },
        { payer: 'a', basisPoints: 5000 },
      ]),
    ).toEqual(["the payer 'a' is listed more than once"]);
  });

  test.each([0, -1, -10_000, 0.5, 2500.5, 10_001, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects a share of %p basis points',
    (basisPoints) => {
      const problems = validateShares([
        { payer: 'a', basisPoints },
        { payer: 'b', basisPoints: 10_000 - (Number.isFinite(basisPoints) ? basisPoints : 0) },
      ]);
      expect(problems).toContain("the share of 'a' must be a whole number of basis points from 1 to 10000");
    },
  );
});
