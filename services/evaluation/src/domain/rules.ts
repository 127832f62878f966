// The law that classifies housing areas (almenboligloven §§ 51 b, 61 a and 61 b), as dated data: a new act is a
// new entry in RULE_VERSIONS, not new code.

/** How the law words a comparison: "overstiger" = GT, "mindst" = GTE, "mindre end" = LT, "højst" = LTE. */
export type Comparison = 'GT' | 'GTE' | 'LT' | 'LTE';

/** The figures the criteria are about. */
export type Measure = 'OUTSIDE_WORK_OR_EDUCATION' | 'CONVICTIONS' | 'BASIC_SCHOOLING_ONLY' | 'INCOME' | 'NON_WESTERN';

/** One criterion of the law: a measure compared with a threshold. */
export interface CriterionRule {
  measure: Measure;
  comparison: Comparison;
  /** A share in ppm (400_000 = 40 %); for CONVICTIONS a multiple of the national average in ppm (3_000_000 = 3×). */
  threshold: number;
  /** 2: the average of the list year and the year before ("opgjort som gennemsnittet over de seneste 2 år"). */
  years: 1 | 2;
  /** Where the law says it, e.g. '§ 61 a, stk. 1, nr. 1'. */
  paragraph: string;
}

/** The rules of one act, governing every list published on or after `validFrom`. */
export interface RuleVersion {
  /** E.g. 'ABL-2018', 'ABL-2021'. */
  id: string;
  /** YYYY-MM-DD: governs every list published on or after this date (lists are published 1 December). */
  validFrom: string;
  /** The law it renders. */
  source: string;
  /** § 61 a, stk. 3: a housing area has at least this many residents (GTE). */
  minimumResidents: number;
  /** Udsat boligområde: at least `minimumMet` of `criteria`. */
  vulnerable: { paragraph: string; criteria: readonly CriterionRule[]; minimumMet: number };
  /** Parallelsamfund (ghettoområde before 2021): a vulnerable area that also meets `nonWestern`. */
  parallelSociety: { paragraph: string; nonWestern: CriterionRule };
  /** Omdannelsesområde (hårdt ghettoområde before 2021): a parallel society in each of the last `consecutiveYears`. */
  transformation: { paragraph: string; consecutiveYears: number };
  /** Forebyggelsesområde: `nonWestern` and at least `minimumMet` of `criteria`; null when the act has none. */
  prevention: {
    paragraph: string;
    nonWestern: CriterionRule;
    criteria: readonly CriterionRule[];
    minimumMet: number;
  } | null;
  /**
   * § 51 b: combined letting may be used with at least `minimumResidents` residents and at least `thresholdPpm`
   * outside work or education, or at least `largeAreaThresholdPpm` with at least `largeAreaResidents` residents.
   */
  combinedLetting: {
    paragraph: string;
    minimumResidents: number;
    thresholdPpm: number;
    largeAreaResidents: number;
    largeAreaThresholdPpm: number;
  };
}

/** The four criteria of § 61 a, stk. 1, unchanged from 2018 to today. */
const VULNERABLE_CRITERIA: readonly CriterionRule[] = [
  {
    measure: 'OUTSIDE_WORK_OR_EDUCATION',
    comparison: 'GT',
    threshold: 400_000,
    years: 2,
    paragraph: '§ 61 a, stk. 1, nr. 1',
  },
  { measure: 'CONVICTIONS', comparison: 'GTE', threshold: 3_000_000, years: 2, paragraph: '§ 61 a, stk. 1, nr. 2' },
  {
    measure: 'BASIC_SCHOOLING_ONLY',
    comparison: 'GT',
    threshold: 600_000,
    years: 1,
    paragraph: '§ 61 a, stk. 1, nr. 3',
  },
  { measure: 'INCOME', comparison: 'LT', threshold: 550_000, years: 1, paragraph: '§ 61 a, stk. 1, nr. 4' },
];

const PARALLEL_SOCIETY_NON_WESTERN: CriterionRule = {
  measure: 'NON_WESTERN',
  comparison: 'GT',
  threshold: 500_000,
  years: 1,
  paragraph: '§ 61 a, stk. 2',
};

/** § 51 b, stk. 3 and 4: unchanged from 2018 to today. */
const COMBINED_LETTING: RuleVersion['combinedLetting'] = {
  paragraph: '§ 51 b, stk. 3 og 4',
  minimumResidents: 1_000,
  thresholdPpm: 400_000,
  largeAreaResidents: 5_000,
  largeAreaThresholdPpm: 300_000,
};

/** Almenboligloven as amended by L 38 (2018-19): ghettoområder, hårde ghettoområder, no forebyggelsesområder. */
export const ABL_2018: RuleVersion = {
  id: 'ABL-2018',
  validFrom: '2018-12-01',
  source:
    'Almenboligloven § 61 a as in force from 1 December 2018 (ghettoområder; hårde ghettoområder after 4 years; no forebyggelsesområder)',
  minimumResidents: 1_000,
  vulnerable: { paragraph: '§ 61 a, stk. 1', criteria: VULNERABLE_CRITERIA, minimumMet: 2 },
  parallelSociety: { paragraph: '§ 61 a, stk. 2', nonWestern: PARALLEL_SOCIETY_NON_WESTERN },
  transformation: { paragraph: '§ 61 a, stk. 4', consecutiveYears: 4 },
  prevention: null,
  combinedLetting: COMBINED_LETTING,
};

/** Almenboligloven as amended by L 23 (2021-22): parallelsamfund, omdannelsesområder and forebyggelsesområder. */
export const ABL_2021: RuleVersion = {
  id: 'ABL-2021',
  validFrom: '2021-11-30',
  source:
    'Almenboligloven §§ 51 b, 61 a and 61 b as amended by L 23 (2021-22), in force 30 November 2021; consolidated in LBK nr. 1171 af 11/11/2024',
  minimumResidents: 1_000,
  vulnerable: { paragraph: '§ 61 a, stk. 1', criteria: VULNERABLE_CRITERIA, minimumMet: 2 },
  parallelSociety: { paragraph: '§ 61 a, stk. 2', nonWestern: PARALLEL_SOCIETY_NON_WESTERN },
  transformation: { paragraph: '§ 61 a, stk. 4', consecutiveYears: 5 },
  prevention: {
    paragraph: '§ 61 b',
    nonWestern: { measure: 'NON_WESTERN', comparison: 'GT', threshold: 300_000, years: 1, paragraph: '§ 61 b, stk. 1' },
    criteria: [
      {
        measure: 'OUTSIDE_WORK_OR_EDUCATION',
        comparison: 'GT',
        threshold: 300_000,
        years: 2,
        paragraph: '§ 61 b, stk. 1, nr. 1',
      },
      { measure: 'CONVICTIONS', comparison: 'GTE', threshold: 2_000_000, years: 2, paragraph: '§ 61 b, stk. 1, nr. 2' },
      {
        measure: 'BASIC_SCHOOLING_ONLY',
        comparison: 'GT',
        threshold: 600_000,
        years: 1,
        paragraph: '§ 61 b, stk. 1, nr. 3',
      },
      { measure: 'INCOME', comparison: 'LT', threshold: 650_000, years: 1, paragraph: '§ 61 b, stk. 1, nr. 4' },
    ],
    minimumMet: 2,
  },
  combinedLetting: COMBINED_LETTING,
};

/** Every act in force since the lists took their present form, oldest first. Lists before 1 December 2018 have none. */
export const RULE_VERSIONS: readonly RuleVersion[] = [ABL_2018, ABL_2021];

/** The date a year's list is published: 1 December. */
export function listDate(year: number): string {
  return `${String(year).padStart(4, '0')}-12-01`;
}

/** § 61 a, stk. 3: where every version so far puts the floor of 1,000 residents that makes an area a housing area. */
export const HOUSING_AREA_PARAGRAPH = '§ 61 a, stk. 3';

/** The version in force on 1 December of the list year, or null when none is (see rulesForList). */
export function findRulesForList(year: number, versions: readonly RuleVersion[] = RULE_VERSIONS): RuleVersion | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  const date = listDate(year);
  let found: RuleVersion | null = null;
  for (const version of versions) {
    if (version.validFrom > date) continue;
    if (found && version.validFrom === found.validFrom && version !== found) {
      throw new Error(`Rule versions ${found.id} and ${version.id} both apply from ${version.validFrom}`);
    }
    if (!found || version.validFrom > found.validFrom) found = version;
  }
  return found;
}

/**
 * The version in force on 1 December of the list year: the one with the latest `validFrom` on or before that date
 * (the order of `versions` does not matter). Throws a clear Error when none is, when two apply from the same date,
 * or when the year is not a whole year between 1000 and 9999 (dates compare as text).
 */
export function rulesForList(year: number, versions: readonly RuleVersion[] = RULE_VERSIONS): RuleVersion {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new Error(`No rule version for the list of ${year}: not a whole year between 1000 and 9999`);
  }
  const found = findRulesForList(year, versions);
  if (!found) {
    const earliest = versions.reduce<string | null>(
      (min, v) => (min === null || v.validFrom < min ? v.validFrom : min),
      null,
    );
    throw new Error(
      `No rule version governs the list of ${year} (published ${listDate(year)}); ` +
        (earliest ? `the earliest applies from ${earliest}` : 'no rule versions were given'),
    );
  }
  return found;
}

function assertCriterion(version: string, rule: CriterionRule): void {
  if (!Number.isSafeInteger(rule.threshold) || rule.threshold < 0) {
    throw new Error(`Rule version ${version}: the threshold of ${rule.paragraph} must be a whole number ≥ 0`);
  }
  if (rule.years !== 1 && rule.years !== 2)
    throw new Error(`Rule version ${version}: ${rule.paragraph} must span 1 or 2 years`);
}

function assertCount(version: string, what: string, value: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new Error(`Rule version ${version}: ${what} must be a whole number in 0..${max}, got ${value}`);
  }
}

/**
 * Throws a clear Error when a version cannot be applied exactly: thresholds must be whole numbers (ppm, or ppm of a
 * multiple), criteria span 1 or 2 years, and the transformation test looks back 1 to 100 years.
 */
export function assertValidRuleVersion(rules: RuleVersion): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(rules.validFrom)) {
    throw new Error(`Rule version ${rules.id}: validFrom must be YYYY-MM-DD, got ${rules.validFrom}`);
  }
  assertCount(rules.id, 'minimumResidents', rules.minimumResidents, Number.MAX_SAFE_INTEGER);
  rules.vulnerable.criteria.forEach((rule) => assertCriterion(rules.id, rule));
  assertCount(rules.id, 'vulnerable.minimumMet', rules.vulnerable.minimumMet, rules.vulnerable.criteria.length);
  assertCriterion(rules.id, rules.parallelSociety.nonWestern);
  assertCount(rules.id, 'transformation.consecutiveYears', rules.transformation.consecutiveYears, 100);
  if (rules.transformation.consecutiveYears < 1) {
    throw new Error(`Rule version ${rules.id}: transformation.consecutiveYears must be at least 1`);
  }
  if (rules.prevention) {
    assertCriterion(rules.id, rules.prevention.nonWestern);
    rules.prevention.criteria.forEach((rule) => assertCriterion(rules.id, rule));
    assertCount(rules.id, 'prevention.minimumMet', rules.prevention.minimumMet, rules.prevention.criteria.length);
  }
  const letting = rules.combinedLetting;
  assertCount(rules.id, 'combinedLetting.minimumResidents', letting.minimumResidents, Number.MAX_SAFE_INTEGER);
  assertCount(rules.id, 'combinedLetting.largeAreaResidents', letting.largeAreaResidents, Number.MAX_SAFE_INTEGER);
  assertCount(rules.id, 'combinedLetting.thresholdPpm', letting.thresholdPpm, 1_000_000);
  assertCount(rules.id, 'combinedLetting.largeAreaThresholdPpm', letting.largeAreaThresholdPpm, 1_000_000);
}
