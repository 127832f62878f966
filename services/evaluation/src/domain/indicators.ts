// The yearly figures of a housing area that the law classifies by, and the statuses it can have.

/** Shares in parts per million: 40 % = 400_000. Exact integers, so thresholds compare exactly. */
export type Ppm = number;

/** Parts per million in one percentage point: 1 % = 10_000 ppm. */
export const PPM_PER_PERCENT = 10_000;

/** The whole: 100 % = 1_000_000 ppm. */
export const PPM_WHOLE = 1_000_000;

/**
 * The largest income share accepted (1,000 % of the regional average). Income is the one share that may exceed
 * 100 %; the bound only keeps nonsense out and every product far below 2^53.
 */
export const MAX_INCOME_PPM = 10_000_000;

/** A share in ppm as a percentage, for display only (never compare with it): 400_001 → 40.0001. */
export function percent(ppm: Ppm): number {
  return ppm / PPM_PER_PERCENT;
}

/** One area's figures for one year, as Statistics Denmark computes them for the list of 1 December. */
export interface AreaYearIndicators {
  areaId: string;
  year: number;
  /** Residents on 1 January of the year. */
  residents: number;
  /** Residents aged 18–64 outside work or education. */
  outsideWorkOrEducationPpm: Ppm;
  /** Residents convicted under the criminal code, the weapons act or the drugs act. */
  convictionPpm: Ppm;
  /** The national average conviction share of the same year. */
  nationalConvictionPpm: Ppm;
  /** Residents aged 30–59 with basic schooling (grundskole) only. */
  basicSchoolingOnlyPpm: Ppm;
  /** Average gross income of taxpayers 15–64 (excl. students) as a share of the same group's regional average. */
  incomeOfRegionPpm: Ppm;
  /** Immigrants and descendants from non-Western countries. */
  nonWesternPpm: Ppm;
  /** Residents with an open case in the municipality (not a criterion of the law; null when not reported). */
  openMunicipalCasePpm: Ppm | null;
}

/**
 * NONE: on no list; PREVENTION_AREA: forebyggelsesområde (§ 61 b); VULNERABLE_AREA: udsat boligområde
 * (§ 61 a, stk. 1); PARALLEL_SOCIETY: parallelsamfund, before 2021 ghettoområde (§ 61 a, stk. 2);
 * TRANSFORMATION_AREA: omdannelsesområde, before 2021 hårdt ghettoområde (§ 61 a, stk. 4).
 */
export type AreaStatus = 'NONE' | 'PREVENTION_AREA' | 'VULNERABLE_AREA' | 'PARALLEL_SOCIETY' | 'TRANSFORMATION_AREA';

/** The fields that hold a share in ppm, with the largest value each may take. */
const SHARE_BOUNDS: readonly (readonly [keyof AreaYearIndicators, number])[] = [
  ['outsideWorkOrEducationPpm', PPM_WHOLE],
  ['convictionPpm', PPM_WHOLE],
  ['nationalConvictionPpm', PPM_WHOLE],
  ['basicSchoolingOnlyPpm', PPM_WHOLE],
  ['incomeOfRegionPpm', MAX_INCOME_PPM],
  ['nonWesternPpm', PPM_WHOLE],
];

function isWholeIn(value: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= max;
}

/**
 * Throws a RangeError naming the area, year and field when a row is not usable for exact classification: the year
 * and residents must be whole numbers, every share a whole number of ppm from 0 to 1,000,000 (income up to
 * MAX_INCOME_PPM).
 */
export function assertValidIndicators(row: AreaYearIndicators): void {
  const where = `area ${row.areaId}, ${row.year}`;
  if (!Number.isSafeInteger(row.year)) throw new RangeError(`Indicators of ${where}: the year is not a whole number`);
  if (!isWholeIn(row.residents, Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Indicators of ${where}: residents must be a whole number ≥ 0, got ${row.residents}`);
  }
  for (const [field, max] of SHARE_BOUNDS) {
    const value = row[field] as number;
    if (!isWholeIn(value, max)) {
      throw new RangeError(`Indicators of ${where}: ${field} must be a whole number of ppm in 0..${max}, got ${value}`);
    }
  }
  const open = row.openMunicipalCasePpm;
  if (open !== null && !isWholeIn(open, PPM_WHOLE)) {
    throw new RangeError(
      `Indicators of ${where}: openMunicipalCasePpm must be null or a whole number of ppm in 0..${PPM_WHOLE}, got ${open}`,
    );
  }
}
