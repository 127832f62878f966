// The compensation schedule: what a receiving municipality is compensated for a household that moves in.
//
// The policy sets a yearly amount (a base amount, plus an amount per adult outside the labour market, plus an
// amount per child) and a taper: the share of the yearly amount paid in each year after the move, in basis
// points, for example 100 %, 75 %, 50 % and 25 % over four years. Compensation year i runs from the (i − 1)th
// anniversary of the move date up to, but not including, the i-th anniversary.
import { addYears, isDate } from './dates';

const FULL_SHARE = 10_000n;
const MAX_YEARS = 10;

export interface CompensationPolicy {
  /** The yearly amount for every household, in øre. */
  baseYearlyOre: number;
  /** The yearly amount per adult outside the labour market, in øre. */
  perAdultOutsideLabourMarketYearlyOre: number;
  /** The yearly amount per child, in øre. */
  perChildYearlyOre: number;
  /**
   * The share of the yearly amount paid in each year after the move, in basis points (0–10,000), one entry per
   * year: [10000, 7500, 5000, 2500] pays 100 %, 75 %, 50 % and 25 %. Its length is the number of years (1–10).
   */
  taperBasisPoints: number[];
}

/** Who moved in: the household's adults and children, and how many of the adults are outside the labour market. */
export interface Composition {
  adults: number;
  children: number;
  adultsOutsideLabourMarket: number;
}

export interface ScheduleYear {
  /** 1 for the first year after the move. */
  year: number;
  /** The anniversary of the move that starts the year (the move date itself for year 1). */
  from: string;
  /** The next anniversary: the first day after the year. */
  to: string;
  amountOre: number;
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Why the policy is not valid; empty when it is. */
export function validateCompensationPolicy(policy: CompensationPolicy): string[] {
  const problems: string[] = [];
  const amounts = [
    ['the base yearly amount', policy.baseYearlyOre],
    ['the yearly amount per adult outside the labour market', policy.perAdultOutsideLabourMarketYearlyOre],
    ['the yearly amount per child', policy.perChildYearlyOre],
  ] as const;
  for (const [what, amount] of amounts) {
    if (!isCount(amount)) problems.push(`${what} must be a whole, non-negative number of øre`);
  }
  const taper = policy.taperBasisPoints;
  if (taper.length < 1 || taper.length > MAX_YEARS) {
    problems.push(`the taper must cover from 1 to ${MAX_YEARS} years, not ${taper.length}`);
  }
  taper.forEach((basisPoints, index) => {
    if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
      problems.push(`the taper for year ${index + 1} must be a whole number of basis points from 0 to 10000`);
    }
  });
  return problems;
}

/** Why the composition is not valid; empty when it is. */
export function validateComposition(composition: Composition): string[] {
  const problems: string[] = [];
  const counts = [
    ['adults', composition.adults],
    ['children', composition.children],
    ['adults outside the labour market', composition.adultsOutsideLabourMarket],
  ] as const;
  for (const [what, count] of counts) {
    if (!isCount(count)) problems.push(`the number of ${what} must be a whole, non-negative number`);
  }
  if (composition.adultsOutsideLabourMarket > composition.adults) {
    problems.push('there cannot be more adults outside the labour market than adults');
  }
  return problems;
}

function requireValid(problems: string[], what: string): void {
  if (problems.length > 0) throw new Error(`invalid ${what}: ${problems.join('; ')}`);
}

/** The full yearly amount before the taper: base + per adult outside the labour market × those adults + per child × children. */
export function yearlyAmount(policy: CompensationPolicy, composition: Composition): number {
  requireValid(validateCompensationPolicy(policy), 'compensation policy');
  requireValid(validateComposition(composition), 'composition');
  const total =
    BigInt(policy.baseYearlyOre) +
    BigInt(policy.perAdultOutsideLabourMarketYearlyOre) * BigInt(composition.adultsOutsideLabourMarket) +
    BigInt(policy.perChildYearlyOre) * BigInt(composition.children);
  const result = Number(total);
  if (!Number.isSafeInteger(result)) throw new Error('the yearly amount is too large to count in whole øre');
  return result;
}

/**
 * The compensation year by year. Year i runs from the (i − 1)th anniversary of the move date up to the i-th
 * (anniversaries of 29 February fall on 1 March in years that are not leap years, and on 29 February in leap
 * years, so the years always follow one another without gap or overlap). Its amount is the yearly amount times
 * the year's taper, rounded down to whole øre. Years with a taper giving 0 øre are listed all the same.
 */
export function compensationSchedule(
  policy: CompensationPolicy,
  composition: Composition,
  moveDate: string,
): ScheduleYear[] {
  if (!isDate(moveDate)) throw new Error(`the move date '${moveDate}' is not a calendar date in the form YYYY-MM-DD`);
  const yearly = BigInt(yearlyAmount(policy, composition));
  return policy.taperBasisPoints.map((basisPoints, index) => ({
    year: index + 1,
    from: addYears(moveDate, index),
    to: addYears(moveDate, index + 1),
    amountOre: Number((yearly * BigInt(basisPoints)) / FULL_SHARE),
  }));
}

/** The sum of the schedule's yearly amounts. */
export function scheduleTotal(schedule: readonly ScheduleYear[]): number {
  const total = schedule.reduce((sum, year) => sum + BigInt(year.amountOre), 0n);
  const result = Number(total);
  if (!Number.isSafeInteger(result)) throw new Error('the schedule total is too large to count in whole øre');
  return result;
}
