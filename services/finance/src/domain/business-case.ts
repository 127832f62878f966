// The business case for a resettlement: what it costs, what it is expected to save, and when it pays off.
//
// Years are counted from the move: year 0 is the year of the move, year 1 the first year after it, and so on up
// to the horizon. Each year's net amount (savings minus costs) is discounted to its present value with the factor
// (1 + r)^−year, where r is the discount rate, and rounded to whole øre. The net present value is the sum of the
// rounded present values, and the break-even year is the first year in which their running total is no longer
// negative once spending has begun.

const FULL_SHARE = 10_000n;
const MAX_HORIZON_YEARS = 30;
const MAX_DISCOUNT_RATE_BASIS_POINTS = 5_000;

export interface BusinessCaseInput {
  /** The last year counted (1–30); the years 0..horizonYears are all counted. */
  horizonYears: number;
  /** The yearly discount rate in basis points (0–5,000): 500 is 5 %. */
  discountRateBasisPoints: number;
  /** Costs by the year they are incurred in (0 is the year of the move); several costs may share a year. */
  costs: { year: number; amountOre: number }[];
  /** The savings expected in each year, by year (index 0 is the year of the move); missing years save nothing. */
  yearlySavingsOre: number[];
}

export interface BusinessCaseYear {
  year: number;
  costOre: number;
  savingOre: number;
  /** Savings minus costs. */
  netOre: number;
  /** The net amount discounted to its present value, rounded to whole øre. */
  discountedNetOre: number;
  /** The running total of the discounted net amounts up to and including this year. */
  cumulativeDiscountedOre: number;
}

export interface BusinessCaseResult {
  years: BusinessCaseYear[];
  /** The sum of the rounded discounted net amounts of all years. */
  netPresentValueOre: number;
  /**
   * The first year, counting from the first year with a cost, whose running discounted total is 0 or more
   * (year 0 when there are no costs at all); null when that does not happen within the horizon.
   */
  breakEvenYear: number | null;
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function isWholeIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Why the input is not a valid business case; empty when it is. */
export function validateBusinessCase(input: BusinessCaseInput): string[] {
  const problems: string[] = [];
  const horizonValid = isWholeIn(input.horizonYears, 1, MAX_HORIZON_YEARS);
  if (!horizonValid) problems.push(`the horizon must be a whole number of years from 1 to ${MAX_HORIZON_YEARS}`);
  if (!isWholeIn(input.discountRateBasisPoints, 0, MAX_DISCOUNT_RATE_BASIS_POINTS)) {
    problems.push(
      `the discount rate must be a whole number of basis points from 0 to ${MAX_DISCOUNT_RATE_BASIS_POINTS}`,
    );
  }
  input.costs.forEach((cost, index) => {
    if (!Number.isInteger(cost.year) || cost.year < 0 || (horizonValid && cost.year > input.horizonYears)) {
      problems.push(`cost ${index + 1} must fall in a year from 0 to the horizon`);
    }
    if (!isCount(cost.amountOre)) problems.push(`cost ${index + 1} must be a whole, non-negative number of øre`);
  });
  if (horizonValid && input.yearlySavingsOre.length > input.horizonYears + 1) {
    problems.push('savings are given for years beyond the horizon');
  }
  input.yearlySavingsOre.forEach((saving, year) => {
    if (!isCount(saving)) problems.push(`the savings in year ${year} must be a whole, non-negative number of øre`);
  });
  return problems;
}

/** a / b rounded down, for b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n ? quotient - 1n : quotient;
}

function toSafeNumber(value: bigint, what: string): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new Error(`${what} is too large to count in whole øre`);
  return result;
}

/**
 * The business case year by year, its net present value and its break-even year; throws when the input is not
 * valid (see `validateBusinessCase`).
 *
 * The present value of a year's net amount is net × (1 + r)^−year with r = basis points / 10,000, rounded to the
 * nearest øre with halves rounded up (towards plus infinity, as Math.round does). It is computed exactly, as the
 * fraction net × 10000^year / (10000 + basis points)^year, so the result never depends on floating-point error.
 */
export function businessCase(input: BusinessCaseInput): BusinessCaseResult {
  const problems = validateBusinessCase(input);
  if (problems.length > 0) throw new Error(`invalid business case: ${problems.join('; ')}`);

  const rateDenominator = FULL_SHARE + BigInt(input.discountRateBasisPoints);
  const years: BusinessCaseYear[] = [];
  let cumulative = 0n;
  let spendingBegun = !input.costs.some((cost) => cost.amountOre > 0);
  let breakEvenYear: number | null = null;

  for (let year = 0; year <= input.horizonYears; year++) {
    const cost = input.costs.filter((c) => c.year === year).reduce((sum, c) => sum + BigInt(c.amountOre), 0n);
    const saving = BigInt(input.yearlySavingsOre[year] ?? 0);
    const net = saving - cost;
    const numerator = net * FULL_SHARE ** BigInt(year);
    const denominator = rateDenominator ** BigInt(year);
    // round(n / d) with halves up = floor((2n + d) / 2d).
    const discounted = floorDiv(2n * numerator + denominator, 2n * denominator);
    cumulative += discounted;
    if (cost > 0n) spendingBegun = true;
    if (breakEvenYear === null && spendingBegun && cumulative >= 0n) breakEvenYear = year;
    years.push({
      year,
      costOre: toSafeNumber(cost, `the cost in year ${year}`),
      savingOre: toSafeNumber(saving, `the saving in year ${year}`),
      netOre: toSafeNumber(net, `the net amount in year ${year}`),
      discountedNetOre: toSafeNumber(discounted, `the discounted net amount in year ${year}`),
      cumulativeDiscountedOre: toSafeNumber(cumulative, `the running total in year ${year}`),
    });
  }
  return { years, netPresentValueOre: toSafeNumber(cumulative, 'the net present value'), breakEvenYear };
}

export interface ExpectedSavingsInput {
  adultsOutsideLabourMarket: number;
  /** The expected share of those adults who get work, in basis points (0–10,000). */
  employmentEffectBasisPoints: number;
  /** The public saving per year for each adult who gets work, in øre. */
  yearlySavingPerAdultInWorkOre: number;
  /** The last year counted (1–30). */
  horizonYears: number;
  /** The first year with savings (1 unless given): the effect is not expected in the year of the move. */
  startYear?: number;
}

/**
 * The savings expected in each year 0..horizonYears (index = year): from `startYear` on, the adults outside the
 * labour market × the employment effect × the yearly saving per adult in work, rounded down to whole øre and
 * computed exactly; 0 in year 0 and in the years before `startYear`. Throws on invalid input.
 */
export function expectedYearlySavings(input: ExpectedSavingsInput): number[] {
  const { adultsOutsideLabourMarket, employmentEffectBasisPoints, yearlySavingPerAdultInWorkOre, horizonYears } = input;
  const startYear = input.startYear ?? 1;
  const problems: string[] = [];
  if (!isCount(adultsOutsideLabourMarket)) {
    problems.push('the number of adults outside the labour market must be a whole, non-negative number');
  }
  if (!isWholeIn(employmentEffectBasisPoints, 0, 10_000)) {
    problems.push('the employment effect must be a whole number of basis points from 0 to 10000');
  }
  if (!isCount(yearlySavingPerAdultInWorkOre)) {
    problems.push('the yearly saving per adult in work must be a whole, non-negative number of øre');
  }
  if (!isWholeIn(horizonYears, 1, MAX_HORIZON_YEARS)) {
    problems.push(`the horizon must be a whole number of years from 1 to ${MAX_HORIZON_YEARS}`);
  }
  if (!Number.isSafeInteger(startYear) || startYear < 1)
    problems.push('the start year must be a whole number, 1 or more');
  if (problems.length > 0) throw new Error(`invalid expected savings: ${problems.join('; ')}`);

  const yearly = toSafeNumber(
    (BigInt(adultsOutsideLabourMarket) * BigInt(employmentEffectBasisPoints) * BigInt(yearlySavingPerAdultInWorkOre)) /
      FULL_SHARE,
    'the yearly saving',
  );
  return Array.from({ length: horizonYears + 1 }, (_, year) => (year >= startYear ? yearly : 0));
}
