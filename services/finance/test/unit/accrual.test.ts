// Accrual pro rata by day: the cumulative-floor rule conserves the amount over any partition of the span,
// keeps each window within one øre of its exact share, and treats negative amounts as mirror images.
import fc from 'fast-check';
import { accrueInWindow, accruedBy, accruedUntil } from '../../src/domain/accrual';
import { addDays, parsePeriod, periodsBetween } from '../../src/domain/dates';

const amountArbitrary = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }).map(Number);

describe('accruedBy', () => {
  test('floor of the exact pro rata amount, clamped to the span', () => {
    expect(accruedBy(1000, 3, 0)).toBe(0);
    expect(accruedBy(1000, 3, 1)).toBe(333);
    expect(accruedBy(1000, 3, 2)).toBe(666);
    expect(accruedBy(1000, 3, 3)).toBe(1000);
    expect(accruedBy(1000, 3, 4)).toBe(1000);
    expect(accruedBy(1000, 3, -5)).toBe(0);
  });

  test('negative amounts accrue as the mirror image', () => {
    expect(accruedBy(-1000, 3, 1)).toBe(-333);
    expect(accruedBy(-1000, 3, 3)).toBe(-1000);
    expect(Object.is(accruedBy(-1000, 3, 0), 0)).toBe(true);
  });

  test('exact where amount × days exceeds 2^53', () => {
    // 9,007,199,254,740,991 × 100 / 365 = 2,467,725,823,216,709.86…
    expect(accruedBy(Number.MAX_SAFE_INTEGER, 365, 100)).toBe(2_467_725_823_216_709);
  });

  test('rejects spans and amounts that are not whole', () => {
    expect(() => accruedBy(100, 0, 0)).toThrow(/span/);
    expect(() => accruedBy(100, 1.5, 0)).toThrow(/span/);
    expect(() => accruedBy(0.5, 10, 1)).toThrow(/amount/);
    expect(() => accruedBy(100, 10, 0.5)).toThrow(/elapsed/);
  });
});

describe('accrueInWindow', () => {
  // 365 days from 2025-02-15: 10,000,003 øre.
  const segment = { from: '2025-02-15', to: '2026-02-15', amountOre: 10_000_003 };

  test('across quarter boundaries', () => {
    const quarters = periodsBetween('2024Q4', '2026Q2').map(parsePeriod);
    const parts = quarters.map((quarter) => accrueInWindow(segment, quarter));
    // 2024Q4 lies before the segment, 2026Q2 after it.
    expect(parts[0]).toBe(0);
    expect(parts[parts.length - 1]).toBe(0);
    // 2025Q1: 45 days (14 in February, 31 in March): floor(10,000,003 × 45 / 365) = floor(1,232,877.08) = 1,232,877.
    expect(parts[1]).toBe(1_232_877);
    // 2025Q2: 91 days: floor(10,000,003 × 136 / 365) − 1,232,877 = 3,726,028 − 1,232,877 = 2,493,151.
    expect(parts[2]).toBe(2_493_151);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(10_000_003);
  });

  test('windows partly outside the segment count only the days inside it', () => {
    const wide = { start: '2020-01-01', end: '2030-01-01' };
    expect(accrueInWindow(segment, wide)).toBe(10_000_003);
    expect(accrueInWindow(segment, { start: '2026-02-14', end: '2026-03-01' })).toBe(
      10_000_003 - accruedBy(10_000_003, 365, 364),
    );
    expect(accrueInWindow(segment, { start: '2025-06-01', end: '2025-06-01' })).toBe(0);
  });

  test('rejects empty segments and reversed windows', () => {
    const empty = { from: '2025-01-01', to: '2025-01-01', amountOre: 1 };
    expect(() => accrueInWindow(empty, { start: '2020-01-01', end: '2030-01-01' })).toThrow(/at least one day/);
    expect(() => accrueInWindow(segment, { start: '2025-02-01', end: '2025-01-01' })).toThrow(/before it starts/);
  });
});

describe('accrual: properties', () => {
  test('windows partitioning the span add up exactly to the amount, each within one øre of its share', () => {
    fc.assert(
      fc.property(
        amountArbitrary,
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 30 }),
        (amount, span, startOffset, rawCuts) => {
          const from = addDays('1990-01-01', startOffset);
          const segment = { from, to: addDays(from, span), amountOre: amount };
          // Cut points inside the span (duplicates give empty windows), plus both ends.
          const cuts = [0, ...rawCuts.map((cut) => cut % (span + 1)).sort((a, b) => a - b), span];
          let total = 0;
          for (let i = 1; i < cuts.length; i++) {
            const window = { start: addDays(from, cuts[i - 1]!), end: addDays(from, cuts[i]!) };
            const part = accrueInWindow(segment, window);
            total += part;
            // |part × span − amount × days| < span: within one øre of the exact share.
            const error = BigInt(part) * BigInt(span) - BigInt(amount) * BigInt(cuts[i]! - cuts[i - 1]!);
            expect(error > -BigInt(span) && error < BigInt(span)).toBe(true);
            // Windows are differences of the cumulative amount.
            expect(part).toBe(accruedUntil([segment], window.end) - accruedUntil([segment], window.start));
          }
          expect(total).toBe(amount);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('accruedUntil over several segments is cumulative and ends at the sum of the amounts', () => {
    const segmentArbitrary = fc.record({
      offset: fc.integer({ min: 0, max: 1200 }),
      span: fc.integer({ min: 1, max: 800 }),
      amountOre: amountArbitrary,
    });
    fc.assert(
      fc.property(fc.array(segmentArbitrary, { minLength: 1, maxLength: 6 }), (raw) => {
        const segments = raw.map(({ offset, span, amountOre }) => {
          const from = addDays('2024-01-01', offset);
          return { from, to: addDays(from, span), amountOre };
        });
        const quarters = periodsBetween('2023Q4', '2030Q1').map(parsePeriod);
        let total = 0;
        for (const quarter of quarters) {
          const inQuarter = segments.reduce((sum, segment) => sum + accrueInWindow(segment, quarter), 0);
          expect(inQuarter).toBe(accruedUntil(segments, quarter.end) - accruedUntil(segments, quarter.start));
          total += inQuarter;
        }
        const expected = segments.reduce((sum, segment) => sum + segment.amountOre, 0);
        expect(total).toBe(expected);
        expect(accruedUntil(segments, '2023-10-01')).toBe(0);
        expect(accruedUntil(segments, '2030-04-01')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('negative amounts are mirror images', () => {
    fc.assert(
      fc.property(
        amountArbitrary,
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: -10, max: 4010 }),
        (amount, span, elapsed) => {
          expect(accruedBy(-amount, span, elapsed)).toBe(0 - accruedBy(amount, span, elapsed));
        },
      ),
      { numRuns: 500 },
    );
  });
});
