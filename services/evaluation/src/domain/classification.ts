// The legal classification of a housing area for a list year (almenboligloven §§ 51 b, 61 a and 61 b): pure,
// exact integer arithmetic on the area's yearly figures, with every comparison explained in plain words.
//
// Exactness: every share is a whole number of ppm (≤ 1,000,000; income ≤ MAX_INCOME_PPM) and every threshold a
// whole number, so no comparison ever touches a fraction. The largest products are convictions × 1,000,000 (at most
// 2 × 10^12 over two years) and a conviction threshold × the national shares (3 × 10^6 × 2 × 10^6 = 6 × 10^12 for
// the law's own thresholds): far below 2^53 ≈ 9 × 10^15. `exact` checks every operand anyway, so a custom rule
// version with absurd thresholds fails loudly instead of comparing rounded numbers.
import {
  type AreaStatus,
  type AreaYearIndicators,
  MAX_INCOME_PPM,
  PPM_PER_PERCENT,
  PPM_WHOLE,
  type Ppm,
  assertValidIndicators,
} from './indicators';
import {
  type Comparison,
  type CriterionRule,
  HOUSING_AREA_PARAGRAPH,
  type Measure,
  RULE_VERSIONS,
  type RuleVersion,
  assertValidRuleVersion,
  findRulesForList,
  rulesForList,
} from './rules';

/** One comparison the law makes, with what was compared and why it came out as it did. */
export interface CriterionAssessment {
  group: 'HOUSING_AREA' | 'VULNERABLE' | 'PARALLEL_SOCIETY' | 'TRANSFORMATION' | 'PREVENTION' | 'COMBINED_LETTING';
  measure: Measure | 'RESIDENTS' | 'PARALLEL_SOCIETY_YEARS';
  paragraph: string;
  /** Plain words, e.g. 'Residents aged 18–64 outside work or education, average of 2025 and 2026'. */
  description: string;
  comparison: Comparison;
  /**
   * The value compared, for display: percent (e.g. 40.0001) for shares, a multiple (e.g. 2.99) for convictions, a
   * count for residents/years; null when not determinable. PARALLEL_SOCIETY_YEARS always has a count: the years
   * known to be parallel-society years, ending with the list year.
   */
  value: number | null;
  /** The threshold for display in the same unit: 40, 3, 1000, 5. */
  threshold: number;
  unit: 'PERCENT' | 'TIMES_NATIONAL_AVERAGE' | 'RESIDENTS' | 'YEARS';
  met: boolean;
  /** False when a figure it needs is missing (e.g. the year before for a 2-year average): then met is false. */
  determinable: boolean;
  /** The years whose figures were used (or would have been, when not determinable), oldest first. */
  years: number[];
  /** One sentence: what was compared and the outcome, e.g. 'Not met: 40.0000 % is not more than 40 %.' */
  reason: string;
}

/** An area's status on the list of one year, with every assessment that led to it. */
export interface Classification {
  areaId: string;
  /** The list year. */
  year: number;
  /** RuleVersion.id used. */
  ruleVersion: string;
  status: AreaStatus;
  /** Residents GTE the floor (a housing area in the sense of § 61 a, stk. 3). */
  isHousingArea: boolean;
  /** How many of the criteria of § 61 a, stk. 1 are met as computed (they count towards a status only in a housing area). */
  vulnerableCriteriaMet: number;
  /** How many of the criteria of § 61 b are met as computed; null when the rules have no prevention areas. */
  preventionCriteriaMet: number | null;
  /** Every assessment, in the order above, including the per-year parallel-society history for the transformation test. */
  criteria: CriterionAssessment[];
  /** False when some assessment was not determinable or the list year itself has no figures. */
  complete: boolean;
  combinedLetting: { mayUse: boolean; assessment: CriterionAssessment };
}

type Group = CriterionAssessment['group'];
type History = ReadonlyMap<number, AreaYearIndicators>;

/** Parts per million in one whole multiple of the national average (3× = 3_000_000). */
const PPM_PER_MULTIPLE = 1_000_000;

// ---------------------------------------------------------------------------------------------------------------
// Exact comparison and display

/** Guards the claim above: an operand that is not a safe integer would compare rounded, so refuse it. */
function exact(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} (${n}) is not an exact integer below 2^53`);
  return n;
}

function holds(left: number, comparison: Comparison, right: number): boolean {
  switch (comparison) {
    case 'GT':
      return left > right;
    case 'GTE':
      return left >= right;
    case 'LT':
      return left < right;
    case 'LTE':
      return left <= right;
  }
}

/** The words for a comparison that holds, and for one that does not. */
const WORDS: Record<Comparison, readonly [string, string]> = {
  GT: ['more than', 'not more than'],
  GTE: ['at least', 'less than'],
  LT: ['less than', 'not less than'],
  LTE: ['at most', 'more than'],
};

function outcome(met: boolean, valueText: string, comparison: Comparison, thresholdText: string): string {
  const [yes, no] = WORDS[comparison];
  return met ? `Met: ${valueText} is ${yes} ${thresholdText}` : `Not met: ${valueText} is ${no} ${thresholdText}`;
}

/** A whole number of 10^-decimals units as a decimal: (400001, 4) → '40.0001'. */
function fixed(units: number, decimals: number): string {
  const digits = String(units).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Like fixed, without trailing zeros: (400000, 4) → '40'. */
function trimmed(units: number, decimals: number): string {
  return fixed(units, decimals).replace(/\.?0+$/, '');
}

/** 12345 → '12,345'. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The average of `count` (1 or 2) shares summing to `sumPpm`, as an exact percentage: 4 decimals, or 5 when the
 * average falls on half a ppm (800_001 / 2 → '40.00005'), so the text never contradicts the exact outcome.
 */
function percentText(sumPpm: number, count: number): string {
  if (sumPpm % count === 0) return `${fixed(sumPpm / count, 4)} %`;
  return `${fixed((sumPpm * 10) / count, 5)} %`;
}

/**
 * numerator / denominator as a multiple with 4 decimals. When it does not come out exactly it is rounded towards
 * the side the comparison was decided on (down for GTE and LT, up for GT and LTE), so 2.99995× shows as 2.9999×,
 * never as a misleading 3.0000× that is "less than 3×".
 */
function multipleText(numerator: number, denominator: number, comparison: Comparison): string {
  const scaled = exact(numerator * 10_000, 'scaled convictions');
  const rest = scaled % denominator;
  const down = (scaled - rest) / denominator;
  const units = rest === 0 || comparison === 'GTE' || comparison === 'LT' ? down : down + 1;
  return `${fixed(units, 4)}×`;
}

// ---------------------------------------------------------------------------------------------------------------
// History

/** The history by year; throws on invalid figures, two rows for one year, or rows of different areas. */
function indexHistory(history: readonly AreaYearIndicators[]): Map<number, AreaYearIndicators> {
  const byYear = new Map<number, AreaYearIndicators>();
  const first = history[0];
  for (const row of history) {
    assertValidIndicators(row);
    if (first && row.areaId !== first.areaId) {
      throw new Error(`The history mixes areas ${first.areaId} and ${row.areaId}`);
    }
    if (byYear.has(row.year)) throw new Error(`The history of area ${row.areaId} has two rows for ${row.year}`);
    byYear.set(row.year, row);
  }
  return byYear;
}

// ---------------------------------------------------------------------------------------------------------------
// One criterion

const SUBJECT: Record<Measure, string> = {
  OUTSIDE_WORK_OR_EDUCATION: 'Residents aged 18–64 outside work or education',
  CONVICTIONS:
    'Residents convicted under the criminal code, the weapons act or the drugs act, as a multiple of the national average',
  BASIC_SCHOOLING_ONLY: 'Residents aged 30–59 with basic schooling (grundskole) only',
  INCOME: 'Average gross income of taxpayers aged 15–64 (excl. students) as a share of the regional average',
  NON_WESTERN: 'Immigrants and descendants from non-Western countries',
};

function shareOf(row: AreaYearIndicators, measure: Exclude<Measure, 'CONVICTIONS'>): Ppm {
  switch (measure) {
    case 'OUTSIDE_WORK_OR_EDUCATION':
      return row.outsideWorkOrEducationPpm;
    case 'BASIC_SCHOOLING_ONLY':
      return row.basicSchoolingOnlyPpm;
    case 'INCOME':
      return row.incomeOfRegionPpm;
    case 'NON_WESTERN':
      return row.nonWesternPpm;
  }
}

function yearsText(years: readonly number[]): string {
  return years.join(' and ');
}

/**
 * Assesses one criterion for the list year `year`. A 2-year criterion compares the sum of both years with twice the
 * threshold (a + b > 2t ⇔ (a + b) / 2 > t, without dividing); a missing year makes it not determinable — one year
 * never stands in for two.
 *
 * Convictions compare the share with a multiple of the national share: c × 1,000,000 against threshold × n (the
 * threshold being the multiple in ppm). Over two years we compare the average share with the average national share,
 * (c1 + c2) × 1,000,000 against threshold × (n1 + n2) — the ratio of the averages, which is how "3 times the national
 * average, as the average over the last 2 years" reads; it can differ from the average of the two yearly ratios when
 * the national average moves, and we chose the former.
 */
function assessCriterion(rule: CriterionRule, group: Group, history: History, year: number): CriterionAssessment {
  const years = rule.years === 2 ? [year - 1, year] : [year];
  const convictions = rule.measure === 'CONVICTIONS';
  const base = {
    group,
    measure: rule.measure,
    paragraph: rule.paragraph,
    description: `${SUBJECT[rule.measure]}, ${rule.years === 2 ? `average of ${yearsText(years)}` : `in ${year}`}`,
    comparison: rule.comparison,
    threshold: convictions ? rule.threshold / PPM_PER_MULTIPLE : rule.threshold / PPM_PER_PERCENT,
    unit: convictions ? ('TIMES_NATIONAL_AVERAGE' as const) : ('PERCENT' as const),
    years,
  };
  const notDeterminable = (why: string): CriterionAssessment => ({
    ...base,
    value: null,
    met: false,
    determinable: false,
    reason: `Not determinable: ${why}.`,
  });

  const rows: AreaYearIndicators[] = [];
  const missing: number[] = [];
  for (const y of years) {
    const row = history.get(y);
    if (row) rows.push(row);
    else missing.push(y);
  }
  if (missing.length > 0) return notDeterminable(`no figures for ${yearsText(missing)}`);

  if (rule.measure === 'CONVICTIONS') {
    const withoutNational = rows.filter((row) => row.nationalConvictionPpm === 0).map((row) => row.year);
    if (withoutNational.length > 0) return notDeterminable(`no national average for ${yearsText(withoutNational)}`);
    const area = rows.reduce((sum, row) => sum + row.convictionPpm, 0);
    const national = rows.reduce((sum, row) => sum + row.nationalConvictionPpm, 0);
    const left = exact(area * PPM_PER_MULTIPLE, 'convictions × 1,000,000');
    const right = exact(rule.threshold * national, 'threshold × national average');
    const met = holds(left, rule.comparison, right);
    const thresholdText = `${trimmed(rule.threshold, 6)}×`;
    return {
      ...base,
      value: area / national,
      met,
      determinable: true,
      reason: `${outcome(met, `${multipleText(area, national, rule.comparison)} the national average`, rule.comparison, thresholdText)}.`,
    };
  }

  const measure = rule.measure;
  const sum = rows.reduce((total, row) => total + shareOf(row, measure), 0);
  const right = exact(rule.threshold * rows.length, 'threshold × years');
  const met = holds(exact(sum, 'sum of shares'), rule.comparison, right);
  return {
    ...base,
    value: sum / rows.length / PPM_PER_PERCENT,
    met,
    determinable: true,
    reason: `${outcome(met, percentText(sum, rows.length), rule.comparison, `${trimmed(rule.threshold, 4)} %`)}.`,
  };
}

function assessHousingArea(rules: RuleVersion, row: AreaYearIndicators | undefined, year: number): CriterionAssessment {
  const base = {
    group: 'HOUSING_AREA' as const,
    measure: 'RESIDENTS' as const,
    paragraph: HOUSING_AREA_PARAGRAPH,
    description: `Residents on 1 January ${year}`,
    comparison: 'GTE' as const,
    threshold: rules.minimumResidents,
    unit: 'RESIDENTS' as const,
    years: [year],
  };
  if (!row)
    return {
      ...base,
      value: null,
      met: false,
      determinable: false,
      reason: `Not determinable: no figures for ${year}.`,
    };
  const met = row.residents >= rules.minimumResidents;
  return {
    ...base,
    value: row.residents,
    met,
    determinable: true,
    reason: `${outcome(met, `${grouped(row.residents)} residents`, 'GTE', grouped(rules.minimumResidents))}.`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Parallel society in a past year, and the transformation test

type Known = { state: 'YES' } | { state: 'NO' } | { state: 'UNKNOWN'; why: string };

/**
 * Was the area a parallel society on the list of `year`, under the rules of that list? Three-valued: a criterion
 * that is not determinable may still leave the answer certain (2 of 4 met already; or too few even if it were met).
 */
function parallelSocietyIn(history: History, year: number, versions: readonly RuleVersion[]): Known {
  const rules = findRulesForList(year, versions);
  if (!rules) return { state: 'UNKNOWN', why: `no rule version for the list of ${year}` };
  const row = history.get(year);
  if (!row) return { state: 'UNKNOWN', why: `no figures for ${year}` };
  if (row.residents < rules.minimumResidents) return { state: 'NO' };
  const nonWestern = assessCriterion(rules.parallelSociety.nonWestern, 'PARALLEL_SOCIETY', history, year);
  if (!nonWestern.determinable) return { state: 'UNKNOWN', why: `${year} not determinable` };
  if (!nonWestern.met) return { state: 'NO' };
  const criteria = rules.vulnerable.criteria.map((rule) => assessCriterion(rule, 'VULNERABLE', history, year));
  const met = criteria.filter((c) => c.met).length;
  const open = criteria.filter((c) => !c.determinable).length;
  if (met >= rules.vulnerable.minimumMet) return { state: 'YES' };
  if (met + open < rules.vulnerable.minimumMet) return { state: 'NO' };
  return { state: 'UNKNOWN', why: `${year} not determinable` };
}

/**
 * The transformation test: a parallel society on each of the last `consecutiveYears` lists, the list year included,
 * each year judged by the rules of its own list. Looks back at most `consecutiveYears` years and never recurses, so
 * any history terminates. A year without figures (or whose status cannot be determined) breaks the run and makes the
 * test not determinable; a year that certainly was not a parallel society makes it not met.
 */
function assessTransformation(
  rules: RuleVersion,
  history: History,
  year: number,
  versions: readonly RuleVersion[],
): CriterionAssessment {
  const needed = rules.transformation.consecutiveYears;
  const run: number[] = [];
  let broken: { year: number; known: Known } | null = null;
  for (let k = 0; k < needed; k++) {
    const y = year - k;
    const known = parallelSocietyIn(history, y, versions);
    if (known.state !== 'YES') {
      broken = { year: y, known };
      break;
    }
    run.unshift(y);
  }
  const base = {
    group: 'TRANSFORMATION' as const,
    measure: 'PARALLEL_SOCIETY_YEARS' as const,
    paragraph: rules.transformation.paragraph,
    description: `Consecutive years as a parallelsamfund (${rules.parallelSociety.paragraph}) up to and including ${year}; ${needed} needed`,
    comparison: 'GTE' as const,
    value: run.length,
    threshold: needed,
    unit: 'YEARS' as const,
    years: broken ? [broken.year, ...run] : run,
  };
  const runText = `parallelsamfund in ${run.join(', ')}`;
  if (!broken) return { ...base, met: true, determinable: true, reason: `Met: ${runText} (${needed} years).` };
  const { known } = broken;
  if (known.state === 'UNKNOWN') {
    const why = run.length > 0 ? `${runText}; ${known.why}` : known.why;
    return { ...base, met: false, determinable: false, reason: `Not determinable: ${why}.` };
  }
  const notIn = `not a parallelsamfund in ${broken.year}`;
  return {
    ...base,
    met: false,
    determinable: true,
    reason: `Not met: ${run.length > 0 ? `${runText}; ${notIn}` : notIn}.`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// § 51 b

function assessCombinedLetting(
  row: AreaYearIndicators | undefined,
  year: number | null,
  rules: RuleVersion,
): { mayUse: boolean; assessment: CriterionAssessment } {
  const letting = rules.combinedLetting;
  const large = row !== undefined && row.residents >= letting.largeAreaResidents;
  const thresholdPpm = large ? letting.largeAreaThresholdPpm : letting.thresholdPpm;
  const base = {
    group: 'COMBINED_LETTING' as const,
    measure: 'OUTSIDE_WORK_OR_EDUCATION' as const,
    paragraph: letting.paragraph,
    description:
      `Residents aged 18–64 outside work or education${year === null ? '' : ` in ${year}`}: at least ` +
      `${trimmed(letting.thresholdPpm, 4)} % with ${grouped(letting.minimumResidents)} residents or more, ` +
      `${trimmed(letting.largeAreaThresholdPpm, 4)} % with ${grouped(letting.largeAreaResidents)} or more`,
    comparison: 'GTE' as const,
    threshold: thresholdPpm / PPM_PER_PERCENT,
    unit: 'PERCENT' as const,
    years: year === null ? [] : [year],
  };
  if (!row) {
    const reason = `Not determinable: no figures${year === null ? '' : ` for ${year}`}.`;
    return { mayUse: false, assessment: { ...base, value: null, met: false, determinable: false, reason } };
  }
  const value = row.outsideWorkOrEducationPpm / PPM_PER_PERCENT;
  if (row.residents < letting.minimumResidents) {
    const reason = `${outcome(false, `${grouped(row.residents)} residents`, 'GTE', grouped(letting.minimumResidents))}.`;
    return { mayUse: false, assessment: { ...base, value, met: false, determinable: true, reason } };
  }
  const met = row.outsideWorkOrEducationPpm >= thresholdPpm;
  const band = large
    ? `the threshold from ${grouped(letting.largeAreaResidents)} residents`
    : `the threshold below ${grouped(letting.largeAreaResidents)} residents`;
  const reason =
    `${outcome(met, percentText(row.outsideWorkOrEducationPpm, 1), 'GTE', `${trimmed(thresholdPpm, 4)} %`)}` +
    ` (${band}; the area has ${grouped(row.residents)}).`;
  return { mayUse: met, assessment: { ...base, value, met, determinable: true, reason } };
}

/** § 51 b: may combined letting be used in this area in this year (the year's own figures, one year). */
export function combinedLettingTest(
  indicators: AreaYearIndicators | undefined,
  rules: RuleVersion,
): { mayUse: boolean; assessment: CriterionAssessment } {
  if (indicators) assertValidIndicators(indicators);
  assertValidRuleVersion(rules);
  return assessCombinedLetting(indicators, indicators?.year ?? null, rules);
}

// ---------------------------------------------------------------------------------------------------------------
// Classification

/**
 * Classify one area for a list year from its history (any years, any order; at most one row per year, all of one
 * area). The rules are those of the list (rulesForList), which throws when none governs the year. Throws on invalid
 * figures (see assertValidIndicators). With an empty history the areaId is ''.
 */
export function classify(
  history: readonly AreaYearIndicators[],
  year: number,
  versions: readonly RuleVersion[] = RULE_VERSIONS,
): Classification {
  const rules = rulesForList(year, versions);
  assertValidRuleVersion(rules);
  const byYear = indexHistory(history);
  const row = byYear.get(year);

  const housingArea = assessHousingArea(rules, row, year);
  const vulnerable = rules.vulnerable.criteria.map((rule) => assessCriterion(rule, 'VULNERABLE', byYear, year));
  const nonWestern = assessCriterion(rules.parallelSociety.nonWestern, 'PARALLEL_SOCIETY', byYear, year);
  const transformation = assessTransformation(rules, byYear, year, versions);
  const prevention = rules.prevention;
  const preventionNonWestern = prevention ? assessCriterion(prevention.nonWestern, 'PREVENTION', byYear, year) : null;
  const preventionCriteria = prevention
    ? prevention.criteria.map((rule) => assessCriterion(rule, 'PREVENTION', byYear, year))
    : [];
  const combinedLetting = assessCombinedLetting(row, year, rules);

  const vulnerableCriteriaMet = vulnerable.filter((c) => c.met).length;
  const preventionCriteriaMet = prevention ? preventionCriteria.filter((c) => c.met).length : null;

  const isHousingArea = housingArea.met;
  const isVulnerable = isHousingArea && vulnerableCriteriaMet >= rules.vulnerable.minimumMet;
  const isParallelSociety = isVulnerable && nonWestern.met;
  const isTransformation = isParallelSociety && transformation.met;
  const isPrevention =
    isHousingArea &&
    !isVulnerable &&
    prevention !== null &&
    preventionNonWestern !== null &&
    preventionNonWestern.met &&
    (preventionCriteriaMet ?? 0) >= prevention.minimumMet;

  const status: AreaStatus = isTransformation
    ? 'TRANSFORMATION_AREA'
    : isParallelSociety
      ? 'PARALLEL_SOCIETY'
      : isVulnerable
        ? 'VULNERABLE_AREA'
        : isPrevention
          ? 'PREVENTION_AREA'
          : 'NONE';

  const criteria = [
    housingArea,
    ...vulnerable,
    nonWestern,
    transformation,
    ...(preventionNonWestern ? [preventionNonWestern] : []),
    ...preventionCriteria,
    combinedLetting.assessment,
  ];
  return {
    areaId: row?.areaId ?? history[0]?.areaId ?? '',
    year,
    ruleVersion: rules.id,
    status,
    isHousingArea,
    vulnerableCriteriaMet,
    preventionCriteriaMet,
    criteria,
    complete: row !== undefined && criteria.every((c) => c.determinable),
    combinedLetting,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Projection

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Next year's figures if current trends hold: each measure moves on by its change from the year before to the last
 * year (linear: 2 × last − previous), clamped to 0–1,000,000 ppm (income to 0–MAX_INCOME_PPM, as it may exceed
 * 100 %); residents the same way (not below 0); nationalConvictionPpm carried; a single year — or no figures for
 * the year just before the last — means no change. openMunicipalCasePpm stays null when the last year has none.
 * Returns null when the area has no figures at all.
 */
export function project(history: readonly AreaYearIndicators[]): AreaYearIndicators | null {
  const byYear = indexHistory(history);
  let last: AreaYearIndicators | undefined;
  for (const row of byYear.values()) if (!last || row.year > last.year) last = row;
  if (!last) return null;
  const latest = last;
  const previous = byYear.get(latest.year - 1);
  const trend = (pick: (row: AreaYearIndicators) => number, max: number): number =>
    previous ? clamp(2 * pick(latest) - pick(previous), 0, max) : pick(latest);
  const previousOpen = previous?.openMunicipalCasePpm ?? null;
  return {
    areaId: latest.areaId,
    year: latest.year + 1,
    residents: trend((row) => row.residents, Number.MAX_SAFE_INTEGER),
    outsideWorkOrEducationPpm: trend((row) => row.outsideWorkOrEducationPpm, PPM_WHOLE),
    convictionPpm: trend((row) => row.convictionPpm, PPM_WHOLE),
    nationalConvictionPpm: latest.nationalConvictionPpm,
    basicSchoolingOnlyPpm: trend((row) => row.basicSchoolingOnlyPpm, PPM_WHOLE),
    incomeOfRegionPpm: trend((row) => row.incomeOfRegionPpm, MAX_INCOME_PPM),
    nonWesternPpm: trend((row) => row.nonWesternPpm, PPM_WHOLE),
    openMunicipalCasePpm:
      latest.openMunicipalCasePpm === null
        ? null
        : previousOpen === null
          ? latest.openMunicipalCasePpm
          : clamp(2 * latest.openMunicipalCasePpm - previousOpen, 0, PPM_WHOLE),
  };
}

/**
 * The classification of the year after the last year with figures, if current trends hold (the projected year
 * appended to the history). Null when the area has no figures at all; throws like classify when no rule version
 * governs the projected year.
 */
export function classifyProjection(
  history: readonly AreaYearIndicators[],
  versions: readonly RuleVersion[] = RULE_VERSIONS,
): Classification | null {
  const projected = project(history);
  return projected ? classify([...history, projected], projected.year, versions) : null;
}
