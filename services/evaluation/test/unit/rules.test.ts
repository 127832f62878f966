// The law as dated data: which version governs which list, and that the data says what the acts say.
import {
  ABL_2018,
  ABL_2021,
  RULE_VERSIONS,
  type RuleVersion,
  assertValidRuleVersion,
  rulesForList,
} from '../../src/domain/rules';

describe('rulesForList', () => {
  it('gives ABL-2018 to the lists of 2018 to 2020 and ABL-2021 from the list of 2021 on', () => {
    // Lists are published 1 December: 2018-12-01 >= '2018-12-01'; 2021-12-01 >= '2021-11-30'.
    expect([2018, 2019, 2020].map((y) => rulesForList(y).id)).toEqual(['ABL-2018', 'ABL-2018', 'ABL-2018']);
    expect([2021, 2022, 2026, 2035].map((y) => rulesForList(y).id)).toEqual([
      'ABL-2021',
      'ABL-2021',
      'ABL-2021',
      'ABL-2021',
    ]);
  });

  it('throws a clear error for lists before the first version (2017 is published 2017-12-01 < 2018-12-01)', () => {
    expect(() => rulesForList(2017)).toThrow(
      'No rule version governs the list of 2017 (published 2017-12-01); the earliest applies from 2018-12-01',
    );
    expect(() => rulesForList(2017, [])).toThrow('no rule versions were given');
  });

  it('applies a version to the list published on its first day, not to the list the day before', () => {
    const onTheDay: RuleVersion = { ...ABL_2021, id: 'ON-THE-DAY', validFrom: '2021-12-01' };
    const dayAfter: RuleVersion = { ...ABL_2021, id: 'DAY-AFTER', validFrom: '2021-12-02' };
    expect(rulesForList(2021, [ABL_2018, onTheDay]).id).toBe('ON-THE-DAY');
    expect(rulesForList(2021, [ABL_2018, dayAfter]).id).toBe('ABL-2018');
    expect(rulesForList(2022, [ABL_2018, dayAfter]).id).toBe('DAY-AFTER');
  });

  it('does not depend on the order of the versions', () => {
    expect(rulesForList(2023, [...RULE_VERSIONS].reverse()).id).toBe('ABL-2021');
    expect(rulesForList(2019, [...RULE_VERSIONS].reverse()).id).toBe('ABL-2018');
  });

  it('refuses two versions from the same date, and years that are not whole years', () => {
    const twin: RuleVersion = { ...ABL_2021, id: 'TWIN' };
    expect(() => rulesForList(2022, [ABL_2021, twin])).toThrow('both apply from 2021-11-30');
    expect(() => rulesForList(2022.5)).toThrow('not a whole year');
    expect(() => rulesForList(Number.NaN)).toThrow('not a whole year');
  });
});

describe('RULE_VERSIONS', () => {
  it('holds two valid versions, oldest first', () => {
    expect(RULE_VERSIONS.map((v) => [v.id, v.validFrom])).toEqual([
      ['ABL-2018', '2018-12-01'],
      ['ABL-2021', '2021-11-30'],
    ]);
    for (const version of RULE_VERSIONS) expect(() => assertValidRuleVersion(version)).not.toThrow();
  });

  it('renders § 61 a, stk. 1 alike in both acts: > 40 % and ≥ 3× over 2 years, > 60 %, < 55 %', () => {
    for (const version of RULE_VERSIONS) {
      expect(version.minimumResidents).toBe(1_000);
      expect(version.vulnerable.minimumMet).toBe(2);
      expect(version.vulnerable.criteria.map((c) => [c.measure, c.comparison, c.threshold, c.years])).toEqual([
        ['OUTSIDE_WORK_OR_EDUCATION', 'GT', 400_000, 2],
        ['CONVICTIONS', 'GTE', 3_000_000, 2],
        ['BASIC_SCHOOLING_ONLY', 'GT', 600_000, 1],
        ['INCOME', 'LT', 550_000, 1],
      ]);
      expect(version.parallelSociety.nonWestern).toMatchObject({ comparison: 'GT', threshold: 500_000, years: 1 });
      expect(version.combinedLetting).toMatchObject({
        minimumResidents: 1_000,
        thresholdPpm: 400_000,
        largeAreaResidents: 5_000,
        largeAreaThresholdPpm: 300_000,
      });
    }
  });

  it('differs where the acts differ: 4 or 5 years to transformation, prevention areas only from 2021', () => {
    expect(ABL_2018.transformation.consecutiveYears).toBe(4);
    expect(ABL_2018.prevention).toBeNull();
    expect(ABL_2021.transformation.consecutiveYears).toBe(5);
    expect(ABL_2021.prevention?.nonWestern).toMatchObject({ comparison: 'GT', threshold: 300_000 });
    expect(ABL_2021.prevention?.minimumMet).toBe(2);
    expect(ABL_2021.prevention?.criteria.map((c) => [c.measure, c.comparison, c.threshold, c.years])).toEqual([
      ['OUTSIDE_WORK_OR_EDUCATION', 'GT', 300_000, 2],
      ['CONVICTIONS', 'GTE', 2_000_000, 2],
      ['BASIC_SCHOOLING_ONLY', 'GT', 600_000, 1],
      ['INCOME', 'LT', 650_000, 1],
    ]);
  });
});

describe('assertValidRuleVersion', () => {
  it('refuses thresholds that could not compare exactly, and impossible look-backs', () => {
    const fractional: RuleVersion = {
      ...ABL_2021,
      vulnerable: {
        ...ABL_2021.vulnerable,
        criteria: [{ ...ABL_2021.vulnerable.criteria[0]!, threshold: 400_000.5 }],
        minimumMet: 1,
      },
    };
    expect(() => assertValidRuleVersion(fractional)).toThrow('must be a whole number');
    const never: RuleVersion = { ...ABL_2021, transformation: { paragraph: '§ 61 a, stk. 4', consecutiveYears: 0 } };
    expect(() => assertValidRuleVersion(never)).toThrow('at least 1');
    const badDate: RuleVersion = { ...ABL_2021, validFrom: '1 December 2027' };
    expect(() => assertValidRuleVersion(badDate)).toThrow('YYYY-MM-DD');
  });
});
