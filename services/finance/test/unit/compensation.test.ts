// The compensation schedule: yearly amounts by composition, the taper rounded down to whole øre, years running
// from anniversary to anniversary (29 February included), and exact accrual over quarters.
import fc from 'fast-check';
import { accrueInWindow } from '../../src/domain/accrual';
import {
  type CompensationPolicy,
  type ScheduleYear,
  type Composition,
  compensationSchedule,
  scheduleTotal,
  validateCompensationPolicy,
  validateComposition,
  yearlyAmount,
} from '../../src/domain/compensation';
import { addDays, daysBetween, parsePeriod, periodOf, periodsBetween } from '../../src/domain/dates';

const policy: CompensationPolicy = {
  baseYearlyOre: 5_000_003,
  perAdultOutsideLabourMarketYearlyOre: 2_000_000,
  perChildYearlyOre: 1_000_000,
  taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
};
const household: Composition = { adults: 2, children: 3, adultsOutsideLabourMarket: 1 };

/** The amount of each quarter from the first to the last, summed over the schedule's years. */
function perQuarter(schedule: ScheduleYear[], firstKey: string, lastKey: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const key of periodsBetween(firstKey, lastKey)) {
    const quarter = parsePeriod(key);
    result.set(
      key,
      schedule.reduce((sum, year) => sum + accrueInWindow(year, quarter), 0),
    );
  }
  return result;
}

describe('yearlyAmount', () => {
  test('base + per adult outside the labour market + per child', () => {
    // 5,000,003 + 1 × 2,000,000 + 3 × 1,000,000.
    expect(yearlyAmount(policy, household)).toBe(10_000_003);
    expect(yearlyAmount(policy, { adults: 1, children: 0, adultsOutsideLabourMarket: 0 })).toBe(5_000_003);
  });

  test('rejects invalid compositions', () => {
    expect(() => yearlyAmount(policy, { adults: 1, children: 0, adultsOutsideLabourMarket: 2 })).toThrow(
      /more adults outside the labour market than adults/,
    );
    expect(() => yearlyAmount(policy, { adults: 1, children: -1, adultsOutsideLabourMarket: 0 })).toThrow(/children/);
  });
});

describe('compensationSchedule', () => {
  test('four years tapering 100/75/50/25 from a move on 2025-02-15', () => {
    const schedule = compensationSchedule(policy, household, '2025-02-15');
    expect(schedule).toEqual([
      { year: 1, from: '2025-02-15', to: '2026-02-15', amountOre: 10_000_003 },
      // 10,000,003 × 75 % = 7,500,002.25, rounded down.
      { year: 2, from: '2026-02-15', to: '2027-02-15', amountOre: 7_500_002 },
      // 10,000,003 × 50 % = 5,000,001.5, rounded down.
      { year: 3, from: '2027-02-15', to: '2028-02-15', amountOre: 5_000_001 },
      // 10,000,003 × 25 % = 2,500,000.75, rounded down.
      { year: 4, from: '2028-02-15', to: '2029-02-15', amountOre: 2_500_000 },
    ]);
    expect(scheduleTotal(schedule)).toBe(25_000_006);
  });

  test('accrued per quarter from 2025Q1 through 2029Q2, the quarters add up exactly to the total', () => {
    const schedule = compensationSchedule(policy, household, '2025-02-15');
    const quarters = perQuarter(schedule, '2025Q1', '2029Q2');
    expect(quarters.size).toBe(18);
    expect([...quarters.values()].reduce((a, b) => a + b, 0)).toBe(25_000_006);
    // The quarter of the move gets only the days from the move: 14 days of February and 31 of March, of 365:
    // floor(10,000,003 × 45 / 365) = floor(1,232,877.08…) = 1,232,877.
    expect(quarters.get('2025Q1')).toBe(1_232_877);
    // The schedule ends on 2029-02-15: 2029Q2 gets nothing.
    expect(quarters.get('2029Q2')).toBe(0);
    // 2029Q1 gets the last 45 days of year 4 (2,500,000 øre over 366 days, as 2028 is a leap year):
    // 2,500,000 − floor(2,500,000 × 321 / 366) = 2,500,000 − 2,192,622 = 307,378.
    expect(quarters.get('2029Q1')).toBe(307_378);
  });

  test('a move on 29 February: the anniversaries fall on 1 March, and on 29 February in leap years', () => {
    const schedule = compensationSchedule(policy, household, '2024-02-29');
    expect(schedule.map(({ from, to }) => [from, to])).toEqual([
      ['2024-02-29', '2025-03-01'],
      ['2025-03-01', '2026-03-01'],
      ['2026-03-01', '2027-03-01'],
      ['2027-03-01', '2028-02-29'],
    ]);
    expect(schedule.map(({ from, to }) => daysBetween(from, to))).toEqual([366, 365, 365, 365]);
    const quarters = perQuarter(schedule, '2024Q1', '2028Q1');
    expect([...quarters.values()].reduce((a, b) => a + b, 0)).toBe(scheduleTotal(schedule));
    // 2024Q1: 29 February and the 31 days of March, 32 of 366 days: floor(10,000,003 × 32 / 366) = 874,317.
    expect(quarters.get('2024Q1')).toBe(874_317);
  });

  test('years with a zero amount are listed all the same', () => {
    const zeroTaper = { ...policy, taperBasisPoints: [10_000, 0, 1] };
    const schedule = compensationSchedule(zeroTaper, household, '2025-07-01');
    expect(schedule.map((year) => year.amountOre)).toEqual([10_000_003, 0, 1_000]);
    const tiny = compensationSchedule(
      {
        ...policy,
        baseYearlyOre: 1,
        perAdultOutsideLabourMarketYearlyOre: 0,
        perChildYearlyOre: 0,
        taperBasisPoints: [5000],
      },
      household,
      '2025-07-01',
    );
    expect(tiny).toEqual([{ year: 1, from: '2025-07-01', to: '2026-07-01', amountOre: 0 }]);
  });

  test('rejects invalid policies and move dates', () => {
    expect(() => compensationSchedule(policy, household, '2025-02-30')).toThrow(/move date/);
    expect(() => compensationSchedule({ ...policy, taperBasisPoints: [] }, household, '2025-01-01')).toThrow(
      /invalid compensation policy/,
    );
  });
});

describe('validateCompensationPolicy and validateComposition', () => {
  test('a valid policy has no problems', () => {
    expect(validateCompensationPolicy(policy)).toEqual([]);
    expect(validateCompensationPolicy({ ...policy, taperBasisPoints: Array<number>(10).fill(0) })).toEqual([]);
  });

  test('amounts must be whole, non-negative øre', () => {
    expect(validateCompensationPolicy({ ...policy, baseYearlyOre: -1 })).toEqual([
      'the base yearly amount must be a whole, non-negative number of øre',
    ]);
    expect(validateCompensationPolicy({ ...policy, perChildYearlyOre: 0.5 })).toHaveLength(1);
    expect(validateCompensationPolicy({ ...policy, perAdultOutsideLabourMarketYearlyOre: 2 ** 53 })).toHaveLength(1);
  });

  test('the taper covers 1 to 10 years, each 0 to 10,000 basis points', () => {
    expect(validateCompensationPolicy({ ...policy, taperBasisPoints: [] })).toEqual([
      'the taper must cover from 1 to 10 years, not 0',
    ]);
    expect(validateCompensationPolicy({ ...policy, taperBasisPoints: Array<number>(11).fill(100) })).toHaveLength(1);
    expect(validateCompensationPolicy({ ...policy, taperBasisPoints: [10_001, -1, 2.5] })).toEqual([
      'the taper for year 1 must be a whole number of basis points from 0 to 10000',
      'the taper for year 2 must be a whole number of basis points from 0 to 10000',
      'the taper for year 3 must be a whole number of basis points from 0 to 10000',
    ]);
  });

  test('compositions count people', () => {
    expect(validateComposition(household)).toEqual([]);
    expect(validateComposition({ adults: 1.5, children: 0, adultsOutsideLabourMarket: 0 })).toHaveLength(1);
  });
});

describe('compensation: properties', () => {
  const amountArbitrary = fc.integer({ min: 0, max: 2_000_000_000 });
  const policyArbitrary: fc.Arbitrary<CompensationPolicy> = fc.record({
    baseYearlyOre: amountArbitrary,
    perAdultOutsideLabourMarketYearlyOre: amountArbitrary,
    perChildYearlyOre: amountArbitrary,
    taperBasisPoints: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 10 }),
  });
  const compositionArbitrary: fc.Arbitrary<Composition> = fc
    .record({ adults: fc.integer({ min: 0, max: 6 }), children: fc.integer({ min: 0, max: 10 }) })
    .chain(({ adults, children }) =>
      fc
        .integer({ min: 0, max: adults })
        .map((adultsOutsideLabourMarket) => ({ adults, children, adultsOutsideLabourMarket })),
    );
  // Any day from 1990 to about 2089, leap days included.
  const moveDateArbitrary = fc.integer({ min: 0, max: 36_500 }).map((offset) => addDays('1990-01-01', offset));

  test('the quarters covering the schedule add up exactly to its total', () => {
    fc.assert(
      fc.property(policyArbitrary, compositionArbitrary, moveDateArbitrary, (p, composition, moveDate) => {
        const schedule = compensationSchedule(p, composition, moveDate);
        const last = schedule[schedule.length - 1]!;
        // Years follow one another without gap or overlap.
        expect(schedule[0]!.from).toBe(moveDate);
        for (let i = 1; i < schedule.length; i++) expect(schedule[i]!.from).toBe(schedule[i - 1]!.to);
        // Quarters from the move's quarter through the quarter of the last day.
        const quarters = perQuarter(schedule, periodOf(moveDate), periodOf(addDays(last.to, -1)));
        const sum = [...quarters.values()].reduce((a, b) => a + b, 0);
        expect(sum).toBe(scheduleTotal(schedule));
        const yearly = yearlyAmount(p, composition);
        schedule.forEach((year, i) => {
          expect(year.amountOre).toBe(Math.floor((yearly * p.taperBasisPoints[i]!) / 10_000));
        });
      }),
      { numRuns: 300 },
    );
  });
});
