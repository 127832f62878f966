// The outcome measures of the follow-up: what is recorded for each family at each point, what each measure
// means, and which way is better. Records hold counts for the household, never data on named persons.
//
// Employment, education, benefit dependency, school absence and recorded crime exist for the comparison group
// too, at baseline and at follow-up, so they are compared as differences-in-differences. Staying in the new home
// and moving back to the former area only exist for the moved families: they are reported for the moved group
// alone, as shares with small-cell suppression (see shareOfFamilies), never as an effect.
import { type Share, share } from './disclosure';

/** The points at which families are followed, in order. */
export const FOLLOW_UP_POINTS = ['BASELINE', 'MONTH_6', 'MONTH_12', 'MONTH_24'] as const;

/** One point of the follow-up. */
export type FollowUpPoint = (typeof FOLLOW_UP_POINTS)[number];

/** Months after the move at each point of the follow-up. */
export const MONTHS: Record<FollowUpPoint, number> = { BASELINE: 0, MONTH_6: 6, MONTH_12: 12, MONTH_24: 24 };

/** One family's outcome record at one point (counts, never persons). */
export interface OutcomeRecord {
  /** Adults in the household. */
  adults: number;
  adultsInWork: number;
  adultsInEducation: number;
  /** Adults with public benefits as their main income (benefit dependency). */
  adultsOnBenefits: number;
  children: number;
  /** Average absence of the school-age children, percent 0..100; null if no school-age children. */
  childrenSchoolAbsencePct: number | null;
  /** Whether the family still lives in the new home; null at baseline. */
  stillInNewHome: boolean | null;
  /** Whether the family has moved back to its former area; null at baseline. */
  returnedToFormerArea: boolean | null;
  /** Offences recorded for household members in the period, where lawfully available; null if not available. */
  recordedCrimeOffences: number | null;
}

/** The outcome measures, in the order they are reported. */
export const MEASURES = [
  'EMPLOYMENT',
  'EDUCATION',
  'BENEFIT_DEPENDENCY',
  'SCHOOL_ABSENCE',
  'STILL_IN_NEW_HOME',
  'RETURN_MOVES',
  'RECORDED_CRIME',
] as const;

/** One outcome measure. */
export type OutcomeMeasure = (typeof MEASURES)[number];

/** The measures that only exist for the moved families, reported as shares of them. */
export type FamilyShareMeasure = Extract<OutcomeMeasure, 'STILL_IN_NEW_HOME' | 'RETURN_MOVES'>;

/** What a measure is, its unit, and which way is better. */
export interface MeasureDefinition {
  measure: OutcomeMeasure;
  /** The measure's name, also the subject of its sentences ('Recorded crime rose by …'). */
  label: string;
  unit: 'PERCENT_OF_ADULTS' | 'PERCENT' | 'OFFENCES_PER_FAMILY' | 'PERCENT_OF_FAMILIES';
  betterWhen: 'HIGHER' | 'LOWER';
  /**
   * Whether a difference-in-differences makes sense (the comparison group has the measure at baseline and
   * follow-up).
   */
  comparable: boolean;
}

/** Every measure's definition. */
export const MEASURE_DEFINITIONS: Record<OutcomeMeasure, MeasureDefinition> = {
  EMPLOYMENT: {
    measure: 'EMPLOYMENT',
    label: 'Employment',
    unit: 'PERCENT_OF_ADULTS',
    betterWhen: 'HIGHER',
    comparable: true,
  },
  EDUCATION: {
    measure: 'EDUCATION',
    label: 'Education',
    unit: 'PERCENT_OF_ADULTS',
    betterWhen: 'HIGHER',
    comparable: true,
  },
  BENEFIT_DEPENDENCY: {
    measure: 'BENEFIT_DEPENDENCY',
    label: 'Benefit dependency',
    unit: 'PERCENT_OF_ADULTS',
    betterWhen: 'LOWER',
    comparable: true,
  },
  SCHOOL_ABSENCE: {
    measure: 'SCHOOL_ABSENCE',
    label: 'School absence',
    unit: 'PERCENT',
    betterWhen: 'LOWER',
    comparable: true,
  },
  STILL_IN_NEW_HOME: {
    measure: 'STILL_IN_NEW_HOME',
    label: 'Still in the new home',
    unit: 'PERCENT_OF_FAMILIES',
    betterWhen: 'HIGHER',
    comparable: false,
  },
  RETURN_MOVES: {
    measure: 'RETURN_MOVES',
    label: 'Return moves',
    unit: 'PERCENT_OF_FAMILIES',
    betterWhen: 'LOWER',
    comparable: false,
  },
  RECORDED_CRIME: {
    measure: 'RECORDED_CRIME',
    label: 'Recorded crime',
    unit: 'OFFENCES_PER_FAMILY',
    betterWhen: 'LOWER',
    comparable: true,
  },
};

function assertCount(value: number, field: keyof OutcomeRecord): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${field} must be a whole, non-negative number, not ${value}`);
  }
}

function percentOfAdults(
  record: OutcomeRecord,
  field: 'adultsInWork' | 'adultsInEducation' | 'adultsOnBenefits',
): number | null {
  assertCount(record.adults, 'adults');
  assertCount(record[field], field);
  if (record[field] > record.adults) {
    throw new RangeError(`${field} (${record[field]}) exceeds adults (${record.adults})`);
  }
  return record.adults === 0 ? null : (record[field] / record.adults) * 100;
}

const yesNo = (value: boolean | null): number | null => (value === null ? null : value ? 100 : 0);

/**
 * The family's value of a measure at a point, or null when it does not apply (no adults, no school-age children,
 * not available). EMPLOYMENT = adultsInWork/adults*100; EDUCATION = adultsInEducation/adults*100;
 * BENEFIT_DEPENDENCY = adultsOnBenefits/adults*100; SCHOOL_ABSENCE = childrenSchoolAbsencePct;
 * STILL_IN_NEW_HOME = 100 or 0 (not comparable; not at baseline); RETURN_MOVES = 100 or 0 (not comparable);
 * RECORDED_CRIME = recordedCrimeOffences. Throws a RangeError on an impossible record (a negative or fractional
 * count, more adults in work than adults, an absence outside 0..100).
 */
export function measureValue(record: OutcomeRecord, measure: OutcomeMeasure): number | null {
  switch (measure) {
    case 'EMPLOYMENT':
      return percentOfAdults(record, 'adultsInWork');
    case 'EDUCATION':
      return percentOfAdults(record, 'adultsInEducation');
    case 'BENEFIT_DEPENDENCY':
      return percentOfAdults(record, 'adultsOnBenefits');
    case 'SCHOOL_ABSENCE': {
      const absence = record.childrenSchoolAbsencePct;
      if (absence !== null && !(absence >= 0 && absence <= 100)) {
        throw new RangeError(`childrenSchoolAbsencePct must be from 0 to 100, not ${absence}`);
      }
      return absence;
    }
    case 'STILL_IN_NEW_HOME':
      return yesNo(record.stillInNewHome);
    case 'RETURN_MOVES':
      return yesNo(record.returnedToFormerArea);
    case 'RECORDED_CRIME': {
      const offences = record.recordedCrimeOffences;
      if (offences !== null) assertCount(offences, 'recordedCrimeOffences');
      return offences;
    }
  }
}

/**
 * The share of the moved families for whom a yes/no measure holds at one point (still in the new home, moved
 * back), with small-cell suppression. Families whose answer is not recorded (null) are left out of both counts.
 */
export function shareOfFamilies(records: readonly OutcomeRecord[], measure: FamilyShareMeasure): Share {
  let yes = 0;
  let answered = 0;
  for (const record of records) {
    const value = measureValue(record, measure);
    if (value === null) continue;
    answered += 1;
    if (value === 100) yes += 1;
  }
  return share(yes, answered);
}
