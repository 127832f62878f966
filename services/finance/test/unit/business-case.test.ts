// The business case: discounted net amounts rounded per year, the net present value, the break-even year, and
// the expected savings from employment.
import fc from 'fast-check';
import {
  type BusinessCaseInput,
  businessCase,
  expectedYearlySavings,
  validateBusinessCase,
} from '../../src/domain/business-case';

const KR = 100; // øre per krone

describe('businessCase: a hand-computed example', () => {
  // A cost of 100,000 kr in the year of the move, savings of 30,000 kr a year in years 1–5, a 5 % discount rate.
  const input: BusinessCaseInput = {
    horizonYears: 5,
    discountRateBasisPoints: 500,
    costs: [{ year: 0, amountOre: 100_000 * KR }],
    yearlySavingsOre: [0, 30_000 * KR, 30_000 * KR, 30_000 * KR, 30_000 * KR, 30_000 * KR],
  };

  test('year by year, NPV and break-even in year 4', () => {
    // Present values, 3,000,000 øre / 1.05^year, rounded to whole øre:
    //   year 0: −10,000,000                                         cumulative −10,000,000
    //   year 1: 3,000,000 / 1.05         = 2,857,142.857 → 2,857,143  cumulative  −7,142,857
    //   year 2: 3,000,000 / 1.1025       = 2,721,088.435 → 2,721,088  cumulative  −4,421,769
    //   year 3: 3,000,000 / 1.157625     = 2,591,512.796 → 2,591,513  cumulative  −1,830,256
    //   year 4: 3,000,000 / 1.21550625   = 2,468,107.424 → 2,468,107  cumulative     637,851  ← first ≥ 0
    //   year 5: 3,000,000 / 1.2762815625 = 2,350,578.499 → 2,350,578  cumulative   2,988,429
    // NPV = 2,988,429 øre (29,884.29 kr).
    const result = businessCase(input);
    expect(result.years).toEqual([
      {
        year: 0,
        costOre: 10_000_000,
        savingOre: 0,
        netOre: -10_000_000,
        discountedNetOre: -10_000_000,
        cumulativeDiscountedOre: -10_000_000,
      },
      {
        year: 1,
        costOre: 0,
        savingOre: 3_000_000,
        netOre: 3_000_000,
        discountedNetOre: 2_857_143,
        cumulativeDiscountedOre: -7_142_857,
      },
      {
        year: 2,
        costOre: 0,
        savingOre: 3_000_000,
        netOre: 3_000_000,
        discountedNetOre: 2_721_088,
        cumulativeDiscountedOre: -4_421_769,
      },
      {
        year: 3,
        costOre: 0,
        savingOre: 3_000_000,
        netOre: 3_000_000,
        discountedNetOre: 2_591_513,
        cumulativeDiscountedOre: -1_830_256,
      },
      {
        year: 4,
        costOre: 0,
        savingOre: 3_000_000,
        netOre: 3_000_000,
        discountedNetOre: 2_468_107,
        cumulativeDiscountedOre: 637_851,
      },
      {
        year: 5,
        costOre: 0,
        savingOre: 3_000_000,
        netOre: 3_000_000,
        discountedNetOre: 2_350_578,
        cumulativeDiscountedOre: 2_988_429,
      },
    ]);
    expect(result.netPresentValueOre).toBe(2_988_429);
    expect(result.breakEvenYear).toBe(4);
  });

  test('with savings from expectedYearlySavings', () => {
    // 5 adults × 60 % in work × 1,000,000 øre = 3,000,000 øre a year from year 1.
    const savings = expectedYearlySavings({
      adultsOutsideLabourMarket: 5,
      employmentEffectBasisPoints: 6_000,
      yearlySavingPerAdultInWorkOre: 10_000 * KR,
      horizonYears: 5,
    });
    expect(savings).toEqual(input.yearlySavingsOre);
    expect(businessCase({ ...input, yearlySavingsOre: savings }).netPresentValueOre).toBe(2_988_429);
  });
});

describe('businessCase: break-even', () => {
  test('never breaking even within the horizon gives null', () => {
    const result = businessCase({
      horizonYears: 3,
      discountRateBasisPoints: 500,
      costs: [{ year: 0, amountOre: 10_000_000 }],
      yearlySavingsOre: [0, 1_000_000, 1_000_000, 1_000_000],
    });
    expect(result.breakEvenYear).toBeNull();
    expect(result.netPresentValueOre).toBeLessThan(0);
  });

  test('the year of the first cost counts when it already breaks even', () => {
    const result = businessCase({
      horizonYears: 2,
      discountRateBasisPoints: 0,
      costs: [{ year: 0, amountOre: 100 }],
      yearlySavingsOre: [100],
    });
    expect(result.breakEvenYear).toBe(0);
  });

  test('years before the first cost do not count, even with a running total of 0', () => {
    const result = businessCase({
      horizonYears: 4,
      discountRateBasisPoints: 0,
      costs: [{ year: 2, amountOre: 500 }],
      yearlySavingsOre: [0, 0, 0, 300, 300],
    });
    expect(result.years.map((y) => y.cumulativeDiscountedOre)).toEqual([0, 0, -500, -200, 100]);
    expect(result.breakEvenYear).toBe(4);
  });

  test('without any cost, year 0 breaks even', () => {
    const result = businessCase({ horizonYears: 2, discountRateBasisPoints: 300, costs: [], yearlySavingsOre: [] });
    expect(result.breakEvenYear).toBe(0);
    expect(result.netPresentValueOre).toBe(0);
    expect(result.years).toHaveLength(3);
  });

  test('several costs in one year are added up', () => {
    const result = businessCase({
      horizonYears: 1,
      discountRateBasisPoints: 0,
      costs: [
        { year: 1, amountOre: 100 },
        { year: 1, amountOre: 250 },
      ],
      yearlySavingsOre: [],
    });
    expect(result.years[1]!.costOre).toBe(350);
  });
});

describe('businessCase: rounding', () => {
  test('halves round up, as Math.round does, also for negative amounts', () => {
    /** The discounted net amount of `net` øre in year `year` at `basisPoints`. */
    const presentValue = (net: number, basisPoints: number, year: number) => {
      const yearlySavingsOre = Array<number>(year + 1).fill(0);
      const costs = net < 0 ? [{ year, amountOre: -net }] : [];
      if (net > 0) yearlySavingsOre[year] = net;
      const input = { horizonYears: Math.max(year, 1), discountRateBasisPoints: basisPoints, costs, yearlySavingsOre };
      return businessCase(input).years[year]!.discountedNetOre;
    };
    // 21 / 1.05 = 20 exactly.
    expect(presentValue(21, 500, 1)).toBe(20);
    // 1 / 1.25 = 0.8 → 1.
    expect(presentValue(1, 2_500, 1)).toBe(1);
    // 3 / 1.2 = 2.5 → 3.
    expect(presentValue(3, 2_000, 1)).toBe(3);
    // −3 / 1.2 = −2.5 → −2, as Math.round(−2.5) is −2.
    expect(presentValue(-3, 2_000, 1)).toBe(-2);
    // 9 / 1.2^2 = 6.25 → 6; 18 / 1.2^2 = 12.5 → 13.
    expect(presentValue(9, 2_000, 2)).toBe(6);
    expect(presentValue(18, 2_000, 2)).toBe(13);
    // A negative amount rounding to zero is 0, never −0.
    expect(Object.is(presentValue(-1, 5_000, 2), 0)).toBe(true);
  });
});

describe('businessCase: properties', () => {
  const inputArbitrary = fc.integer({ min: 1, max: 30 }).chain((horizonYears) =>
    fc.record({
      horizonYears: fc.constant(horizonYears),
      discountRateBasisPoints: fc.integer({ min: 0, max: 5_000 }),
      costs: fc.array(
        fc.record({
          year: fc.integer({ min: 0, max: horizonYears }),
          amountOre: fc.integer({ min: 0, max: 1_000_000_000 }),
        }),
        { maxLength: 5 },
      ),
      yearlySavingsOre: fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { maxLength: horizonYears + 1 }),
    }),
  );

  test('with a zero discount rate, the amounts are plain sums', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const result = businessCase({ ...input, discountRateBasisPoints: 0 });
        let cumulative = 0;
        for (const year of result.years) {
          const cost = input.costs.filter((c) => c.year === year.year).reduce((sum, c) => sum + c.amountOre, 0);
          const saving = input.yearlySavingsOre[year.year] ?? 0;
          expect(year.costOre).toBe(cost);
          expect(year.savingOre).toBe(saving);
          expect(year.netOre).toBe(saving - cost);
          expect(year.discountedNetOre).toBe(saving - cost);
          cumulative += saving - cost;
          expect(year.cumulativeDiscountedOre).toBe(cumulative);
        }
        const totalSavings = input.yearlySavingsOre.reduce((a, b) => a + b, 0);
        const totalCosts = input.costs.reduce((a, c) => a + c.amountOre, 0);
        expect(result.netPresentValueOre).toBe(totalSavings - totalCosts);
      }),
      { numRuns: 300 },
    );
  });

  test('each year matches Math.round of the floating-point present value, and the NPV is their sum', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const result = businessCase(input);
        const r = input.discountRateBasisPoints / 10_000;
        for (const year of result.years) {
          const exact = year.netOre / (1 + r) ** year.year;
          // Equal unless the floating-point value lies within a hair of a half (+ 0 turns −0 into 0).
          if (Math.abs(Math.abs(exact % 1) - 0.5) > 1e-4) expect(year.discountedNetOre).toBe(Math.round(exact) + 0);
        }
        expect(result.netPresentValueOre).toBe(result.years.reduce((sum, y) => sum + y.discountedNetOre, 0));
        expect(result.years.map((y) => y.year)).toEqual([...Array(input.horizonYears + 1).keys()]);
        const breakEven = result.breakEvenYear;
        if (breakEven !== null) expect(result.years[breakEven]!.cumulativeDiscountedOre).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateBusinessCase', () => {
  const valid: BusinessCaseInput = {
    horizonYears: 5,
    discountRateBasisPoints: 500,
    costs: [{ year: 0, amountOre: 1 }],
    yearlySavingsOre: [0, 1],
  };

  test('a valid input has no problems', () => {
    expect(validateBusinessCase(valid)).toEqual([]);
  });

  test.each<[string, Partial<BusinessCaseInput>, RegExp]>([
    ['a horizon of 0', { horizonYears: 0 }, /horizon/],
    ['a horizon of 31', { horizonYears: 31 }, /horizon/],
    ['a negative rate', { discountRateBasisPoints: -1 }, /discount rate/],
    ['a rate above 5,000', { discountRateBasisPoints: 5_001 }, /discount rate/],
    ['a fractional rate', { discountRateBasisPoints: 2.5 }, /discount rate/],
    ['a cost after the horizon', { costs: [{ year: 6, amountOre: 1 }] }, /cost 1 must fall/],
    ['a cost before the move year', { costs: [{ year: -1, amountOre: 1 }] }, /cost 1 must fall/],
    ['a negative cost', { costs: [{ year: 1, amountOre: -1 }] }, /cost 1 must be/],
    ['savings beyond the horizon', { yearlySavingsOre: [0, 0, 0, 0, 0, 0, 1] }, /beyond the horizon/],
    ['fractional savings', { yearlySavingsOre: [0, 0.5] }, /savings in year 1/],
  ])('rejects %s', (_, change, problem) => {
    const problems = validateBusinessCase({ ...valid, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
    expect(() => businessCase({ ...valid, ...change })).toThrow(/invalid business case/);
  });
});

describe('expectedYearlySavings', () => {
  test('rounded down to whole øre, from the start year', () => {
    // 3 adults × 33.33 % × 1,000,001 øre = 999,900.9999… → 999,900.
    expect(
      expectedYearlySavings({
        adultsOutsideLabourMarket: 3,
        employmentEffectBasisPoints: 3_333,
        yearlySavingPerAdultInWorkOre: 1_000_001,
        horizonYears: 4,
        startYear: 2,
      }),
    ).toEqual([0, 0, 999_900, 999_900, 999_900]);
  });

  test('exact where the product exceeds 2^53', () => {
    // 1,000 × 9,999 × 9,007,199,254 = 90,062,985,340,746,000 (beyond 2^53), / 10,000 = 9,006,298,534,074,600… → floor.
    const [, year1] = expectedYearlySavings({
      adultsOutsideLabourMarket: 1_000,
      employmentEffectBasisPoints: 9_999,
      yearlySavingPerAdultInWorkOre: 9_007_199_254,
      horizonYears: 1,
    });
    expect(year1).toBe(Number((1_000n * 9_999n * 9_007_199_254n) / 10_000n));
  });

  test('a start year after the horizon saves nothing; invalid input throws', () => {
    const base = {
      adultsOutsideLabourMarket: 2,
      employmentEffectBasisPoints: 5_000,
      yearlySavingPerAdultInWorkOre: 100,
      horizonYears: 2,
    };
    expect(expectedYearlySavings({ ...base, startYear: 3 })).toEqual([0, 0, 0]);
    expect(() => expectedYearlySavings({ ...base, startYear: 0 })).toThrow(/start year/);
    expect(() => expectedYearlySavings({ ...base, employmentEffectBasisPoints: 10_001 })).toThrow(/employment effect/);
    expect(() => expectedYearlySavings({ ...base, horizonYears: 31 })).toThrow(/horizon/);
  });
});
