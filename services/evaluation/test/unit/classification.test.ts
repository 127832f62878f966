// Hand-worked cases for every rule of the classification (§§ 51 b, 61 a, 61 b), both sides of every threshold,
// the law changing by date, projections, and properties that must hold for any history.
import fc from 'fast-check';
import {
  type Classification,
  type CriterionAssessment,
  classify,
  classifyProjection,
  combinedLettingTest,
  project,
} from '../../src/domain/classification';
import { type AreaYearIndicators, percent } from '../../src/domain/indicators';
import { ABL_2018, ABL_2021, RULE_VERSIONS, type RuleVersion } from '../../src/domain/rules';

/**
 * A neutral area year: 2,000 residents, 20 % outside work or education, convictions at the national average (1×),
 * 30 % basic schooling only, 90 % of regional income, 10 % non-Western. It meets no criterion of either act.
 */
function row(year: number, changes: Partial<AreaYearIndicators> = {}): AreaYearIndicators {
  return {
    areaId: 'area-1',
    year,
    residents: 2_000,
    outsideWorkOrEducationPpm: 200_000,
    convictionPpm: 10_000,
    nationalConvictionPpm: 10_000,
    basicSchoolingOnlyPpm: 300_000,
    incomeOfRegionPpm: 900_000,
    nonWesternPpm: 100_000,
    openMunicipalCasePpm: null,
    ...changes,
  };
}

/** Meets all four criteria of § 61 a, stk. 1 (50 % > 40 %, 4× ≥ 3×, 70 % > 60 %, 40 % < 55 %); 40 % non-Western. */
const VULNERABLE: Partial<AreaYearIndicators> = {
  outsideWorkOrEducationPpm: 500_000,
  convictionPpm: 40_000,
  basicSchoolingOnlyPpm: 700_000,
  incomeOfRegionPpm: 400_000,
  nonWesternPpm: 400_000,
};

/** The same with 60 % non-Western (> 50 %): a parallel society. */
const PARALLEL: Partial<AreaYearIndicators> = { ...VULNERABLE, nonWesternPpm: 600_000 };

function years(from: number, to: number, changes: Partial<AreaYearIndicators>): AreaYearIndicators[] {
  return Array.from({ length: to - from + 1 }, (_, i) => row(from + i, changes));
}

function assessment(
  c: Classification,
  group: CriterionAssessment['group'],
  measure: CriterionAssessment['measure'],
): CriterionAssessment {
  const found = c.criteria.find((a) => a.group === group && a.measure === measure);
  if (!found) throw new Error(`no ${group} ${measure} assessment`);
  return found;
}

const outside = (c: Classification) => assessment(c, 'VULNERABLE', 'OUTSIDE_WORK_OR_EDUCATION');
const convictions = (c: Classification) => assessment(c, 'VULNERABLE', 'CONVICTIONS');
const transformation = (c: Classification) => assessment(c, 'TRANSFORMATION', 'PARALLEL_SOCIETY_YEARS');

describe('§ 61 a, stk. 3: a housing area has at least 1,000 residents', () => {
  it('999 residents is not a housing area: NONE even when every criterion is met, and each assessment still shows', () => {
    // 999 >= 1,000 is false. The criteria are computed and shown (4 met, non-Western 60 %) but count for nothing.
    const c = classify([row(2025, { ...PARALLEL, residents: 999 }), row(2026, { ...PARALLEL, residents: 999 })], 2026);
    expect(c.status).toBe('NONE');
    expect(c.isHousingArea).toBe(false);
    expect(assessment(c, 'HOUSING_AREA', 'RESIDENTS')).toMatchObject({
      value: 999,
      threshold: 1_000,
      met: false,
      determinable: true,
      reason: 'Not met: 999 residents is less than 1,000.',
    });
    expect(c.vulnerableCriteriaMet).toBe(4);
    expect(assessment(c, 'PARALLEL_SOCIETY', 'NON_WESTERN')).toMatchObject({ met: true, value: 60 });
    expect(transformation(c)).toMatchObject({ met: false, determinable: true, value: 0 });
    expect(c.complete).toBe(true);
  });

  it('1,000 residents is a housing area', () => {
    // 1,000 >= 1,000. With the four criteria met and 40 % non-Western: VULNERABLE_AREA.
    const c = classify(
      [row(2025, { ...VULNERABLE, residents: 1_000 }), row(2026, { ...VULNERABLE, residents: 1_000 })],
      2026,
    );
    expect(c.isHousingArea).toBe(true);
    expect(assessment(c, 'HOUSING_AREA', 'RESIDENTS').reason).toBe('Met: 1,000 residents is at least 1,000.');
    expect(c.status).toBe('VULNERABLE_AREA');
  });
});

describe('§ 61 a, stk. 1, nr. 1: outside work or education more than 40 %, average of 2 years', () => {
  const classifyOutside = (previous: number, last: number) =>
    outside(
      classify(
        [row(2025, { outsideWorkOrEducationPpm: previous }), row(2026, { outsideWorkOrEducationPpm: last })],
        2026,
      ),
    );

  it('40 % both years is not more than 40 %', () => {
    // 400,000 + 400,000 = 800,000; 800,000 > 2 × 400,000 = 800,000 is false.
    expect(classifyOutside(400_000, 400_000)).toMatchObject({
      met: false,
      determinable: true,
      value: 40,
      threshold: 40,
      unit: 'PERCENT',
      comparison: 'GT',
      years: [2025, 2026],
      paragraph: '§ 61 a, stk. 1, nr. 1',
      description: 'Residents aged 18–64 outside work or education, average of 2025 and 2026',
      reason: 'Not met: 40.0000 % is not more than 40 %.',
    });
  });

  it('40.0001 % on average is more than 40 %', () => {
    // 400,000 + 400,002 = 800,002 > 800,000: the average is 400,001 ppm = 40.0001 %.
    expect(classifyOutside(400_000, 400_002)).toMatchObject({
      met: true,
      value: 40.0001,
      reason: 'Met: 40.0001 % is more than 40 %.',
    });
  });

  it('one year below and one above: 39 % and 41.0002 % average 40.0001 % (met); 39 % and 41 % average 40 % (not)', () => {
    // 390,000 + 410,002 = 800,002 > 800,000 → met. 390,000 + 410,000 = 800,000 → not met.
    expect(classifyOutside(390_000, 410_002)).toMatchObject({ met: true, reason: 'Met: 40.0001 % is more than 40 %.' });
    expect(classifyOutside(390_000, 410_000)).toMatchObject({
      met: false,
      reason: 'Not met: 40.0000 % is not more than 40 %.',
    });
  });

  it('an average of half a ppm above is met, and the reason shows the half exactly', () => {
    // 400,000 + 400,001 = 800,001 > 800,000: the average, 400,000.5 ppm, is 40.00005 % (no rounding to 40.0000).
    expect(classifyOutside(400_000, 400_001)).toMatchObject({
      met: true,
      reason: 'Met: 40.00005 % is more than 40 %.',
    });
  });

  it('without figures for the year before it is not determinable — one year never stands in for two', () => {
    // 2026 alone at 90 %: the average of 2025 and 2026 cannot be computed.
    const c = classify([row(2026, { outsideWorkOrEducationPpm: 900_000 })], 2026);
    expect(outside(c)).toMatchObject({
      met: false,
      determinable: false,
      value: null,
      years: [2025, 2026],
      reason: 'Not determinable: no figures for 2025.',
    });
    expect(c.complete).toBe(false);
  });
});

describe('§ 61 a, stk. 1, nr. 2: convictions at least 3 times the national average, average of 2 years', () => {
  const classifyConvictions = (previous: Partial<AreaYearIndicators>, last: Partial<AreaYearIndicators>) =>
    convictions(classify([row(2025, previous), row(2026, last)], 2026));

  it('3.0× is at least 3×', () => {
    // (30,000 + 30,000) × 1,000,000 = 6 × 10^10 >= 3,000,000 × (10,000 + 10,000) = 6 × 10^10.
    expect(classifyConvictions({ convictionPpm: 30_000 }, { convictionPpm: 30_000 })).toMatchObject({
      met: true,
      value: 3,
      threshold: 3,
      unit: 'TIMES_NATIONAL_AVERAGE',
      comparison: 'GTE',
      reason: 'Met: 3.0000× the national average is at least 3×.',
    });
  });

  it('2.99× is not', () => {
    // (29,900 + 29,900) × 10^6 = 5.98 × 10^10 < 6 × 10^10.
    expect(classifyConvictions({ convictionPpm: 29_900 }, { convictionPpm: 29_900 })).toMatchObject({
      met: false,
      value: 2.99,
      reason: 'Not met: 2.9900× the national average is less than 3×.',
    });
  });

  it('averages two years: 2.99× and 3.01× is 3.0× (met); 2.99× and 3.0099× falls short by one ppm', () => {
    // 29,900 + 30,100 = 60,000 → 60,000 × 10^6 >= 3 × 10^6 × 20,000: met.
    expect(classifyConvictions({ convictionPpm: 29_900 }, { convictionPpm: 30_100 }).met).toBe(true);
    // 29,900 + 30,099 = 59,999 < 60,000: not met. 59,999 / 20,000 = 2.99995×, shown rounded down to 2.9999×.
    expect(classifyConvictions({ convictionPpm: 29_900 }, { convictionPpm: 30_099 })).toMatchObject({
      met: false,
      reason: 'Not met: 2.9999× the national average is less than 3×.',
    });
  });

  it('compares the average share with the average national share (not the average of the yearly multiples)', () => {
    // 2025: 40,000 of national 10,000 = 4×; 2026: 60,000 of national 30,000 = 2×. The average of the multiples
    // would be 3× (met), but the average share 50,000 against the average national 20,000 is 2.5×:
    // 100,000 × 10^6 = 10^11 < 3 × 10^6 × 40,000 = 1.2 × 10^11 → not met.
    const a = classifyConvictions(
      { convictionPpm: 40_000, nationalConvictionPpm: 10_000 },
      { convictionPpm: 60_000, nationalConvictionPpm: 30_000 },
    );
    expect(a).toMatchObject({ met: false, value: 2.5 });
  });

  it('is not determinable without a national average', () => {
    const a = classifyConvictions({ nationalConvictionPpm: 0 }, { convictionPpm: 90_000 });
    expect(a).toMatchObject({
      determinable: false,
      met: false,
      reason: 'Not determinable: no national average for 2025.',
    });
  });
});

describe('§ 61 a, stk. 1, nr. 3 and 4: basic schooling more than 60 %, income less than 55 % (one year)', () => {
  it('60 % basic schooling only is not more than 60 %; 60.0001 % is', () => {
    // One-year criterion: 2026 alone suffices. 600,000 > 600,000 false; 600,001 > 600,000 true.
    const at = classify([row(2026, { basicSchoolingOnlyPpm: 600_000 })], 2026);
    const above = classify([row(2026, { basicSchoolingOnlyPpm: 600_001 })], 2026);
    expect(assessment(at, 'VULNERABLE', 'BASIC_SCHOOLING_ONLY')).toMatchObject({
      met: false,
      determinable: true,
      years: [2026],
      reason: 'Not met: 60.0000 % is not more than 60 %.',
    });
    expect(assessment(above, 'VULNERABLE', 'BASIC_SCHOOLING_ONLY')).toMatchObject({
      met: true,
      reason: 'Met: 60.0001 % is more than 60 %.',
    });
  });

  it('55 % income is not less than 55 %; 54.9999 % is', () => {
    // 550,000 < 550,000 false; 549,999 < 550,000 true.
    const at = classify([row(2026, { incomeOfRegionPpm: 550_000 })], 2026);
    const below = classify([row(2026, { incomeOfRegionPpm: 549_999 })], 2026);
    expect(assessment(at, 'VULNERABLE', 'INCOME')).toMatchObject({
      met: false,
      value: 55,
      reason: 'Not met: 55.0000 % is not less than 55 %.',
    });
    expect(assessment(below, 'VULNERABLE', 'INCOME')).toMatchObject({
      met: true,
      value: 54.9999,
      reason: 'Met: 54.9999 % is less than 55 %.',
    });
  });
});

describe('§ 61 a, stk. 1: an udsat boligområde meets at least 2 of the 4 criteria', () => {
  it('1 criterion is not enough; 2 are', () => {
    // Only income 40 % < 55 %: 1 of 4 → NONE. Income and basic schooling 70 % > 60 %: 2 of 4 → VULNERABLE_AREA.
    const one = classify([row(2025), row(2026, { incomeOfRegionPpm: 400_000 })], 2026);
    const two = classify([row(2025), row(2026, { incomeOfRegionPpm: 400_000, basicSchoolingOnlyPpm: 700_000 })], 2026);
    expect([one.vulnerableCriteriaMet, one.status]).toEqual([1, 'NONE']);
    expect([two.vulnerableCriteriaMet, two.status]).toEqual([2, 'VULNERABLE_AREA']);
    expect(two.complete).toBe(true);
  });
});

describe('§ 61 a, stk. 2: a parallel society is udsat with more than 50 % non-Western residents', () => {
  it('50 % is not more than 50 %; 50.0001 % is', () => {
    // Udsat (4 of 4) in both; 500,000 > 500,000 false → VULNERABLE_AREA; 500,001 > 500,000 → PARALLEL_SOCIETY.
    const at = classify(years(2025, 2026, { ...VULNERABLE, nonWesternPpm: 500_000 }), 2026);
    const above = classify(years(2025, 2026, { ...VULNERABLE, nonWesternPpm: 500_001 }), 2026);
    expect(at.status).toBe('VULNERABLE_AREA');
    expect(assessment(at, 'PARALLEL_SOCIETY', 'NON_WESTERN').reason).toBe('Not met: 50.0000 % is not more than 50 %.');
    expect(above.status).toBe('PARALLEL_SOCIETY');
    expect(assessment(above, 'PARALLEL_SOCIETY', 'NON_WESTERN').reason).toBe('Met: 50.0001 % is more than 50 %.');
  });

  it('non-Western residents alone do not make a parallel society', () => {
    // 90 % non-Western but 0 of 4 criteria: not udsat, so not a parallel society (and no prevention criteria: NONE).
    expect(classify(years(2025, 2026, { nonWesternPpm: 900_000 }), 2026).status).toBe('NONE');
  });
});

describe('§ 61 a, stk. 4: an omdannelsesområde was a parallel society in each of the last 5 years', () => {
  it('5 consecutive years (2022–2026) is a transformation area', () => {
    // 2021 is udsat only (40 % non-Western); 2022..2026 are parallel societies under ABL-2021: 5 ≥ 5.
    const c = classify([row(2021, VULNERABLE), ...years(2022, 2026, PARALLEL)], 2026);
    expect(c.status).toBe('TRANSFORMATION_AREA');
    expect(transformation(c)).toMatchObject({
      value: 5,
      threshold: 5,
      unit: 'YEARS',
      met: true,
      determinable: true,
      years: [2022, 2023, 2024, 2025, 2026],
      reason: 'Met: parallelsamfund in 2022, 2023, 2024, 2025, 2026 (5 years).',
    });
    expect(c.complete).toBe(true);
  });

  it('4 consecutive years is not (under ABL-2021)', () => {
    // 2022 udsat only; 2023..2026 parallel: 4 < 5, and 2022 certainly was not one → not met, determinable.
    const c = classify([row(2021, VULNERABLE), row(2022, VULNERABLE), ...years(2023, 2026, PARALLEL)], 2026);
    expect(c.status).toBe('PARALLEL_SOCIETY');
    expect(transformation(c)).toMatchObject({
      value: 4,
      met: false,
      determinable: true,
      years: [2022, 2023, 2024, 2025, 2026],
      reason: 'Not met: parallelsamfund in 2023, 2024, 2025, 2026; not a parallelsamfund in 2022.',
    });
  });

  it('a year without figures in the middle breaks the run and is named', () => {
    // No row for 2023. 2024 is still a parallel society: its 2-year criteria cannot be computed without 2023, but
    // basic schooling 70 % > 60 % and income 40 % < 55 % are 2 of 4 already. The run is 2024, 2025, 2026 (3).
    const c = classify([row(2021, PARALLEL), row(2022, PARALLEL), ...years(2024, 2026, PARALLEL)], 2026);
    expect(c.status).toBe('PARALLEL_SOCIETY');
    expect(transformation(c)).toMatchObject({
      value: 3,
      met: false,
      determinable: false,
      reason: 'Not determinable: parallelsamfund in 2024, 2025, 2026; no figures for 2023.',
    });
    expect(c.complete).toBe(false);
  });

  it('a year below 1,000 residents breaks the run: it was no housing area', () => {
    const c = classify(
      [row(2021, PARALLEL), row(2022, { ...PARALLEL, residents: 999 }), ...years(2023, 2026, PARALLEL)],
      2026,
    );
    expect(c.status).toBe('PARALLEL_SOCIETY');
    expect(transformation(c).reason).toBe(
      'Not met: parallelsamfund in 2023, 2024, 2025, 2026; not a parallelsamfund in 2022.',
    );
  });

  it('an area that is no parallel society in the list year is not, whatever came before', () => {
    // 2026 udsat only: the run is 0, certainly; the years before are not needed.
    const c = classify([...years(2022, 2025, PARALLEL), row(2026, VULNERABLE)], 2026);
    expect(c.status).toBe('VULNERABLE_AREA');
    expect(transformation(c)).toMatchObject({
      value: 0,
      determinable: true,
      years: [2026],
      reason: 'Not met: not a parallelsamfund in 2026.',
    });
  });
});

describe('the law changes by date', () => {
  it('a 4-year parallel society is a transformation area under ABL-2018, only a parallel society under ABL-2021', () => {
    // 2020 udsat only; 2021..2024 parallel societies: 4 years.
    const history = [row(2020, VULNERABLE), ...years(2021, 2024, PARALLEL)];
    // Had the 2021 act come a few years later, the list of 2024 (published 2024-12-01) would fall under ABL-2018:
    // 4 ≥ 4 → hårdt ghettoområde.
    const later: RuleVersion = { ...ABL_2021, validFrom: '2024-12-02' };
    const under2018 = classify(history, 2024, [ABL_2018, later]);
    expect([under2018.ruleVersion, under2018.status]).toEqual(['ABL-2018', 'TRANSFORMATION_AREA']);
    expect(transformation(under2018)).toMatchObject({ value: 4, threshold: 4, met: true });
    // As the law stands, the list of 2024 is under ABL-2021: 4 < 5.
    const under2021 = classify(history, 2024);
    expect([under2021.ruleVersion, under2021.status]).toEqual(['ABL-2021', 'PARALLEL_SOCIETY']);
    expect(transformation(under2021)).toMatchObject({ value: 4, threshold: 5, met: false });
  });

  it('judges each earlier year by the rules of its own list, and cannot look before the first act', () => {
    // List of 2020 under ABL-2018 needs 2017..2020; the list of 2017 has no rule version, so the run stops there.
    const c = classify(years(2016, 2020, PARALLEL), 2020);
    expect([c.ruleVersion, c.status]).toEqual(['ABL-2018', 'PARALLEL_SOCIETY']);
    expect(transformation(c)).toMatchObject({
      value: 3,
      determinable: false,
      reason: 'Not determinable: parallelsamfund in 2018, 2019, 2020; no rule version for the list of 2017.',
    });
    // The list of 2022 (ABL-2021) counts 2018..2020 as ABL-2018 ghettoområder and 2021..2022 as parallelsamfund.
    expect(classify(years(2017, 2022, PARALLEL), 2022).status).toBe('TRANSFORMATION_AREA');
  });

  it('prevention areas exist only under ABL-2021', () => {
    // 35 % non-Western (> 30 %), 35 % outside work (> 30 %, not > 40 %), 60 % income (< 65 %, not < 55 %).
    const prevention = { nonWesternPpm: 350_000, outsideWorkOrEducationPpm: 350_000, incomeOfRegionPpm: 600_000 };
    const in2020 = classify(years(2019, 2020, prevention), 2020);
    expect([in2020.ruleVersion, in2020.status, in2020.preventionCriteriaMet]).toEqual(['ABL-2018', 'NONE', null]);
    expect(in2020.criteria.some((a) => a.group === 'PREVENTION')).toBe(false);
    const in2022 = classify(years(2021, 2022, prevention), 2022);
    expect([in2022.ruleVersion, in2022.status, in2022.preventionCriteriaMet]).toEqual([
      'ABL-2021',
      'PREVENTION_AREA',
      2,
    ]);
  });

  it('a new act is a data change: a hypothetical version from 2027-12-01 raising nr. 1 to 45 %', () => {
    const future: RuleVersion = {
      ...ABL_2021,
      id: 'ABL-2027',
      validFrom: '2027-12-01',
      vulnerable: {
        ...ABL_2021.vulnerable,
        criteria: ABL_2021.vulnerable.criteria.map((rule) =>
          rule.measure === 'OUTSIDE_WORK_OR_EDUCATION' ? { ...rule, threshold: 450_000 } : rule,
        ),
      },
    };
    const versions = [...RULE_VERSIONS, future];
    // 44 % outside work (> 40 %, not > 45 %) and 50 % income (< 55 %).
    const history = years(2025, 2027, { outsideWorkOrEducationPpm: 440_000, incomeOfRegionPpm: 500_000 });
    const in2026 = classify(history, 2026, versions);
    expect([in2026.ruleVersion, in2026.status]).toEqual(['ABL-2021', 'VULNERABLE_AREA']);
    const in2027 = classify(history, 2027, versions);
    expect([in2027.ruleVersion, in2027.status]).toEqual(['ABL-2027', 'NONE']);
    expect(outside(in2027)).toMatchObject({ threshold: 45, reason: 'Not met: 44.0000 % is not more than 45 %.' });
  });

  it('throws for a list year no version governs', () => {
    expect(() => classify([row(2017)], 2017)).toThrow('No rule version governs the list of 2017');
  });
});

describe('§ 61 b: a forebyggelsesområde has more than 30 % non-Western residents and 2 of 4 criteria', () => {
  // Two prevention criteria: 35 % outside work both years (> 30 %) and income 60 % (< 65 %); none of § 61 a.
  const twoCriteria = { outsideWorkOrEducationPpm: 350_000, incomeOfRegionPpm: 600_000 };

  it('30 % non-Western is not more than 30 %; 30.0001 % is', () => {
    const at = classify(years(2025, 2026, { ...twoCriteria, nonWesternPpm: 300_000 }), 2026);
    const above = classify(years(2025, 2026, { ...twoCriteria, nonWesternPpm: 300_001 }), 2026);
    expect([at.status, at.preventionCriteriaMet]).toEqual(['NONE', 2]);
    expect(assessment(at, 'PREVENTION', 'NON_WESTERN').reason).toBe('Not met: 30.0000 % is not more than 30 %.');
    expect([above.status, above.preventionCriteriaMet, above.vulnerableCriteriaMet]).toEqual(['PREVENTION_AREA', 2, 0]);
  });

  it('one prevention criterion is not enough', () => {
    const c = classify(years(2025, 2026, { incomeOfRegionPpm: 600_000, nonWesternPpm: 400_000 }), 2026);
    expect([c.status, c.preventionCriteriaMet]).toEqual(['NONE', 1]);
  });

  it('convictions count from 2× the national average: 2.0× is met, 1.9999× is not', () => {
    // (20,000 + 20,000) × 10^6 >= 2 × 10^6 × 20,000 → met; (19,999 + 19,999) × 10^6 < 4 × 10^10 → not.
    const met = classify(years(2025, 2026, { convictionPpm: 20_000 }), 2026);
    const not = classify(years(2025, 2026, { convictionPpm: 19_999 }), 2026);
    expect(assessment(met, 'PREVENTION', 'CONVICTIONS').reason).toBe(
      'Met: 2.0000× the national average is at least 2×.',
    );
    expect(assessment(not, 'PREVENTION', 'CONVICTIONS').reason).toBe(
      'Not met: 1.9999× the national average is less than 2×.',
    );
  });

  it('an udsat area is never also a prevention area', () => {
    // 40 % non-Western (> 30 %) and all four criteria: udsat, and all four prevention criteria too — VULNERABLE_AREA.
    const c = classify(years(2025, 2026, VULNERABLE), 2026);
    expect([c.status, c.vulnerableCriteriaMet, c.preventionCriteriaMet]).toEqual(['VULNERABLE_AREA', 4, 4]);
  });
});

describe('a list year without figures', () => {
  it('is NONE, incomplete, no housing area, and nothing is determinable', () => {
    const c = classify(years(2024, 2025, PARALLEL), 2026);
    expect(c).toMatchObject({ areaId: 'area-1', status: 'NONE', isHousingArea: false, complete: false });
    expect(c.criteria).toHaveLength(1 + 4 + 1 + 1 + 5 + 1);
    for (const a of c.criteria)
      expect([a.determinable, a.met, a.value === null || a.value === 0]).toEqual([false, false, true]);
    expect(assessment(c, 'HOUSING_AREA', 'RESIDENTS').reason).toBe('Not determinable: no figures for 2026.');
    expect(c.combinedLetting.mayUse).toBe(false);
  });

  it('lists the assessments in order: housing area, udsat, parallel society, transformation, prevention, § 51 b', () => {
    const c = classify(years(2025, 2026, VULNERABLE), 2026);
    expect(c.criteria.map((a) => `${a.group}:${a.measure}`)).toEqual([
      'HOUSING_AREA:RESIDENTS',
      'VULNERABLE:OUTSIDE_WORK_OR_EDUCATION',
      'VULNERABLE:CONVICTIONS',
      'VULNERABLE:BASIC_SCHOOLING_ONLY',
      'VULNERABLE:INCOME',
      'PARALLEL_SOCIETY:NON_WESTERN',
      'TRANSFORMATION:PARALLEL_SOCIETY_YEARS',
      'PREVENTION:NON_WESTERN',
      'PREVENTION:OUTSIDE_WORK_OR_EDUCATION',
      'PREVENTION:CONVICTIONS',
      'PREVENTION:BASIC_SCHOOLING_ONLY',
      'PREVENTION:INCOME',
      'COMBINED_LETTING:OUTSIDE_WORK_OR_EDUCATION',
    ]);
  });
});

describe('§ 51 b: combined letting', () => {
  const test = (residents: number, outsideWorkOrEducationPpm: number) =>
    combinedLettingTest(row(2026, { residents, outsideWorkOrEducationPpm }), ABL_2021);

  it('40 % at 1,000 residents may use it; 39.9999 % may not', () => {
    // 1,000 >= 1,000 and 400,000 >= 400,000 → may use. 399,999 >= 400,000 is false.
    expect(test(1_000, 400_000)).toMatchObject({
      mayUse: true,
      assessment: {
        met: true,
        threshold: 40,
        years: [2026],
        reason: 'Met: 40.0000 % is at least 40 % (the threshold below 5,000 residents; the area has 1,000).',
      },
    });
    expect(test(1_000, 399_999)).toMatchObject({
      mayUse: false,
      assessment: {
        reason: 'Not met: 39.9999 % is less than 40 % (the threshold below 5,000 residents; the area has 1,000).',
      },
    });
  });

  it('30 % at 5,000 residents may use it; 30 % at 4,999 may not', () => {
    // 5,000 >= 5,000: the threshold is 30 %, 300,000 >= 300,000. At 4,999 the threshold stays 40 %.
    expect(test(5_000, 300_000)).toMatchObject({ mayUse: true, assessment: { threshold: 30 } });
    expect(test(4_999, 300_000)).toMatchObject({
      mayUse: false,
      assessment: {
        threshold: 40,
        reason: 'Not met: 30.0000 % is less than 40 % (the threshold below 5,000 residents; the area has 4,999).',
      },
    });
  });

  it('needs 1,000 residents, and figures', () => {
    expect(test(999, 900_000)).toMatchObject({
      mayUse: false,
      assessment: { determinable: true, reason: 'Not met: 999 residents is less than 1,000.' },
    });
    expect(combinedLettingTest(undefined, ABL_2021)).toMatchObject({
      mayUse: false,
      assessment: { determinable: false, value: null, years: [], reason: 'Not determinable: no figures.' },
    });
  });

  it('is part of every classification, on the list year alone', () => {
    // A single year suffices (no 2-year average): 45 % at 1,200 residents.
    const c = classify([row(2026, { residents: 1_200, outsideWorkOrEducationPpm: 450_000 })], 2026);
    expect(c.combinedLetting).toEqual(
      combinedLettingTest(row(2026, { residents: 1_200, outsideWorkOrEducationPpm: 450_000 }), ABL_2021),
    );
    expect(c.combinedLetting.mayUse).toBe(true);
    expect(c.criteria.at(-1)).toEqual(c.combinedLetting.assessment);
  });
});

describe('project', () => {
  it('moves each measure on by last year’s change, carries the national average', () => {
    // outside 30 % → 35 % → 40 %; residents 1,000 → 1,100 → 1,200; national 12,000 carried from 2026.
    const next = project([
      row(2025, { outsideWorkOrEducationPpm: 300_000, residents: 1_000, nationalConvictionPpm: 11_000 }),
      row(2026, { outsideWorkOrEducationPpm: 350_000, residents: 1_100, nationalConvictionPpm: 12_000 }),
    ]);
    expect(next).toMatchObject({
      areaId: 'area-1',
      year: 2027,
      outsideWorkOrEducationPpm: 400_000,
      residents: 1_200,
      nationalConvictionPpm: 12_000,
      incomeOfRegionPpm: 900_000,
    });
    expect(percent(next!.outsideWorkOrEducationPpm)).toBe(40);
  });

  it('clamps shares to 0–100 % and residents at 0', () => {
    // 90 % → 98 % → 106 % clamped to 100 %; 5 % → 2 % → −1 % clamped to 0; 100 → 50 → 0 residents.
    const next = project([
      row(2025, { nonWesternPpm: 900_000, incomeOfRegionPpm: 50_000, residents: 100 }),
      row(2026, { nonWesternPpm: 980_000, incomeOfRegionPpm: 20_000, residents: 50 }),
    ]);
    expect(next).toMatchObject({ nonWesternPpm: 1_000_000, incomeOfRegionPpm: 0, residents: 0 });
  });

  it('lets income exceed 100 % of the regional average, as it may', () => {
    // 105 % → 110 % → 115 %: income is a ratio to the region, not a share of residents.
    const next = project([row(2025, { incomeOfRegionPpm: 1_050_000 }), row(2026, { incomeOfRegionPpm: 1_100_000 })]);
    expect(next?.incomeOfRegionPpm).toBe(1_150_000);
  });

  it('with a single year — or none for the year before the last — changes nothing', () => {
    const only = row(2026, { outsideWorkOrEducationPpm: 420_000, openMunicipalCasePpm: 50_000 });
    expect(project([only])).toEqual({ ...only, year: 2027 });
    const gap = project([row(2024, { outsideWorkOrEducationPpm: 100_000 }), only]);
    expect(gap).toEqual({ ...only, year: 2027 });
  });

  it('projects open municipal cases when both years have them, and keeps null', () => {
    const both = project([row(2025, { openMunicipalCasePpm: 40_000 }), row(2026, { openMunicipalCasePpm: 50_000 })]);
    expect(both?.openMunicipalCasePpm).toBe(60_000);
    expect(project([row(2025, { openMunicipalCasePpm: 40_000 }), row(2026)])?.openMunicipalCasePpm).toBeNull();
  });

  it('returns null without figures', () => {
    expect(project([])).toBeNull();
    expect(classifyProjection([])).toBeNull();
  });
});

describe('classifyProjection', () => {
  it('turns an area VULNERABLE when its trends continue', () => {
    // 2026 list: outside (38 % + 40 %) / 2 = 39 % (not > 40 %); income 56 % (not < 55 %): NONE.
    // Projected 2027: outside 42 %, income 54 %. 2027 list: (40 % + 42 %) / 2 = 41 % > 40 %; 54 % < 55 %: 2 of 4.
    const history = [
      row(2025, { outsideWorkOrEducationPpm: 380_000, incomeOfRegionPpm: 580_000 }),
      row(2026, { outsideWorkOrEducationPpm: 400_000, incomeOfRegionPpm: 560_000 }),
    ];
    expect(classify(history, 2026).status).toBe('NONE');
    const projected = classifyProjection(history);
    expect(projected).toMatchObject({ year: 2027, ruleVersion: 'ABL-2021', status: 'VULNERABLE_AREA' });
    expect(outside(projected!)).toMatchObject({ value: 41, reason: 'Met: 41.0000 % is more than 40 %.' });
  });
});

describe('refuses what cannot be classified exactly', () => {
  it('throws on figures outside whole ppm 0..100 %, two rows for one year, and mixed areas', () => {
    expect(() => classify([row(2026, { nonWesternPpm: 1_000_001 })], 2026)).toThrow('nonWesternPpm');
    expect(() => classify([row(2026, { convictionPpm: -1 })], 2026)).toThrow('convictionPpm');
    expect(() => classify([row(2026, { basicSchoolingOnlyPpm: 0.5 })], 2026)).toThrow('basicSchoolingOnlyPpm');
    expect(() => classify([row(2026, { residents: 10.5 })], 2026)).toThrow('residents');
    expect(() => classify([row(2026), row(2026)], 2026)).toThrow('two rows for 2026');
    expect(() => classify([row(2025), row(2026, { areaId: 'area-2' })], 2026)).toThrow('mixes areas');
  });
});

describe('properties', () => {
  /** Any whole ppm, often right at a threshold or one ppm from it. */
  const ppmNear = (...thresholds: number[]) =>
    fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(...thresholds.flatMap((t) => [t - 1, t, t + 1])));
  const rowArb = fc.record({
    areaId: fc.constant('area-1'),
    year: fc.integer({ min: 2018, max: 2035 }),
    residents: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(999, 1_000, 4_999, 5_000)),
    outsideWorkOrEducationPpm: ppmNear(300_000, 400_000),
    convictionPpm: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(19_999, 20_000, 29_999, 30_000)),
    nationalConvictionPpm: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constant(10_000)),
    basicSchoolingOnlyPpm: ppmNear(600_000),
    incomeOfRegionPpm: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(549_999, 550_000, 650_000)),
    nonWesternPpm: ppmNear(300_000, 500_000),
    openMunicipalCasePpm: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
  });
  const historyArb = fc.uniqueArray(rowArb, { selector: (r) => r.year, maxLength: 18 });
  const listYearArb = fc.integer({ min: 2018, max: 2035 });

  it('never throws for a history of valid figures within 2018..2035, and is consistent with its own counts', () => {
    fc.assert(
      fc.property(historyArb, listYearArb, (history, year) => {
        const c = classify(history, year);
        if (c.status !== 'NONE') expect(c.isHousingArea).toBe(true);
        if (c.status === 'PREVENTION_AREA') expect(c.vulnerableCriteriaMet).toBeLessThan(2);
        if (c.complete) expect(c.criteria.every((a) => a.determinable)).toBe(true);
        for (const a of c.criteria) if (!a.determinable) expect(a.met).toBe(false);
        expect(classifyProjection(history)?.year ?? null).toBe(
          history.length ? Math.max(...history.map((r) => r.year)) + 1 : null,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the history rows', () => {
    fc.assert(
      fc.property(
        historyArb.chain((history) =>
          fc.tuple(
            fc.constant(history),
            fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }),
            listYearArb,
          ),
        ),
        ([history, shuffled, year]) => {
          expect(classify(shuffled, year)).toEqual(classify(history, year));
        },
      ),
      { numRuns: 500 },
    );
  });
});
