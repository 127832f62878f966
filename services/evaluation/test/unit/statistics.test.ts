// Evaluation statistics: small-cell suppression of counts and shares, and the difference-in-differences — a case
// worked by hand, harm said as plainly as improvement, the minimum of families, suppression inside the summaries,
// and the mirror and containment properties of the interval.
import quantile from '@stdlib/stats-base-dists-t-quantile';
import fc from 'fast-check';
import { MINIMUM_CELL, cell, describeCell, share } from '../../src/domain/disclosure';
import { MEASURE_DEFINITIONS, type OutcomeRecord } from '../../src/domain/outcomes';
import {
  type DidResult,
  type FamilyChange,
  MINIMUM_FAMILIES_FOR_ESTIMATE,
  differenceInDifferences,
  familyChanges,
} from '../../src/domain/statistics';

type Estimate = Extract<DidResult, { kind: 'ESTIMATE' }>;

function estimated(result: DidResult): Estimate {
  if (result.kind !== 'ESTIMATE') throw new Error(`expected an estimate, got: ${result.statement}`);
  return result;
}

/** Families with the given changes, from the given baselines (the baseline cycles if shorter). */
const families = (changes: readonly number[], baselines: readonly number[] = [0]): FamilyChange[] =>
  changes.map((change, index) => {
    const baseline = baselines[index % baselines.length]!;
    return { baseline, followUp: baseline + change };
  });

describe('disclosure: cell', () => {
  test('4 families are suppressed, 5 are shown', () => {
    expect(MINIMUM_CELL).toBe(5);
    expect(cell(4)).toEqual({ suppressed: true, count: null });
    expect(cell(1)).toEqual({ suppressed: true, count: null });
    expect(cell(5)).toEqual({ suppressed: false, count: 5 });
    expect(cell(120)).toEqual({ suppressed: false, count: 120 });
  });

  test('0 is shown: no families cannot identify anyone', () => {
    expect(cell(0)).toEqual({ suppressed: false, count: 0 });
  });

  test('in words, a suppressed cell is "fewer than 5"', () => {
    expect(describeCell(cell(3))).toBe('fewer than 5');
    expect(describeCell(cell(7))).toBe('7');
    expect(describeCell(cell(0))).toBe('0');
  });

  test('rejects counts that are not whole and non-negative', () => {
    expect(() => cell(-1)).toThrow(RangeError);
    expect(() => cell(2.5)).toThrow(RangeError);
    expect(() => cell(Number.NaN)).toThrow(RangeError);
  });
});

describe('disclosure: share', () => {
  test('a share of 5 or more on both sides is shown, with its percent unrounded', () => {
    expect(share(5, 12)).toEqual({ suppressed: false, numerator: 5, denominator: 12, percent: (5 / 12) * 100 });
    expect(share(7, 12)).toEqual({ suppressed: false, numerator: 7, denominator: 12, percent: (7 / 12) * 100 });
  });

  test('a numerator of 1–4 suppresses numerator, denominator and percent together', () => {
    expect(share(4, 12)).toEqual({ suppressed: true, numerator: null, denominator: null, percent: null });
    expect(share(1, 40)).toEqual({ suppressed: true, numerator: null, denominator: null, percent: null });
  });

  test('a complement of 1–4 is suppressed too: 9 of 12 would reveal the 3 without', () => {
    expect(share(9, 12).suppressed).toBe(true);
    expect(share(8, 12).suppressed).toBe(true);
    expect(share(39, 40).suppressed).toBe(true);
    expect(share(7, 12).suppressed).toBe(false);
  });

  test('a denominator below 5 is suppressed whatever the numerator, even 0 of 4', () => {
    expect(share(0, 4).suppressed).toBe(true);
    expect(share(4, 4).suppressed).toBe(true);
    expect(share(0, 0).suppressed).toBe(true);
  });

  test('zero is not a small cell: 0 of 12 and 12 of 12 are shown', () => {
    expect(share(0, 12)).toEqual({ suppressed: false, numerator: 0, denominator: 12, percent: 0 });
    expect(share(12, 12)).toEqual({ suppressed: false, numerator: 12, denominator: 12, percent: 100 });
    expect(share(5, 5)).toEqual({ suppressed: false, numerator: 5, denominator: 5, percent: 100 });
  });

  test('a shown share never lets a count of 1–4 be read or subtracted out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (x, y) => {
        const [numerator, denominator] = x <= y ? [x, y] : [y, x];
        const result = share(numerator, denominator);
        const small = (count: number) => count >= 1 && count <= 4;
        const shown = denominator >= 5 && !small(numerator) && !small(denominator - numerator);
        expect(result.suppressed).toBe(!shown);
        expect(result.numerator === null).toBe(result.suppressed);
        expect(result.denominator === null).toBe(result.suppressed);
        expect(result.percent === null).toBe(result.suppressed);
      }),
    );
  });

  test('rejects a numerator above the denominator or counts that are not whole', () => {
    expect(() => share(13, 12)).toThrow(RangeError);
    expect(() => share(-1, 12)).toThrow(RangeError);
    expect(() => share(1.5, 12)).toThrow(RangeError);
  });
});

describe('differenceInDifferences: worked by hand', () => {
  // Employment (percent of adults), 10 moved families and 10 in the comparison group.
  //
  // Moved: baselines 0, 10, …, 90 (mean 45); changes d_t = 2, 4, …, 20.
  //   mean(d_t) = 110 / 10 = 11; follow-ups mean 45 + 11 = 56.
  //   deviations −9, −7, −5, −3, −1, 1, 3, 5, 7, 9; squares sum to 2 × (81 + 49 + 25 + 9 + 1) = 330.
  //   s_t² = 330 / 9; s_t² / n_t = 33 / 9.
  // Comparison: baselines all 25; changes d_c = 1, 1, 2, 2, 3, 3, 4, 4, 5, 5.
  //   mean(d_c) = 30 / 10 = 3; follow-ups mean 28.
  //   deviations −2, −2, −1, −1, 0, 0, 1, 1, 2, 2; squares sum to 20.
  //   s_c² = 20 / 9; s_c² / n_c = 2 / 9.
  // Estimate = 11 − 3 = 8.
  // SE = √(33/9 + 2/9) = √(35/9) = √35 / 3 ≈ 1.972027.
  // df = (35/9)² / ((33/9)² / 9 + (2/9)² / 9) = (1225/81) / (1093/729) = 1225 × 9 / 1093 = 11025 / 1093
  //    ≈ 10.086917.
  // t(0.975, 11025/1093) ≈ 2.225539 (from the library); interval 8 ± t × √35 / 3 ≈ 3.611178 to 12.388822.
  const moved = families([2, 4, 6, 8, 10, 12, 14, 16, 18, 20], [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  const comparison = families([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], [25]);
  const standardError = Math.sqrt(35) / 3;
  const degreesOfFreedom = 11025 / 1093;
  const t = quantile(0.975, degreesOfFreedom);

  test('estimate, Welch standard error and degrees of freedom, and the 95 % interval', () => {
    const result = estimated(differenceInDifferences(moved, comparison, MEASURE_DEFINITIONS.EMPLOYMENT));
    expect(result.estimate).toBeCloseTo(8, 6);
    expect(result.standardError).toBeCloseTo(standardError, 6);
    expect(result.standardError).toBeCloseTo(1.972027, 6);
    expect(result.degreesOfFreedom).toBeCloseTo(degreesOfFreedom, 6);
    expect(result.degreesOfFreedom).toBeCloseTo(10.086917, 6);
    expect(t).toBeCloseTo(2.225539, 6);
    expect(result.lower95).toBeCloseTo(8 - t * standardError, 6);
    expect(result.upper95).toBeCloseTo(8 + t * standardError, 6);
    expect(result.effect).toBe('IMPROVEMENT');
  });

  test('group summaries hold the counts and the means', () => {
    const result = estimated(differenceInDifferences(moved, comparison, MEASURE_DEFINITIONS.EMPLOYMENT));
    expect(result.treated).toEqual({
      families: { suppressed: false, count: 10 },
      meanBaseline: 45,
      meanFollowUp: 56,
      meanChange: 11,
    });
    expect(result.comparison).toEqual({
      families: { suppressed: false, count: 10 },
      meanBaseline: 25,
      meanFollowUp: 28,
      meanChange: 3,
    });
  });

  test('one sentence, rounded to 2 decimals, with the interval', () => {
    const result = differenceInDifferences(moved, comparison, MEASURE_DEFINITIONS.EMPLOYMENT);
    expect(result.statement).toBe(
      'Employment rose by 8 percentage points more among moved families than in the comparison group ' +
        '(95 % CI 3.61 to 12.39): an improvement.',
    );
  });

  test('when every family changed alike, SE is 0 and df is n_t + n_c − 2', () => {
    const result = estimated(
      differenceInDifferences(families(Array(10).fill(3)), families(Array(12).fill(1)), MEASURE_DEFINITIONS.EDUCATION),
    );
    expect(result.estimate).toBe(2);
    expect(result.standardError).toBe(0);
    expect(result.degreesOfFreedom).toBe(20);
    expect(result.lower95).toBe(2);
    expect(result.upper95).toBe(2);
  });

  test('one variance 0: Welch–Satterthwaite gives the other group n − 1', () => {
    const result = estimated(
      differenceInDifferences(
        families([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]),
        families(Array(15).fill(1)),
        MEASURE_DEFINITIONS.EMPLOYMENT,
      ),
    );
    expect(result.degreesOfFreedom).toBeCloseTo(9, 9);
    expect(result.standardError).toBeCloseTo(Math.sqrt(33 / 9), 9);
  });
});

describe('differenceInDifferences: harm is said as plainly as improvement', () => {
  const rising = families([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  const falling = families([-2, -4, -6, -8, -10, -12, -14, -16, -18, -20]);
  const steady = families([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  const mirrored = families([-1, -1, -2, -2, -3, -3, -4, -4, -5, -5]);
  const template = new RegExp(
    '^(.+) (rose|fell) by (\\S+) (.+) more among moved families than in the comparison group ' +
      '\\(95 % CI (\\S+) to (\\S+)\\): (an improvement|a harmful effect|no clear effect either way)\\.$',
  );

  test('a rise in a measure where lower is better is HARM, in the same sentence as an improvement', () => {
    const improvement = differenceInDifferences(rising, steady, MEASURE_DEFINITIONS.EMPLOYMENT);
    const harm = differenceInDifferences(rising, steady, MEASURE_DEFINITIONS.BENEFIT_DEPENDENCY);
    expect(estimated(improvement).effect).toBe('IMPROVEMENT');
    expect(estimated(harm).effect).toBe('HARM');
    expect(harm.statement).toBe(
      'Benefit dependency rose by 8 percentage points more among moved families than in the comparison group ' +
        '(95 % CI 3.61 to 12.39): a harmful effect.',
    );
    // Only the label and the verdict differ: same numbers, same words, same interval.
    expect(
      harm.statement.replace('Benefit dependency', 'Employment').replace('a harmful effect', 'an improvement'),
    ).toBe(improvement.statement);
  });

  test('a fall where higher is better is HARM, and mirrors a fall where lower is better word for word', () => {
    const harm = differenceInDifferences(falling, mirrored, MEASURE_DEFINITIONS.EMPLOYMENT);
    const improvement = differenceInDifferences(falling, mirrored, MEASURE_DEFINITIONS.BENEFIT_DEPENDENCY);
    expect(estimated(harm).effect).toBe('HARM');
    expect(estimated(improvement).effect).toBe('IMPROVEMENT');
    expect(harm.statement).toBe(
      'Employment fell by 8 percentage points more among moved families than in the comparison group ' +
        '(95 % CI −12.39 to −3.61): a harmful effect.',
    );
    expect(improvement.statement).toBe(
      'Benefit dependency fell by 8 percentage points more among moved families than in the comparison group ' +
        '(95 % CI −12.39 to −3.61): an improvement.',
    );
  });

  test('all four combinations fit one template; only the direction words differ between rise and fall', () => {
    const statements = [
      differenceInDifferences(rising, steady, MEASURE_DEFINITIONS.RECORDED_CRIME),
      differenceInDifferences(falling, mirrored, MEASURE_DEFINITIONS.RECORDED_CRIME),
    ].map((result) => result.statement);
    const [rise, fall] = statements.map((statement) => template.exec(statement));
    expect(rise).not.toBeNull();
    expect(fall).not.toBeNull();
    expect(rise!.slice(1)).toEqual([
      'Recorded crime',
      'rose',
      '8',
      'offences per family',
      '3.61',
      '12.39',
      'a harmful effect',
    ]);
    expect(fall!.slice(1)).toEqual([
      'Recorded crime',
      'fell',
      '8',
      'offences per family',
      '−12.39',
      '−3.61',
      'an improvement',
    ]);
  });

  test('an interval that includes 0 is no clear effect either way, still with the interval', () => {
    const result = estimated(differenceInDifferences(rising, rising.slice().reverse(), MEASURE_DEFINITIONS.EMPLOYMENT));
    expect(result.effect).toBe('NO_CLEAR_EFFECT');
    expect(result.statement).toMatch(
      /^Employment changed by the same amount among moved families as in the comparison/,
    );
    expect(result.statement).toMatch(/\(95 % CI −\d+(\.\d+)? to \d+(\.\d+)?\): no clear effect either way\.$/);

    const small = estimated(
      differenceInDifferences(
        families([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
        steady.map((f) => ({ ...f, followUp: f.baseline + 0.4 })),
        MEASURE_DEFINITIONS.RECORDED_CRIME,
      ),
    );
    expect(small.effect).toBe('NO_CLEAR_EFFECT');
    expect(small.statement).toMatch(template);
    expect(small.statement).toMatch(
      /^Recorded crime rose by 0\.1 offences per family more .*no clear effect either way\.$/,
    );
  });

  test('1 is singular, and an estimate that rounds to 0 is "less than 0.01", never "0"', () => {
    const one = differenceInDifferences(
      families(Array(10).fill(2)),
      families(Array(10).fill(1)),
      MEASURE_DEFINITIONS.RECORDED_CRIME,
    );
    expect(one.statement).toMatch(/^Recorded crime rose by 1 offence per family more /);
    const tiny = differenceInDifferences(
      families(Array(10).fill(0.001)),
      families(Array(10).fill(0)),
      MEASURE_DEFINITIONS.RECORDED_CRIME,
    );
    expect(tiny.statement).toMatch(/^Recorded crime rose by less than 0\.01 offences per family more /);
  });
});

describe('differenceInDifferences: the minimum of families', () => {
  const ten = families([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  test('9 families in either group are too few; 10 in each give an estimate', () => {
    expect(MINIMUM_FAMILIES_FOR_ESTIMATE).toBe(10);
    const nineMoved = differenceInDifferences(ten.slice(0, 9), ten, MEASURE_DEFINITIONS.EMPLOYMENT);
    expect(nineMoved.kind).toBe('TOO_FEW');
    expect(nineMoved).toMatchObject({ needed: 10 });
    expect(nineMoved.statement).toBe(
      'Too few families to estimate: 9 moved and 10 in the comparison group; at least 10 in each are needed.',
    );
    expect(differenceInDifferences(ten, ten.slice(0, 9), MEASURE_DEFINITIONS.EMPLOYMENT).kind).toBe('TOO_FEW');
    expect(differenceInDifferences(ten, ten, MEASURE_DEFINITIONS.EMPLOYMENT).kind).toBe('ESTIMATE');
  });

  test('the example sentence: 7 moved and 12 in the comparison group', () => {
    const result = differenceInDifferences(
      ten.slice(0, 7),
      families(Array(12).fill(0)),
      MEASURE_DEFINITIONS.EMPLOYMENT,
    );
    expect(result.statement).toBe(
      'Too few families to estimate: 7 moved and 12 in the comparison group; at least 10 in each are needed.',
    );
    // Not suppressed, so the means are shown even without an estimate.
    expect(result.treated.meanChange).toBe(4);
  });

  test('a group of 4 is suppressed in the summary and in the sentence', () => {
    const result = differenceInDifferences(
      ten.slice(0, 4),
      families(Array(12).fill(0)),
      MEASURE_DEFINITIONS.EMPLOYMENT,
    );
    expect(result.kind).toBe('TOO_FEW');
    expect(result.treated).toEqual({
      families: { suppressed: true, count: null },
      meanBaseline: null,
      meanFollowUp: null,
      meanChange: null,
    });
    expect(result.comparison.families).toEqual({ suppressed: false, count: 12 });
    expect(result.statement).toBe(
      'Too few families to estimate: fewer than 5 moved and 12 in the comparison group; ' +
        'at least 10 in each are needed.',
    );
    expect(result.statement).not.toMatch(/\b4\b/);
    expect(JSON.stringify(result)).not.toMatch(/\b4\b/);
  });

  test('an empty group shows 0 families and no means', () => {
    const result = differenceInDifferences([], ten, MEASURE_DEFINITIONS.EMPLOYMENT);
    expect(result.treated).toEqual({
      families: { suppressed: false, count: 0 },
      meanBaseline: null,
      meanFollowUp: null,
      meanChange: null,
    });
    expect(result.statement).toMatch(/^Too few families to estimate: 0 moved and 10 in the comparison group;/);
  });

  test('refuses a measure without a comparison group, and values that are not finite', () => {
    expect(() => differenceInDifferences(ten, ten, MEASURE_DEFINITIONS.STILL_IN_NEW_HOME)).toThrow(RangeError);
    expect(() => differenceInDifferences(ten, ten, MEASURE_DEFINITIONS.RETURN_MOVES)).toThrow(RangeError);
    expect(() =>
      differenceInDifferences([...ten, { baseline: Number.NaN, followUp: 1 }], ten, MEASURE_DEFINITIONS.EMPLOYMENT),
    ).toThrow(RangeError);
  });
});

describe('differenceInDifferences: properties', () => {
  const value = fc.double({ min: -1000, max: 1000, noNaN: true });
  const group = fc.array(fc.record({ baseline: value, followUp: value }), { minLength: 10, maxLength: 40 });
  const comparable = fc.constantFrom(
    MEASURE_DEFINITIONS.EMPLOYMENT,
    MEASURE_DEFINITIONS.BENEFIT_DEPENDENCY,
    MEASURE_DEFINITIONS.SCHOOL_ABSENCE,
    MEASURE_DEFINITIONS.RECORDED_CRIME,
  );
  const mirror = { IMPROVEMENT: 'HARM', HARM: 'IMPROVEMENT', NO_CLEAR_EFFECT: 'NO_CLEAR_EFFECT' } as const;

  test('swapping the groups negates the estimate and mirrors the interval and the verdict', () => {
    fc.assert(
      fc.property(group, group, comparable, (treated, comparison, definition) => {
        const original = estimated(differenceInDifferences(treated, comparison, definition));
        const swapped = estimated(differenceInDifferences(comparison, treated, definition));
        expect(swapped.estimate).toBeCloseTo(-original.estimate, 9);
        expect(swapped.standardError).toBeCloseTo(original.standardError, 9);
        expect(swapped.degreesOfFreedom).toBeCloseTo(original.degreesOfFreedom, 9);
        expect(swapped.lower95).toBeCloseTo(-original.upper95, 9);
        expect(swapped.upper95).toBeCloseTo(-original.lower95, 9);
        expect(swapped.effect).toBe(mirror[original.effect]);
      }),
    );
  });

  test('the interval always contains the estimate, and df lies between min(n) − 1 and n_t + n_c − 2', () => {
    fc.assert(
      fc.property(group, group, comparable, (treated, comparison, definition) => {
        const result = estimated(differenceInDifferences(treated, comparison, definition));
        expect(result.lower95).toBeLessThanOrEqual(result.estimate);
        expect(result.upper95).toBeGreaterThanOrEqual(result.estimate);
        expect(result.standardError).toBeGreaterThanOrEqual(0);
        expect(result.degreesOfFreedom).toBeGreaterThanOrEqual(Math.min(treated.length, comparison.length) - 1 - 1e-9);
        expect(result.degreesOfFreedom).toBeLessThanOrEqual(treated.length + comparison.length - 2 + 1e-9);
      }),
    );
  });

  test('the verdict follows the interval and the better direction', () => {
    fc.assert(
      fc.property(group, group, comparable, (treated, comparison, definition) => {
        const result = estimated(differenceInDifferences(treated, comparison, definition));
        const excludesZero = result.lower95 > 0 || result.upper95 < 0;
        const better = definition.betterWhen === 'HIGHER' ? result.estimate > 0 : result.estimate < 0;
        expect(result.effect).toBe(excludesZero ? (better ? 'IMPROVEMENT' : 'HARM') : 'NO_CLEAR_EFFECT');
      }),
    );
  });
});

describe('familyChanges', () => {
  const record = (adults: number, adultsInWork: number): OutcomeRecord => ({
    adults,
    adultsInWork,
    adultsInEducation: 0,
    adultsOnBenefits: 0,
    children: 0,
    childrenSchoolAbsencePct: null,
    stillInNewHome: null,
    returnedToFormerArea: null,
    recordedCrimeOffences: null,
  });

  test('pairs each family’s values and counts those lacking either', () => {
    const result = familyChanges(
      [
        { baseline: record(2, 0), followUp: record(2, 1) },
        { baseline: record(1, 1), followUp: record(1, 1) },
        { baseline: null, followUp: record(2, 2) },
        { baseline: record(2, 1), followUp: null },
        { baseline: record(0, 0), followUp: record(2, 2) },
      ],
      'EMPLOYMENT',
    );
    expect(result.changes).toEqual([
      { baseline: 0, followUp: 50 },
      { baseline: 100, followUp: 100 },
    ]);
    expect(result.leftOut).toBe(3);
  });
});
