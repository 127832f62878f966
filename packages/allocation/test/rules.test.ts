// Every legal rule excludes exactly what it should (both sides of each condition, including the six-month benefit
// periods counted from their start dates), the household's needs and consent likewise, and a law change is data.
import fc from 'fast-check';
import {
  LETTING_RULE_VERSIONS,
  type LettingRuleVersion,
  MAX_DAYS_UNTIL_AVAILABLE,
  describeExclusion,
  exclusions,
  lettingRulesOn,
} from '../src/rules';
import {
  type Area,
  type AreaStatus,
  type CashBenefit,
  type Channel,
  type Day,
  type MemberFacts,
  type Seeker,
  type Vacancy,
} from '../src/types';

const DATE: Day = '2026-05-04';
const ALL_STATUSES: AreaStatus[] = [
  'NONE',
  'PREVENTION_AREA',
  'VULNERABLE_AREA',
  'PARALLEL_SOCIETY',
  'TRANSFORMATION_AREA',
];
const UDSAT: AreaStatus[] = ['VULNERABLE_AREA', 'PARALLEL_SOCIETY', 'TRANSFORMATION_AREA'];
const ALL_BENEFITS: CashBenefit[] = [
  'KONTANTHJAELP',
  'UDDANNELSESHJAELP',
  'SELVFORSOERGELSES_OG_HJEMREJSEYDELSE',
  'OVERGANGSYDELSE',
];

function member(overrides: Partial<MemberFacts> = {}): MemberFacts {
  return {
    age: 35,
    citizenship: 'DANISH',
    student: false,
    prisonReleases: [],
    youthInstitutionReleases: [],
    leaseTerminations: [],
    benefits: [],
    outsideWorkOrEducation: false,
    openMunicipalCase: false,
    ...overrides,
  };
}

function seeker(overrides: Partial<Seeker> = {}): Seeker {
  return {
    id: 'seeker-1',
    kind: 'APPLICATION',
    municipalityCode: '0461',
    members: [member()],
    needs: { minRooms: 3, stepFreeAccess: false, maxMonthlyRentOre: 700_000, acceptableMunicipalityCodes: [] },
    consentValid: true,
    waitingSince: '2025-01-01',
    preferredMunicipalityCodes: [],
    anchorMunicipalityCodes: [],
    ...overrides,
  };
}

function needs(overrides: Partial<Seeker['needs']>): Seeker {
  return seeker({ needs: { ...seeker().needs, ...overrides } });
}

function vacancy(overrides: Partial<Vacancy> = {}): Vacancy {
  return {
    id: 'vacancy-1',
    unitId: 'unit-1',
    areaId: 'area-1',
    municipalityCode: '0461',
    channel: 'MUNICIPAL_ALLOCATION',
    rooms: 3,
    stepFreeAccess: false,
    monthlyRentOre: 700_000,
    availableFrom: DATE,
    ...overrides,
  };
}

function area(overrides: Partial<Area> = {}): Area {
  return {
    id: 'area-1',
    name: 'Vollsmose',
    municipalityCode: '0461',
    status: 'VULNERABLE_AREA',
    combinedLetting: false,
    residents: 9_000,
    outsideWorkOrEducationPpm: 450_000,
    ...overrides,
  };
}

/** A household of one member with these facts. */
function household(...members: Partial<MemberFacts>[]): Seeker {
  return seeker({ members: members.map((facts) => member(facts)) });
}

function benefit(kind: CashBenefit, startedOn: Day, endedOn: Day | null = null): MemberFacts['benefits'][number] {
  return { benefit: kind, period: { startedOn, endedOn } };
}

interface Round {
  status?: AreaStatus;
  channel?: Channel;
  combinedLetting?: boolean;
  date?: Day;
}

/** The rules that exclude, in order (by default: municipal allocation into a vulnerable area on DATE). */
function rules(
  who: Seeker,
  { status = 'VULNERABLE_AREA', channel = 'MUNICIPAL_ALLOCATION', combinedLetting = false, date = DATE }: Round = {},
): string[] {
  return exclusions(who, vacancy({ channel, availableFrom: date }), area({ status, combinedLetting }), date).map(
    ({ rule }) => rule,
  );
}

/** The reasons, in order, for municipal allocation into an area of this status. */
function reasons(who: Seeker, status: AreaStatus = 'VULNERABLE_AREA', date: Day = DATE): string[] {
  return exclusions(who, vacancy({ availableFrom: date }), area({ status }), date).map(({ reason }) => reason);
}

const isLegal = (rule: string) => rule.startsWith('§');

function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the letting rule versions', () => {
  test('ABL-2021 renders the 2021 amendment and governs from 30 November 2021', () => {
    expect(LETTING_RULE_VERSIONS).toHaveLength(1);
    const [abl] = LETTING_RULE_VERSIONS;
    expect(abl).toEqual({
      id: 'ABL-2021',
      validFrom: '2021-11-30',
      source:
        'Almenboligloven §§ 51 b, 51 c and 59 stk. 6-7 as amended by L 23 (2021-22), in force 30 November 2021; ' +
        'consolidated in LBK nr. 1171 af 11/11/2024',
      recentMonths: 6,
      benefitMonths: 6,
      stk6Benefits: ALL_BENEFITS,
      stk7Benefits: ['SELVFORSOERGELSES_OG_HJEMREJSEYDELSE', 'OVERGANGSYDELSE'],
      combinedLettingBenefits: ALL_BENEFITS,
      youthAge: 18,
    });
  });

  test.each(['2021-11-30', '2026-05-04', '2099-12-31'])('ABL-2021 is in force on %s', (date) => {
    expect(lettingRulesOn(date).id).toBe('ABL-2021');
  });

  test('before the first version there are no rules, and that is an error', () => {
    expect(() => lettingRulesOn('2021-11-29')).toThrow(
      'no letting rules are known for 2021-11-29: the first version governs from 2021-11-30',
    );
    expect(() => exclusions(seeker(), vacancy(), area(), '2021-11-29')).toThrow(/no letting rules are known/);
    expect(() => lettingRulesOn(DATE, [])).toThrow('no letting rule versions are given');
  });

  test('a date that is not a calendar day is an error', () => {
    expect(() => lettingRulesOn('2026-02-30')).toThrow(
      "the round date is not a calendar day (YYYY-MM-DD): '2026-02-30'",
    );
    expect(() => exclusions(household({ prisonReleases: ['1 May'] }), vacancy(), area(), DATE)).toThrow(
      /not a calendar day/,
    );
  });

  test('a vacancy outside the area given is an error', () => {
    expect(() => exclusions(seeker(), vacancy({ areaId: 'area-2' }), area(), DATE)).toThrow(
      'vacancy vacancy-1 lies in area area-2, not in area area-1',
    );
  });

  describe('a law change applies by date (a hypothetical act from 1 July 2027)', () => {
    const abl = LETTING_RULE_VERSIONS[0]!;
    const hypothetical: LettingRuleVersion = {
      ...abl,
      id: 'HYPOTHETICAL-2027',
      validFrom: '2027-07-01',
      source: 'a hypothetical act for this test',
      recentMonths: 12,
      benefitMonths: 3,
      stk7Benefits: ALL_BENEFITS,
    };
    // Out of order on purpose: the date decides, not the position.
    const versions = [hypothetical, abl];
    const on = (who: Seeker, date: Day, status: AreaStatus) =>
      exclusions(who, vacancy(), area({ status }), date, lettingRulesOn(date, versions)).map(({ rule }) => rule);

    test('the version in force is the latest that began on or before the date', () => {
      expect(lettingRulesOn('2027-06-30', versions).id).toBe('ABL-2021');
      expect(lettingRulesOn('2027-07-01', versions).id).toBe('HYPOTHETICAL-2027');
      expect(() => lettingRulesOn('2021-11-29', versions)).toThrow(/first version governs from 2021-11-30/);
    });

    test('a prison release 7 months back excludes only under the new act', () => {
      const released = household({ prisonReleases: ['2026-12-01'] });
      expect(on(released, '2027-06-30', 'VULNERABLE_AREA')).toEqual([]);
      expect(on(released, '2027-07-01', 'VULNERABLE_AREA')).toEqual(['§ 59 stk. 6 nr. 1']);
    });

    test('3 months of kontanthjælp exclude from a prevention area only under the new act', () => {
      const receiving = household({ benefits: [benefit('KONTANTHJAELP', '2027-03-30')] });
      expect(on(receiving, '2027-06-30', 'PREVENTION_AREA')).toEqual([]);
      expect(on(receiving, '2027-07-01', 'PREVENTION_AREA')).toEqual(['§ 59 stk. 7']);
      expect(
        exclusions(receiving, vacancy(), area({ status: 'PREVENTION_AREA' }), '2027-07-01', hypothetical)[0]?.reason,
      ).toBe('an adult has received kontanthjælp for 3 consecutive months (since 2027-03-30)');
    });
  });
});

describe("the household's needs and consent (any channel, any area)", () => {
  test('rooms: as many as needed fits, one fewer does not', () => {
    expect(rules(needs({ minRooms: 3 }))).toEqual([]);
    expect(rules(needs({ minRooms: 2 }))).toEqual([]);
    expect(exclusions(needs({ minRooms: 4 }), vacancy(), area(), DATE)).toEqual([
      { rule: 'NEEDS_ROOMS', reason: 'the home has 3 rooms; the household needs at least 4' },
    ]);
  });

  test.each([
    [true, false, ['NEEDS_STEP_FREE']],
    [true, true, []],
    [false, false, []],
    [false, true, []],
  ])('step-free access: needed %s, the home has it %s', (needed, has, expected) => {
    expect(
      exclusions(needs({ stepFreeAccess: needed }), vacancy({ stepFreeAccess: has }), area(), DATE).map((e) => e.rule),
    ).toEqual(expected);
  });

  test('rent: exactly what the household can pay fits, one øre more does not', () => {
    expect(rules(needs({ maxMonthlyRentOre: 700_000 }))).toEqual([]);
    expect(exclusions(needs({ maxMonthlyRentOre: 699_999 }), vacancy(), area(), DATE)).toEqual([
      { rule: 'NEEDS_RENT', reason: 'the rent is DKK 7,000.00 a month; the household can pay at most DKK 6,999.99' },
    ]);
  });

  test('municipality: an empty list accepts any, a list must include the home', () => {
    expect(rules(needs({ acceptableMunicipalityCodes: [] }))).toEqual([]);
    expect(rules(needs({ acceptableMunicipalityCodes: ['0101', '0461'] }))).toEqual([]);
    expect(exclusions(needs({ acceptableMunicipalityCodes: ['0101'] }), vacancy(), area(), DATE)).toEqual([
      {
        rule: 'NEEDS_MUNICIPALITY',
        reason: 'the home is in municipality 0461, which the household has not accepted',
      },
    ]);
  });

  test(`availability: ${MAX_DAYS_UNTIL_AVAILABLE} days after the round fits, one more does not`, () => {
    expect(MAX_DAYS_UNTIL_AVAILABLE).toBe(90);
    const fits = (availableFrom: Day) => exclusions(seeker(), vacancy({ availableFrom }), area(), DATE);
    expect(fits('2025-12-01')).toEqual([]);
    expect(fits(DATE)).toEqual([]);
    expect(fits('2026-08-02')).toEqual([]);
    expect(fits('2026-08-03')).toEqual([
      { rule: 'NEEDS_AVAILABLE', reason: 'the home is available from 2026-08-03, more than 90 days after 2026-05-04' },
    ]);
  });

  test('consent: none in force closes every home', () => {
    expect(rules(seeker({ consentValid: true }))).toEqual([]);
    expect(exclusions(seeker({ consentValid: false }), vacancy(), area(), DATE)).toEqual([
      { rule: 'CONSENT', reason: 'no consent or lawful basis for relocation is in force' },
    ]);
  });

  test.each(
    ALL_STATUSES.flatMap((status) =>
      (['MUNICIPAL_ALLOCATION', 'PLATFORM'] as Channel[]).map((channel) => [status, channel]),
    ),
  )('needs and consent apply in a %s area through %s', (status, channel) => {
    const everything = seeker({
      needs: { minRooms: 4, stepFreeAccess: true, maxMonthlyRentOre: 1, acceptableMunicipalityCodes: ['0101'] },
      consentValid: false,
    });
    expect(
      exclusions(
        everything,
        vacancy({ channel: channel as Channel, availableFrom: '2027-01-01' }),
        area({ status: status as AreaStatus }),
        DATE,
      ).map((e) => e.rule),
    ).toEqual(['NEEDS_ROOMS', 'NEEDS_STEP_FREE', 'NEEDS_RENT', 'NEEDS_MUNICIPALITY', 'NEEDS_AVAILABLE', 'CONSENT']);
  });
});

describe('§ 59 stk. 6 nr. 1-4 and § 59 stk. 7 referring to them (municipal allocation)', () => {
  const conditions: [string, Partial<MemberFacts>][] = [
    ['nr. 1', { prisonReleases: ['2026-03-01'] }],
    ['nr. 2', { age: 16, youthInstitutionReleases: ['2026-03-01'] }],
    ['nr. 3', { leaseTerminations: ['2026-03-01'] }],
    ['nr. 4', { citizenship: 'OTHER' }],
  ];
  const cases = conditions.flatMap(([nr, facts]) => ALL_STATUSES.map((status) => [nr, status, facts] as const));

  test.each(cases)('%s in a %s area', (nr, status, facts) => {
    const expected =
      status === 'NONE' ? [] : status === 'PREVENTION_AREA' ? [`§ 59 stk. 7 (stk. 6 ${nr})`] : [`§ 59 stk. 6 ${nr}`];
    expect(rules(household(facts), { status })).toEqual(expected);
  });

  test.each(cases)(
    '%s in a %s area excludes nobody through the platform (with or without combined letting)',
    (_, status, facts) => {
      expect(rules(household(facts), { status, channel: 'PLATFORM' })).toEqual([]);
      expect(rules(household(facts), { status, channel: 'PLATFORM', combinedLetting: true })).toEqual([]);
    },
  );

  describe('nr. 1: released from a prison sentence within 6 months', () => {
    const released = (on: Day) => household({ prisonReleases: [on] });

    test.each([
      ['2026-01-30', []],
      ['2026-01-31', ['§ 59 stk. 6 nr. 1']],
      ['2026-07-30', ['§ 59 stk. 6 nr. 1']],
      ['2026-07-31', []],
    ])('released 2026-01-31, the round on %s', (date, expected) => {
      expect(rules(released('2026-01-31'), { date })).toEqual(expected);
    });

    test('the reason names the member by position, the release date and the last day it excludes', () => {
      expect(reasons(released('2026-01-31'), 'VULNERABLE_AREA', '2026-07-30')).toEqual([
        'an adult was released from a prison sentence on 2026-01-31 (this excludes through 2026-07-30)',
      ]);
    });

    test('month end: six months after 31 August is the last day of February', () => {
      expect(rules(released('2025-08-31'), { date: '2026-02-27' })).toEqual(['§ 59 stk. 6 nr. 1']);
      expect(rules(released('2025-08-31'), { date: '2026-02-28' })).toEqual([]);
      expect(reasons(released('2025-08-31'), 'VULNERABLE_AREA', '2026-02-27')[0]).toMatch(
        /excludes through 2026-02-27\)$/,
      );
      // In a leap year February has a 29th.
      expect(rules(released('2023-08-31'), { date: '2024-02-28' })).toEqual(['§ 59 stk. 6 nr. 1']);
      expect(rules(released('2023-08-31'), { date: '2024-02-29' })).toEqual([]);
    });

    test('of several releases the latest one counts', () => {
      const twice = household({ prisonReleases: ['2026-03-01', '2025-12-01', '2024-01-01'] });
      expect(reasons(twice)).toEqual([
        'an adult was released from a prison sentence on 2026-03-01 (this excludes through 2026-08-31)',
      ]);
    });
  });

  describe('nr. 2: under 18 and released from an institution after a conviction within 6 months', () => {
    test('17 on the round date is excluded, 18 is not', () => {
      expect(rules(household({ age: 17, youthInstitutionReleases: ['2026-03-01'] }))).toEqual(['§ 59 stk. 6 nr. 2']);
      expect(rules(household({ age: 18, youthInstitutionReleases: ['2026-03-01'] }))).toEqual([]);
      expect(
        rules(household({ age: 17, youthInstitutionReleases: ['2026-03-01'] }), { status: 'PREVENTION_AREA' }),
      ).toEqual(['§ 59 stk. 7 (stk. 6 nr. 2)']);
    });

    test('the six months, both sides', () => {
      expect(rules(household({ age: 16, youthInstitutionReleases: ['2025-11-05'] }))).toEqual(['§ 59 stk. 6 nr. 2']);
      expect(rules(household({ age: 16, youthInstitutionReleases: ['2025-11-04'] }))).toEqual([]);
      expect(reasons(household({ age: 16, youthInstitutionReleases: ['2025-11-05'] }))).toEqual([
        'a member aged 16 was released from an institution after a conviction on 2025-11-05 (this excludes through 2026-05-04)',
      ]);
    });
  });

  describe('nr. 3: a lease terminated for gross misconduct within 6 months', () => {
    test('the six months, both sides, and a termination after the round date does not count', () => {
      expect(rules(household({ leaseTerminations: ['2025-11-05'] }))).toEqual(['§ 59 stk. 6 nr. 3']);
      expect(rules(household({ leaseTerminations: ['2025-11-04'] }))).toEqual([]);
      expect(rules(household({ leaseTerminations: [DATE] }))).toEqual(['§ 59 stk. 6 nr. 3']);
      expect(rules(household({ leaseTerminations: ['2026-05-05'] }))).toEqual([]);
      expect(reasons(household({ leaseTerminations: ['2025-11-05'] }))).toEqual([
        'an adult had a lease terminated for gross misconduct on 2025-11-05 (this excludes through 2026-05-04)',
      ]);
    });
  });

  describe('nr. 4: not a citizen of an EU/EEA country or Switzerland, students excepted', () => {
    test.each([
      ['OTHER', false, ['§ 59 stk. 6 nr. 4']],
      ['OTHER', true, []],
      ['DANISH', false, []],
      ['EU_EEA_SWISS', false, []],
      // Unknown citizenship is not an adverse fact: no exclusion (the service must ask for it).
      [null, false, []],
    ] as const)('citizenship %s, student %s', (citizenship, student, expected) => {
      expect(rules(household({ citizenship, student }))).toEqual(expected);
    });

    test('any member counts, a child too, and the reason names it by age', () => {
      expect(reasons(household({ citizenship: 'DANISH' }, { age: 7, citizenship: 'OTHER' }))).toEqual([
        'a member aged 7 is not a citizen of an EU/EEA country or Switzerland and is not a student',
      ]);
    });
  });
});

describe('§ 59 stk. 6 nr. 5: 6 consecutive months of cash benefits (municipal allocation, udsatte areas)', () => {
  const receiving = (...benefits: MemberFacts['benefits']) => household({ benefits });

  test.each(ALL_BENEFITS)('%s since 2025-11-04 excludes from 2026-05-04, not on 2026-05-03', (kind) => {
    expect(rules(receiving(benefit(kind, '2025-11-04')), { date: '2026-05-03' })).toEqual([]);
    expect(rules(receiving(benefit(kind, '2025-11-04')), { date: '2026-05-04' })).toEqual(['§ 59 stk. 6 nr. 5']);
    expect(rules(receiving(benefit(kind, '2025-11-05')), { date: '2026-05-04' })).toEqual([]);
  });

  test.each(ALL_STATUSES)('kontanthjælp for a year in a %s area', (status) => {
    const expected = UDSAT.includes(status) ? ['§ 59 stk. 6 nr. 5'] : [];
    expect(rules(receiving(benefit('KONTANTHJAELP', '2025-05-01')), { status })).toEqual(expected);
    // Through the platform only § 51 c (transformation areas) and § 51 b (combined letting, not decided here) apply.
    const platform = status === 'TRANSFORMATION_AREA' ? ['§ 51 c'] : [];
    expect(rules(receiving(benefit('KONTANTHJAELP', '2025-05-01')), { status, channel: 'PLATFORM' })).toEqual(platform);
  });

  test('the reason names the benefit and the start of the period', () => {
    expect(reasons(receiving(benefit('KONTANTHJAELP', '2025-11-03')))).toEqual([
      'an adult has received kontanthjælp for 6 consecutive months (since 2025-11-03)',
    ]);
  });

  test('two adjoining periods of different benefits make one unbroken period', () => {
    const adjoining = receiving(
      benefit('KONTANTHJAELP', '2025-11-04', '2026-01-31'),
      benefit('UDDANNELSESHJAELP', '2026-02-01'),
    );
    expect(rules(adjoining)).toEqual(['§ 59 stk. 6 nr. 5']);
    expect(reasons(adjoining)).toEqual([
      'an adult has received kontanthjælp and uddannelseshjælp for 6 consecutive months (since 2025-11-04)',
    ]);
  });

  test('overlapping periods make one unbroken period, in any order', () => {
    const overlapping = receiving(
      benefit('UDDANNELSESHJAELP', '2026-02-01'),
      benefit('KONTANTHJAELP', '2025-11-04', '2026-03-01'),
    );
    expect(rules(overlapping)).toEqual(['§ 59 stk. 6 nr. 5']);
  });

  test('a one-day gap breaks the period, which then counts from its new start', () => {
    const gap = receiving(
      benefit('KONTANTHJAELP', '2025-11-04', '2026-01-30'),
      benefit('UDDANNELSESHJAELP', '2026-02-01'),
    );
    expect(rules(gap)).toEqual([]);
    expect(rules(gap, { date: '2026-07-31' })).toEqual([]);
    expect(rules(gap, { date: '2026-08-01' })).toEqual(['§ 59 stk. 6 nr. 5']);
  });

  test('a period must still be running on the round date', () => {
    expect(rules(receiving(benefit('KONTANTHJAELP', '2025-01-01', '2026-05-03')))).toEqual([]);
    expect(rules(receiving(benefit('KONTANTHJAELP', '2025-01-01', DATE)))).toEqual(['§ 59 stk. 6 nr. 5']);
    expect(rules(receiving(benefit('KONTANTHJAELP', '2025-01-01', '2026-12-31')))).toEqual(['§ 59 stk. 6 nr. 5']);
  });

  test('a period that starts after the round date does not count', () => {
    expect(rules(receiving(benefit('KONTANTHJAELP', '2026-05-05')))).toEqual([]);
  });

  test('a child receiving counts too (any member)', () => {
    expect(rules(household({ age: 17, benefits: [benefit('UDDANNELSESHJAELP', '2025-01-01')] }))).toEqual([
      '§ 59 stk. 6 nr. 5',
    ]);
  });
});

describe('§ 59 stk. 7: prevention areas count only selvforsørgelses- og hjemrejseydelse and overgangsydelse', () => {
  const prevention = { status: 'PREVENTION_AREA' as const };

  test('kontanthjælp or uddannelseshjælp alone does not exclude, however long', () => {
    expect(rules(household({ benefits: [benefit('KONTANTHJAELP', '2020-01-01')] }), prevention)).toEqual([]);
    expect(rules(household({ benefits: [benefit('UDDANNELSESHJAELP', '2020-01-01')] }), prevention)).toEqual([]);
  });

  test.each(['SELVFORSOERGELSES_OG_HJEMREJSEYDELSE', 'OVERGANGSYDELSE'] as const)(
    '%s: the six months, both sides',
    (kind) => {
      expect(rules(household({ benefits: [benefit(kind, '2025-11-04')] }), prevention)).toEqual(['§ 59 stk. 7']);
      expect(rules(household({ benefits: [benefit(kind, '2025-11-05')] }), prevention)).toEqual([]);
    },
  );

  test('adjoining periods of the two counted benefits make one period', () => {
    const adjoining = household({
      benefits: [
        benefit('SELVFORSOERGELSES_OG_HJEMREJSEYDELSE', '2025-11-04', '2026-01-31'),
        benefit('OVERGANGSYDELSE', '2026-02-01'),
      ],
    });
    expect(reasons(adjoining, 'PREVENTION_AREA')).toEqual([
      'an adult has received selvforsørgelses- og hjemrejseydelse and overgangsydelse for 6 consecutive months (since 2025-11-04)',
    ]);
  });

  test('kontanthjælp does not bridge into an overgangsydelse period here, though it does in an udsat area', () => {
    const both = household({
      benefits: [benefit('KONTANTHJAELP', '2025-01-01', '2026-01-31'), benefit('OVERGANGSYDELSE', '2026-02-01')],
    });
    expect(rules(both, prevention)).toEqual([]);
    expect(rules(both, { status: 'VULNERABLE_AREA' })).toEqual(['§ 59 stk. 6 nr. 5']);
  });
});

describe('§§ 51 b and 51 c: letting from the platform (the housing organisation’s own letting)', () => {
  const platform = (status: AreaStatus, combinedLetting: boolean) => ({
    status,
    channel: 'PLATFORM' as const,
    combinedLetting,
  });
  const adult = household({ age: 18, benefits: [benefit('KONTANTHJAELP', '2025-11-04')] });
  const child = household({ age: 17, benefits: [benefit('KONTANTHJAELP', '2025-11-04')] });

  test.each([true, false])(
    '§ 51 c: rejection is mandatory in a transformation area (combined letting %s)',
    (combined) => {
      expect(rules(adult, platform('TRANSFORMATION_AREA', combined))).toEqual(['§ 51 c']);
      expect(rules(child, platform('TRANSFORMATION_AREA', combined))).toEqual([]);
      expect(rules(adult, { ...platform('TRANSFORMATION_AREA', combined), date: '2026-05-03' })).toEqual([]);
      expect(
        exclusions(adult, vacancy({ channel: 'PLATFORM' }), area({ status: 'TRANSFORMATION_AREA' }), DATE),
      ).toEqual([
        {
          rule: '§ 51 c',
          reason:
            'an adult has received kontanthjælp for 6 consecutive months (since 2025-11-04); ' +
            'rejection is mandatory in a transformation area',
        },
      ]);
    },
  );

  test.each(ALL_STATUSES.filter((status) => status !== 'TRANSFORMATION_AREA'))(
    '§ 51 b: in a %s area only where the municipality has decided combined letting',
    (status) => {
      expect(rules(adult, platform(status, true))).toEqual(['§ 51 b']);
      expect(rules(adult, platform(status, false))).toEqual([]);
      expect(rules(child, platform(status, true))).toEqual([]);
      expect(rules(adult, { ...platform(status, true), date: '2026-05-03' })).toEqual([]);
    },
  );

  test.each(ALL_BENEFITS)('§ 51 b counts %s', (kind) => {
    expect(rules(household({ benefits: [benefit(kind, '2025-11-04')] }), platform('NONE', true))).toEqual(['§ 51 b']);
  });

  test('§ 51 b names the adult, not the child before it, and says why', () => {
    const family = household(
      { age: 15, benefits: [benefit('KONTANTHJAELP', '2020-01-01')] },
      { age: 40, benefits: [benefit('UDDANNELSESHJAELP', '2025-10-01')] },
    );
    expect(
      exclusions(family, vacancy({ channel: 'PLATFORM' }), area({ status: 'NONE', combinedLetting: true }), DATE),
    ).toEqual([
      {
        rule: '§ 51 b',
        reason:
          'an adult has received uddannelseshjælp for 6 consecutive months (since 2025-10-01); ' +
          'the municipality has decided combined letting for the area',
      },
    ]);
  });

  test('combined letting does not govern municipal allocation', () => {
    expect(rules(adult, { status: 'NONE', combinedLetting: true })).toEqual([]);
    expect(rules(adult, { status: 'PREVENTION_AREA', combinedLetting: true })).toEqual([]);
  });

  test('through the platform a vulnerable area without combined letting excludes nobody on legal grounds', () => {
    const everything = household({
      age: 17,
      citizenship: 'OTHER',
      prisonReleases: ['2026-04-01'],
      youthInstitutionReleases: ['2026-04-01'],
      leaseTerminations: ['2026-04-01'],
      benefits: ALL_BENEFITS.map((kind) => benefit(kind, '2020-01-01')),
    });
    expect(rules(everything, { status: 'VULNERABLE_AREA', channel: 'PLATFORM' })).toEqual([]);
    expect(rules(everything, { status: 'VULNERABLE_AREA' })).toEqual([
      '§ 59 stk. 6 nr. 1',
      '§ 59 stk. 6 nr. 2',
      '§ 59 stk. 6 nr. 3',
      '§ 59 stk. 6 nr. 4',
      '§ 59 stk. 6 nr. 5',
    ]);
  });
});

describe('order and one exclusion per rule', () => {
  const everything = seeker({
    needs: { minRooms: 9, stepFreeAccess: true, maxMonthlyRentOre: 0, acceptableMunicipalityCodes: ['0101'] },
    consentValid: false,
    members: [
      member({ age: 16, citizenship: 'OTHER', youthInstitutionReleases: ['2026-04-01'] }),
      member({
        citizenship: 'OTHER',
        prisonReleases: ['2026-04-01'],
        leaseTerminations: ['2026-04-01'],
        benefits: [benefit('OVERGANGSYDELSE', '2020-01-01')],
      }),
      member({ citizenship: 'OTHER', prisonReleases: ['2026-04-02'] }),
    ],
  });
  const far = vacancy({ availableFrom: '2027-01-01', stepFreeAccess: false });

  test('needs first, then consent, then the law by rule name', () => {
    expect(exclusions(everything, far, area({ status: 'PARALLEL_SOCIETY' }), DATE).map((e) => e.rule)).toEqual([
      'NEEDS_ROOMS',
      'NEEDS_STEP_FREE',
      'NEEDS_RENT',
      'NEEDS_MUNICIPALITY',
      'NEEDS_AVAILABLE',
      'CONSENT',
      '§ 59 stk. 6 nr. 1',
      '§ 59 stk. 6 nr. 2',
      '§ 59 stk. 6 nr. 3',
      '§ 59 stk. 6 nr. 4',
      '§ 59 stk. 6 nr. 5',
    ]);
    expect(
      exclusions(everything, far, area({ status: 'PREVENTION_AREA' }), DATE)
        .map((e) => e.rule)
        .slice(6),
    ).toEqual([
      '§ 59 stk. 7',
      '§ 59 stk. 7 (stk. 6 nr. 1)',
      '§ 59 stk. 7 (stk. 6 nr. 2)',
      '§ 59 stk. 7 (stk. 6 nr. 3)',
      '§ 59 stk. 7 (stk. 6 nr. 4)',
    ]);
  });

  test('when several members meet a rule, the reason names the first', () => {
    const found = exclusions(everything, vacancy(), area(), DATE);
    expect(found.find((e) => e.rule === '§ 59 stk. 6 nr. 4')?.reason).toBe(
      'a member aged 16 is not a citizen of an EU/EEA country or Switzerland and is not a student',
    );
    expect(found.find((e) => e.rule === '§ 59 stk. 6 nr. 1')?.reason).toBe(
      'an adult was released from a prison sentence on 2026-04-01 (this excludes through 2026-09-30)',
    );
  });
});

describe('describeExclusion', () => {
  const vollsmose = area();

  test('the law by area and rule', () => {
    expect(describeExclusion(vollsmose, { rule: '§ 59 stk. 6 nr. 5', reason: 'x' })).toBe(
      'Vollsmose: § 59 stk. 6 nr. 5',
    );
    expect(describeExclusion(vollsmose, { rule: '§ 51 c', reason: 'x' })).toBe('Vollsmose: § 51 c');
  });

  test('needs and consent in words', () => {
    const words = (rule: string) => describeExclusion(vollsmose, { rule, reason: 'x' });
    expect(words('NEEDS_ROOMS')).toBe('Vollsmose: fewer rooms than needed');
    expect(words('NEEDS_STEP_FREE')).toBe('Vollsmose: no step-free access');
    expect(words('NEEDS_RENT')).toBe('Vollsmose: rent above what the household can pay');
    expect(words('NEEDS_MUNICIPALITY')).toBe('Vollsmose: not in a municipality the household accepts');
    expect(words('NEEDS_AVAILABLE')).toBe('Vollsmose: not available within 90 days');
    expect(words('CONSENT')).toBe('Vollsmose: no consent or lawful basis for relocation in force');
  });

  test('any other rule by name', () => {
    expect(describeExclusion(vollsmose, { rule: 'COMMITMENT', reason: 'x' })).toBe('Vollsmose: COMMITMENT');
  });
});

describe('properties', () => {
  const FIRST = Date.UTC(2015, 0, 1) / 86_400_000;
  const LAST = Date.UTC(2035, 11, 31) / 86_400_000;
  const toDay = (n: number): Day => new Date(n * 86_400_000).toISOString().slice(0, 10);
  const day = fc.integer({ min: FIRST, max: LAST }).map(toDay);
  const roundDate = fc.integer({ min: Date.UTC(2021, 10, 30) / 86_400_000, max: LAST }).map(toDay);
  const municipalities = ['0101', '0461', '0751', '0851'];
  const period = fc
    .tuple(day, fc.option(fc.integer({ min: 0, max: 800 })))
    .map(([startedOn, length]) => ({ startedOn, endedOn: length === null ? null : addDays(startedOn, length) }));
  const benefits = fc.array(fc.record({ benefit: fc.constantFrom(...ALL_BENEFITS), period }), { maxLength: 4 });
  const memberFacts = fc.record({
    age: fc.integer({ min: 0, max: 100 }),
    citizenship: fc.constantFrom<MemberFacts['citizenship']>('DANISH', 'EU_EEA_SWISS', 'OTHER', null),
    student: fc.boolean(),
    prisonReleases: fc.array(day, { maxLength: 3 }),
    youthInstitutionReleases: fc.array(day, { maxLength: 3 }),
    leaseTerminations: fc.array(day, { maxLength: 3 }),
    benefits,
    outsideWorkOrEducation: fc.boolean(),
    openMunicipalCase: fc.boolean(),
  });
  const seekerOf = (members: fc.Arbitrary<MemberFacts>) =>
    fc.record({
      id: fc.constant('seeker-1'),
      kind: fc.constantFrom<Seeker['kind']>('CASE', 'APPLICATION'),
      municipalityCode: fc.constantFrom(...municipalities),
      members: fc.array(members, { minLength: 1, maxLength: 5 }),
      needs: fc.record({
        minRooms: fc.integer({ min: 1, max: 6 }),
        stepFreeAccess: fc.boolean(),
        maxMonthlyRentOre: fc.integer({ min: 0, max: 2_000_000 }),
        acceptableMunicipalityCodes: fc.subarray(municipalities),
      }),
      consentValid: fc.boolean(),
      waitingSince: day,
      preferredMunicipalityCodes: fc.subarray(municipalities),
      anchorMunicipalityCodes: fc.subarray(municipalities),
    });
  const anArea = fc.record({
    id: fc.constant('area-1'),
    name: fc.constantFrom('Vollsmose', 'Gellerup', 'Mjølnerparken'),
    municipalityCode: fc.constantFrom(...municipalities),
    status: fc.constantFrom(...ALL_STATUSES),
    combinedLetting: fc.boolean(),
    residents: fc.option(fc.integer({ min: 0, max: 20_000 })),
    outsideWorkOrEducationPpm: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
  });
  const aVacancy = fc.record({
    id: fc.constant('vacancy-1'),
    unitId: fc.constant('unit-1'),
    areaId: fc.constant('area-1'),
    municipalityCode: fc.constantFrom(...municipalities),
    channel: fc.constantFrom<Channel>('MUNICIPAL_ALLOCATION', 'PLATFORM'),
    rooms: fc.integer({ min: 1, max: 6 }),
    stepFreeAccess: fc.boolean(),
    monthlyRentOre: fc.integer({ min: 0, max: 2_000_000 }),
    availableFrom: day,
  });

  test('exclusions never throws, is deterministic, leaves its input alone and keeps its order', () => {
    fc.assert(
      fc.property(seekerOf(memberFacts), aVacancy, anArea, roundDate, (who, home, where, date) => {
        const before = structuredClone([who, home, where]);
        const found = exclusions(who, home, where, date);
        expect(structuredClone([who, home, where])).toEqual(before);
        expect(exclusions(structuredClone(who), structuredClone(home), structuredClone(where), date)).toEqual(found);

        const names = found.map(({ rule }) => rule);
        expect(new Set(names).size).toBe(names.length);
        const legal = names.filter(isLegal);
        expect(names.slice(names.length - legal.length)).toEqual(legal);
        expect(legal).toEqual([...legal].sort());
        if (home.channel === 'PLATFORM') expect(legal.every((rule) => rule.startsWith('§ 51'))).toBe(true);
        else expect(legal.every((rule) => rule.startsWith('§ 59'))).toBe(true);
        for (const { reason } of found) expect(reason).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  // A reference for adding months, through Date: the same day of the month, or the month's last day.
  const sixMonthsOn = (from: Day): Day => {
    const [year, month, dayOfMonth] = from.split('-').map(Number) as [number, number, number];
    const lastDay = new Date(Date.UTC(year, month + 6, 0)).getUTCDate();
    return new Date(Date.UTC(year, month + 5, Math.min(dayOfMonth, lastDay))).toISOString().slice(0, 10);
  };

  test('a release excludes from its day through the day before the same day six months on (month end clamped)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (release, offset) => {
        const date = addDays(release, offset);
        fc.pre(date >= '2021-11-30');
        const found = exclusions(
          household({ prisonReleases: [release] }),
          vacancy({ availableFrom: date }),
          area(),
          date,
        );
        const end = sixMonthsOn(release);
        if (release <= date && date < end) {
          expect(found).toEqual([
            {
              rule: '§ 59 stk. 6 nr. 1',
              reason: `an adult was released from a prison sentence on ${release} (this excludes through ${addDays(end, -1)})`,
            },
          ]);
        } else {
          expect(found).toEqual([]);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  test('§ 59 stk. 6 nr. 5 agrees with counting the unbroken run day by day', () => {
    const near = fc.integer({ min: -900, max: 0 }).map((offset) => addDays(DATE, offset));
    const periods = fc.array(
      fc.record({
        benefit: fc.constantFrom(...ALL_BENEFITS),
        period: fc
          .tuple(near, fc.option(fc.integer({ min: 0, max: 300 }), { freq: 4 }))
          .map(([startedOn, length]) => ({ startedOn, endedOn: length === null ? null : addDays(startedOn, length) })),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(periods, (given) => {
        const covers = (on: Day) =>
          given.some(({ period }) => period.startedOn <= on && (period.endedOn === null || on <= period.endedOn));
        let start: Day | undefined;
        if (covers(DATE)) {
          start = DATE;
          while (covers(addDays(start, -1))) start = addDays(start, -1);
        }
        const expected = start !== undefined && sixMonthsOn(start) <= DATE ? ['§ 59 stk. 6 nr. 5'] : [];
        expect(rules(household({ benefits: given }))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('a household with no adverse facts is never legally excluded', () => {
    const clean = fc.record({
      age: fc.integer({ min: 0, max: 100 }),
      citizenship: fc.constantFrom<MemberFacts['citizenship']>('DANISH', 'EU_EEA_SWISS', 'OTHER', null),
      student: fc.boolean(),
      outsideWorkOrEducation: fc.boolean(),
      openMunicipalCase: fc.boolean(),
      // Old events (more than 6 months back) and future ones, and benefit periods that have ended.
      oldEvents: fc.array(fc.integer({ min: 185, max: 3_000 }), { maxLength: 3 }),
      futureEvents: fc.array(fc.integer({ min: 1, max: 3_000 }), { maxLength: 3 }),
      benefits,
    });
    fc.assert(
      fc.property(
        fc.array(clean, { minLength: 1, maxLength: 5 }),
        aVacancy,
        anArea,
        roundDate,
        (members, home, where, date) => {
          const events = (facts: { oldEvents: number[]; futureEvents: number[] }) => [
            ...facts.oldEvents.map((days) => addDays(date, -days)),
            ...facts.futureEvents.map((days) => addDays(date, days)),
          ];
          const household = seeker({
            // Its own municipality's home: § 59 stk. 1 (who allocates) is not a fact about the household.
            municipalityCode: home.municipalityCode,
            members: members.map((facts) =>
              member({
                age: facts.age,
                citizenship: facts.citizenship === 'OTHER' && !facts.student ? 'EU_EEA_SWISS' : facts.citizenship,
                student: facts.student,
                outsideWorkOrEducation: facts.outsideWorkOrEducation,
                openMunicipalCase: facts.openMunicipalCase,
                prisonReleases: events(facts),
                youthInstitutionReleases: events(facts),
                leaseTerminations: events(facts),
                benefits: facts.benefits.filter(({ period }) => period.endedOn !== null && period.endedOn < date),
              }),
            ),
          });
          expect(exclusions(household, home, where, date).filter(({ rule }) => isLegal(rule))).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('§ 59 stk. 1: who allocates a home', () => {
  test("municipal allocation is for the municipality's own households; the platform channel crosses borders", () => {
    const own = seeker({ municipalityCode: '461' });
    const other = seeker({ municipalityCode: '101' });
    const municipal = vacancy({ municipalityCode: '461', channel: 'MUNICIPAL_ALLOCATION' });
    const platform = vacancy({ municipalityCode: '461', channel: 'PLATFORM' });
    const where = area({ id: municipal.areaId, municipalityCode: '461', status: 'NONE' });
    expect(exclusions(own, municipal, where, '2026-06-01').map((e) => e.rule)).toEqual([]);
    expect(exclusions(other, municipal, where, '2026-06-01').map((e) => e.rule)).toEqual(['§ 59 stk. 1']);
    expect(exclusions(other, { ...platform, areaId: where.id }, where, '2026-06-01').map((e) => e.rule)).toEqual([]);
  });
});
