// Outcome measures: each measure's value from a family's record, when it does not apply, impossible records,
// the measures' directions and comparability, and the moved-group shares with small-cell suppression.
import {
  FOLLOW_UP_POINTS,
  MEASURES,
  MEASURE_DEFINITIONS,
  MONTHS,
  type OutcomeRecord,
  measureValue,
  shareOfFamilies,
} from '../../src/domain/outcomes';

const record = (overrides: Partial<OutcomeRecord> = {}): OutcomeRecord => ({
  adults: 2,
  adultsInWork: 1,
  adultsInEducation: 0,
  adultsOnBenefits: 1,
  children: 3,
  childrenSchoolAbsencePct: 12.5,
  stillInNewHome: true,
  returnedToFormerArea: false,
  recordedCrimeOffences: 2,
  ...overrides,
});

describe('follow-up points and measures', () => {
  test('the points in order, with their months', () => {
    expect(FOLLOW_UP_POINTS).toEqual(['BASELINE', 'MONTH_6', 'MONTH_12', 'MONTH_24']);
    expect(FOLLOW_UP_POINTS.map((point) => MONTHS[point])).toEqual([0, 6, 12, 24]);
  });

  test('every measure has its own definition', () => {
    for (const measure of MEASURES) expect(MEASURE_DEFINITIONS[measure].measure).toBe(measure);
  });

  test('which way is better', () => {
    const better = Object.fromEntries(MEASURES.map((measure) => [measure, MEASURE_DEFINITIONS[measure].betterWhen]));
    expect(better).toEqual({
      EMPLOYMENT: 'HIGHER',
      EDUCATION: 'HIGHER',
      BENEFIT_DEPENDENCY: 'LOWER',
      SCHOOL_ABSENCE: 'LOWER',
      STILL_IN_NEW_HOME: 'HIGHER',
      RETURN_MOVES: 'LOWER',
      RECORDED_CRIME: 'LOWER',
    });
  });

  test('staying and moving back have no comparison group; the rest do', () => {
    const comparable = MEASURES.filter((measure) => MEASURE_DEFINITIONS[measure].comparable);
    expect(comparable).toEqual(['EMPLOYMENT', 'EDUCATION', 'BENEFIT_DEPENDENCY', 'SCHOOL_ABSENCE', 'RECORDED_CRIME']);
  });
});

describe('measureValue', () => {
  test('the adult measures are percentages of the household’s adults', () => {
    const family = record({ adults: 4, adultsInWork: 1, adultsInEducation: 2, adultsOnBenefits: 3 });
    expect(measureValue(family, 'EMPLOYMENT')).toBe(25);
    expect(measureValue(family, 'EDUCATION')).toBe(50);
    expect(measureValue(family, 'BENEFIT_DEPENDENCY')).toBe(75);
  });

  test('a household without adults has no adult measures', () => {
    const family = record({ adults: 0, adultsInWork: 0, adultsInEducation: 0, adultsOnBenefits: 0 });
    expect(measureValue(family, 'EMPLOYMENT')).toBeNull();
    expect(measureValue(family, 'EDUCATION')).toBeNull();
    expect(measureValue(family, 'BENEFIT_DEPENDENCY')).toBeNull();
  });

  test('school absence as recorded, null without school-age children', () => {
    expect(measureValue(record(), 'SCHOOL_ABSENCE')).toBe(12.5);
    expect(measureValue(record({ childrenSchoolAbsencePct: 0 }), 'SCHOOL_ABSENCE')).toBe(0);
    expect(measureValue(record({ childrenSchoolAbsencePct: null }), 'SCHOOL_ABSENCE')).toBeNull();
  });

  test('staying and moving back are 100 or 0, and null at baseline', () => {
    expect(measureValue(record({ stillInNewHome: true }), 'STILL_IN_NEW_HOME')).toBe(100);
    expect(measureValue(record({ stillInNewHome: false }), 'STILL_IN_NEW_HOME')).toBe(0);
    expect(measureValue(record({ returnedToFormerArea: true }), 'RETURN_MOVES')).toBe(100);
    expect(measureValue(record({ returnedToFormerArea: false }), 'RETURN_MOVES')).toBe(0);
    const baseline = record({ stillInNewHome: null, returnedToFormerArea: null });
    expect(measureValue(baseline, 'STILL_IN_NEW_HOME')).toBeNull();
    expect(measureValue(baseline, 'RETURN_MOVES')).toBeNull();
  });

  test('recorded crime as recorded, null where not lawfully available', () => {
    expect(measureValue(record({ recordedCrimeOffences: 0 }), 'RECORDED_CRIME')).toBe(0);
    expect(measureValue(record({ recordedCrimeOffences: 3 }), 'RECORDED_CRIME')).toBe(3);
    expect(measureValue(record({ recordedCrimeOffences: null }), 'RECORDED_CRIME')).toBeNull();
  });

  test('rejects impossible records', () => {
    expect(() => measureValue(record({ adults: 1, adultsInWork: 2 }), 'EMPLOYMENT')).toThrow(RangeError);
    expect(() => measureValue(record({ adults: -1 }), 'EDUCATION')).toThrow(RangeError);
    expect(() => measureValue(record({ adultsOnBenefits: 0.5 }), 'BENEFIT_DEPENDENCY')).toThrow(RangeError);
    expect(() => measureValue(record({ childrenSchoolAbsencePct: 101 }), 'SCHOOL_ABSENCE')).toThrow(RangeError);
    expect(() => measureValue(record({ childrenSchoolAbsencePct: Number.NaN }), 'SCHOOL_ABSENCE')).toThrow(RangeError);
    expect(() => measureValue(record({ recordedCrimeOffences: -1 }), 'RECORDED_CRIME')).toThrow(RangeError);
  });
});

describe('shareOfFamilies', () => {
  const families = (stillThere: number, movedOn: number, unknown = 0): OutcomeRecord[] => [
    ...Array.from({ length: stillThere }, () => record({ stillInNewHome: true })),
    ...Array.from({ length: movedOn }, () => record({ stillInNewHome: false })),
    ...Array.from({ length: unknown }, () => record({ stillInNewHome: null })),
  ];

  test('the share of answered families, unknown ones left out of both counts', () => {
    expect(shareOfFamilies(families(6, 6, 3), 'STILL_IN_NEW_HOME')).toEqual({
      suppressed: false,
      numerator: 6,
      denominator: 12,
      percent: 50,
    });
  });

  test('all 12 still there is shown; 3 of 12 moved back is suppressed, and so is 9 of 12 staying', () => {
    expect(shareOfFamilies(families(12, 0), 'STILL_IN_NEW_HOME').percent).toBe(100);
    const returned = Array.from({ length: 12 }, (_, index) => record({ returnedToFormerArea: index < 3 }));
    expect(shareOfFamilies(returned, 'RETURN_MOVES')).toEqual({
      suppressed: true,
      numerator: null,
      denominator: null,
      percent: null,
    });
    expect(shareOfFamilies(families(9, 3), 'STILL_IN_NEW_HOME').suppressed).toBe(true);
  });

  test('fewer than 5 answered families are suppressed', () => {
    expect(shareOfFamilies(families(4, 0, 10), 'STILL_IN_NEW_HOME').suppressed).toBe(true);
  });
});
