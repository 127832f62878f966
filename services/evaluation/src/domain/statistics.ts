// Difference-in-differences: did a measure change more among the moved families than in the comparison group?
//
// Each family contributes its own change, d = follow-up − baseline. The estimate is the difference of the two
// groups' mean changes, mean(d_moved) − mean(d_comparison). Its standard error is Welch's, which does not assume
// the groups vary alike: SE = √(s_t²/n_t + s_c²/n_c), with sample variances (divided by n − 1). Its degrees of
// freedom are Welch–Satterthwaite's, and the 95 % interval is estimate ± t(0.975, df) × SE. When every family
// in both groups changed by exactly the same amount, both variances are 0, the Welch–Satterthwaite formula is
// 0/0, and we take SE = 0 with the pooled df = n_t + n_c − 2: the interval is the estimate itself.
//
// The verdict is symmetric by design: an interval that excludes 0 is an improvement or a harmful effect according
// to the measure's better direction, and both are said in the same sentence with only the direction words
// changed. An interval that includes 0 is no clear effect either way. Every sentence gives the interval.
import quantile from '@stdlib/stats-base-dists-t-quantile';
import { type Cell, cell, describeCell } from './disclosure';
import { type MeasureDefinition, type OutcomeMeasure, type OutcomeRecord, measureValue } from './outcomes';

/** Each family's value at baseline and at the follow-up point (families lacking either are left out and counted). */
export interface FamilyChange {
  baseline: number;
  followUp: number;
}

/**
 * The fewest families per group for an estimate. With fewer, a t-interval on family changes is too wide to
 * guide anyone (t(0.975, 8) is 2.31 against 1.96 for many families, on a standard error of a handful of very
 * different families), and the pilots, with 8–9 families each, showed exactly that.
 */
export const MINIMUM_FAMILIES_FOR_ESTIMATE = 10;

/** The verdict on an estimate, from its 95 % interval and the measure's better direction. */
export type Effect = 'IMPROVEMENT' | 'HARM' | 'NO_CLEAR_EFFECT';

/** One group's families and means; the means are null when the group's cell is suppressed or empty. */
export interface GroupSummary {
  families: Cell;
  meanBaseline: number | null;
  meanFollowUp: number | null;
  meanChange: number | null;
}

/** A difference-in-differences, or the reason there is none. Numeric fields are unrounded. */
export type DidResult =
  | {
      kind: 'ESTIMATE';
      treated: GroupSummary;
      comparison: GroupSummary;
      /** mean change among the moved families − mean change in the comparison group. */
      estimate: number;
      standardError: number;
      degreesOfFreedom: number;
      lower95: number;
      upper95: number;
      effect: Effect;
      /** One plain sentence with the estimate, its interval and the verdict, numbers rounded to 2 decimals. */
      statement: string;
    }
  | {
      kind: 'TOO_FEW';
      treated: GroupSummary;
      comparison: GroupSummary;
      /** The fewest families needed in each group. */
      needed: number;
      statement: string;
    };

/** One family's records at baseline and at the follow-up point, either missing. */
export interface FamilyRecords {
  baseline: OutcomeRecord | null;
  followUp: OutcomeRecord | null;
}

/** The changes of the families with a value at both points, and how many families were left out. */
export interface FamilyChanges {
  changes: FamilyChange[];
  /** Families lacking a record or a value at either point. A count of families: pass it through cell() to show it. */
  leftOut: number;
}

/** Each family's value of a measure at baseline and follow-up; families lacking either are left out and counted. */
export function familyChanges(families: readonly FamilyRecords[], measure: OutcomeMeasure): FamilyChanges {
  const changes: FamilyChange[] = [];
  let leftOut = 0;
  for (const family of families) {
    const baseline = family.baseline === null ? null : measureValue(family.baseline, measure);
    const followUp = family.followUp === null ? null : measureValue(family.followUp, measure);
    if (baseline === null || followUp === null) leftOut += 1;
    else changes.push({ baseline, followUp });
  }
  return { changes, leftOut };
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Sample variance (divided by n − 1), two-pass for accuracy. */
function sampleVariance(values: readonly number[]): number {
  const centre = mean(values);
  return values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1);
}

function summarise(group: readonly FamilyChange[]): GroupSummary {
  const families = cell(group.length);
  if (families.suppressed || group.length === 0) {
    return { families, meanBaseline: null, meanFollowUp: null, meanChange: null };
  }
  return {
    families,
    meanBaseline: mean(group.map((family) => family.baseline)),
    meanFollowUp: mean(group.map((family) => family.followUp)),
    meanChange: mean(group.map((family) => family.followUp - family.baseline)),
  };
}

function assertFinite(group: readonly FamilyChange[], name: string): void {
  for (const { baseline, followUp } of group) {
    if (!Number.isFinite(baseline) || !Number.isFinite(followUp)) {
      throw new RangeError(`every value in the ${name} group must be a finite number`);
    }
  }
}

const UNITS: Record<MeasureDefinition['unit'], { one: string; other: string }> = {
  PERCENT_OF_ADULTS: { one: 'percentage point', other: 'percentage points' },
  PERCENT: { one: 'percentage point', other: 'percentage points' },
  PERCENT_OF_FAMILIES: { one: 'percentage point', other: 'percentage points' },
  OFFENCES_PER_FAMILY: { one: 'offence per family', other: 'offences per family' },
};

/** |value| to at most 2 decimals, trailing zeros dropped; rounds half away from zero, so ±x read alike. */
function magnitude(value: number): string {
  return Math.abs(value)
    .toFixed(2)
    .replace(/\.?0+$/, '');
}

/** A number for a sentence: 2 decimals at most, a true minus sign, no '−0'. */
function signed(value: number): string {
  const digits = magnitude(value);
  return value < 0 && digits !== '0' ? `−${digits}` : digits;
}

const VERDICTS: Record<Effect, string> = {
  IMPROVEMENT: 'an improvement',
  HARM: 'a harmful effect',
  NO_CLEAR_EFFECT: 'no clear effect either way',
};

function estimateStatement(
  definition: MeasureDefinition,
  estimate: number,
  lower95: number,
  upper95: number,
  effect: Effect,
): string {
  const interval = `(95 % CI ${signed(lower95)} to ${signed(upper95)}): ${VERDICTS[effect]}.`;
  if (estimate === 0) {
    const same = 'changed by the same amount among moved families as in the comparison group';
    return `${definition.label} ${same} ${interval}`;
  }
  const digits = magnitude(estimate);
  const amount = digits === '0' ? 'less than 0.01' : digits;
  const unit = digits === '1' ? UNITS[definition.unit].one : UNITS[definition.unit].other;
  const direction = estimate > 0 ? 'rose' : 'fell';
  const more = 'more among moved families than in the comparison group';
  return `${definition.label} ${direction} by ${amount} ${unit} ${more} ${interval}`;
}

function judge(definition: MeasureDefinition, estimate: number, lower95: number, upper95: number): Effect {
  if (lower95 <= 0 && upper95 >= 0) return 'NO_CLEAR_EFFECT';
  const better = definition.betterWhen === 'HIGHER' ? estimate > 0 : estimate < 0;
  return better ? 'IMPROVEMENT' : 'HARM';
}

/**
 * The difference-in-differences of a comparable measure between the moved families (treated) and the comparison
 * group: TOO_FEW when either group has fewer than MINIMUM_FAMILIES_FOR_ESTIMATE families, otherwise the estimate
 * with Welch's standard error, Welch–Satterthwaite degrees of freedom, the 95 % t-interval, the verdict and one
 * sentence saying all of it. Group counts below 5 are suppressed in the summaries and in the sentence. Throws a
 * RangeError for a measure that is not comparable, or for a value that is not a finite number.
 */
export function differenceInDifferences(
  treated: readonly FamilyChange[],
  comparison: readonly FamilyChange[],
  definition: MeasureDefinition,
): DidResult {
  if (!definition.comparable) {
    throw new RangeError(`${definition.measure} has no comparison group: report it as a share of moved families`);
  }
  assertFinite(treated, 'moved');
  assertFinite(comparison, 'comparison');
  const treatedSummary = summarise(treated);
  const comparisonSummary = summarise(comparison);

  const nT = treated.length;
  const nC = comparison.length;
  if (nT < MINIMUM_FAMILIES_FOR_ESTIMATE || nC < MINIMUM_FAMILIES_FOR_ESTIMATE) {
    return {
      kind: 'TOO_FEW',
      treated: treatedSummary,
      comparison: comparisonSummary,
      needed: MINIMUM_FAMILIES_FOR_ESTIMATE,
      statement:
        `Too few families to estimate: ${describeCell(treatedSummary.families)} moved and ` +
        `${describeCell(comparisonSummary.families)} in the comparison group; ` +
        `at least ${MINIMUM_FAMILIES_FOR_ESTIMATE} in each are needed.`,
    };
  }

  const changesT = treated.map((family) => family.followUp - family.baseline);
  const changesC = comparison.map((family) => family.followUp - family.baseline);
  const estimate = mean(changesT) - mean(changesC);
  const a = sampleVariance(changesT) / nT;
  const b = sampleVariance(changesC) / nC;
  const standardError = Math.sqrt(a + b);
  // Welch–Satterthwaite, (a + b)² / (a²/(n_t − 1) + b²/(n_c − 1)), written with the weights p = a/(a + b) and
  // q = b/(a + b) so that tiny variances cannot underflow to 0/0. It lies between min(n_t, n_c) − 1 and
  // n_t + n_c − 2.
  const total = a + b;
  const degreesOfFreedom = total === 0 ? nT + nC - 2 : 1 / ((a / total) ** 2 / (nT - 1) + (b / total) ** 2 / (nC - 1));
  const margin = quantile(0.975, degreesOfFreedom) * standardError;
  const lower95 = estimate - margin;
  const upper95 = estimate + margin;
  const effect = judge(definition, estimate, lower95, upper95);
  return {
    kind: 'ESTIMATE',
    treated: treatedSummary,
    comparison: comparisonSummary,
    estimate,
    standardError,
    degreesOfFreedom,
    lower95,
    upper95,
    effect,
    statement: estimateStatement(definition, estimate, lower95, upper95, effect),
  };
}
