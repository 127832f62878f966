// Who may be offered which home: the household's own needs, its consent, and the letting rules of Almenboligloven
// (§ 59 stk. 6-7 for municipal allocation, §§ 51 b and 51 c for the housing organisation's own letting). The law is
// held as dated data (LETTING_RULE_VERSIONS): a new act is a new version with its own tests, never an edit here.
import {
  type Area,
  type CashBenefit,
  type Day,
  type Exclusion,
  type MemberFacts,
  type Seeker,
  type Vacancy,
} from './types';

/** One version of the letting rules, in force for rounds dated on or after `validFrom` until the next version. */
export interface LettingRuleVersion {
  /** E.g. 'ABL-2021'; a decision records it. */
  id: string;
  /** The first round date it governs. */
  validFrom: Day;
  /** The law it renders. */
  source: string;
  /**
   * Months a release from prison (nr. 1), from a youth institution (nr. 2) or a lease termination (nr. 3) keeps
   * excluding, counted from its date.
   */
  recentMonths: number;
  /**
   * Consecutive months of cash benefits that exclude (nr. 5, stk. 7, § 51 b, § 51 c), counted from the start of an
   * unbroken period still running on the round's date.
   */
  benefitMonths: number;
  /** Cash benefits § 59 stk. 6 nr. 5 counts. */
  stk6Benefits: readonly CashBenefit[];
  /** Cash benefits § 59 stk. 7 counts (prevention areas). */
  stk7Benefits: readonly CashBenefit[];
  /** Cash benefits §§ 51 b and 51 c count (the housing organisation's own letting). */
  combinedLettingBenefits: readonly CashBenefit[];
  /** Under this age a member released from an institution after a conviction counts under nr. 2. */
  youthAge: number;
}

const ALL_CASH_BENEFITS: readonly CashBenefit[] = [
  'KONTANTHJAELP',
  'UDDANNELSESHJAELP',
  'SELVFORSOERGELSES_OG_HJEMREJSEYDELSE',
  'OVERGANGSYDELSE',
];

/** Every version of the letting rules, oldest first. */
export const LETTING_RULE_VERSIONS: readonly LettingRuleVersion[] = [
  {
    id: 'ABL-2021',
    validFrom: '2021-11-30',
    source:
      'Almenboligloven §§ 51 b, 51 c and 59 stk. 6-7 as amended by L 23 (2021-22), in force 30 November 2021; ' +
      'consolidated in LBK nr. 1171 af 11/11/2024',
    recentMonths: 6,
    benefitMonths: 6,
    stk6Benefits: ALL_CASH_BENEFITS,
    stk7Benefits: ['SELVFORSOERGELSES_OG_HJEMREJSEYDELSE', 'OVERGANGSYDELSE'],
    combinedLettingBenefits: ALL_CASH_BENEFITS,
    youthAge: 18,
  },
];

/**
 * A home that becomes available more than this many days after the round's date is too far off to offer: the
 * household needs somewhere to live now. Platform policy, not law.
 */
export const MAX_DAYS_UNTIL_AVAILABLE = 90;

/**
 * The age from which a member is an adult (myndighedsalder, værgemålsloven § 1) for §§ 51 b and 51 c, which ask
 * about the applicant and spouse. Not part of the letting acts, so not in the dated versions.
 */
export const ADULT_AGE = 18;

/** The rule names an Exclusion carries. */
export const RULES = {
  NEEDS_ROOMS: 'NEEDS_ROOMS',
  NEEDS_STEP_FREE: 'NEEDS_STEP_FREE',
  NEEDS_RENT: 'NEEDS_RENT',
  NEEDS_MUNICIPALITY: 'NEEDS_MUNICIPALITY',
  NEEDS_AVAILABLE: 'NEEDS_AVAILABLE',
  CONSENT: 'CONSENT',
  ALLOCATION_RIGHT: '§ 59 stk. 1',
  STK6_NR1: '§ 59 stk. 6 nr. 1',
  STK6_NR2: '§ 59 stk. 6 nr. 2',
  STK6_NR3: '§ 59 stk. 6 nr. 3',
  STK6_NR4: '§ 59 stk. 6 nr. 4',
  STK6_NR5: '§ 59 stk. 6 nr. 5',
  STK7: '§ 59 stk. 7',
  STK7_NR1: '§ 59 stk. 7 (stk. 6 nr. 1)',
  STK7_NR2: '§ 59 stk. 7 (stk. 6 nr. 2)',
  STK7_NR3: '§ 59 stk. 7 (stk. 6 nr. 3)',
  STK7_NR4: '§ 59 stk. 7 (stk. 6 nr. 4)',
  COMBINED_LETTING: '§ 51 b',
  TRANSFORMATION_AREA: '§ 51 c',
} as const;

const NEEDS_WORDS: Readonly<Record<string, string>> = {
  [RULES.NEEDS_ROOMS]: 'fewer rooms than needed',
  [RULES.NEEDS_STEP_FREE]: 'no step-free access',
  [RULES.NEEDS_RENT]: 'rent above what the household can pay',
  [RULES.NEEDS_MUNICIPALITY]: 'not in a municipality the household accepts',
  [RULES.NEEDS_AVAILABLE]: `not available within ${MAX_DAYS_UNTIL_AVAILABLE} days`,
  [RULES.CONSENT]: 'no consent or lawful basis for relocation in force',
};

const BENEFIT_WORDS: Readonly<Record<CashBenefit, string>> = {
  KONTANTHJAELP: 'kontanthjælp',
  UDDANNELSESHJAELP: 'uddannelseshjælp',
  SELVFORSOERGELSES_OG_HJEMREJSEYDELSE: 'selvforsørgelses- og hjemrejseydelse',
  OVERGANGSYDELSE: 'overgangsydelse',
};

/**
 * The version of the letting rules in force on `date`: the one with the latest `validFrom` on or before it.
 * Throws when `date` is before every version (no rules are known for it).
 */
export function lettingRulesOn(
  date: Day,
  versions: readonly LettingRuleVersion[] = LETTING_RULE_VERSIONS,
): LettingRuleVersion {
  const day = checkDay(date, 'the round date');
  let found: LettingRuleVersion | undefined;
  for (const version of versions) {
    checkDay(version.validFrom, `validFrom of letting rule version ${version.id}`);
    if (version.validFrom <= day && (found === undefined || version.validFrom > found.validFrom)) found = version;
  }
  if (found === undefined) {
    const first = versions.map((version) => version.validFrom).sort()[0];
    throw new Error(
      first === undefined
        ? 'no letting rule versions are given'
        : `no letting rules are known for ${day}: the first version governs from ${first}`,
    );
  }
  return found;
}

/**
 * Every reason the vacancy is closed to the seeker on the date: the household's needs, its consent, and the law
 * (the version in force on the date unless `rules` is given). Empty: eligible.
 *
 * Order is stable: the needs rules, then CONSENT, then the law's rules sorted by name. One exclusion per rule; when
 * several members meet it, the reason names the first of them (by position in `seeker.members`, never by name).
 *
 * Dates: an event on day R (a release, a lease termination) excludes on R and up to, not including, R plus
 * `recentMonths` calendar months; a benefit period excludes once its start plus `benefitMonths` is on or before the
 * round's date. Adding months keeps the day of the month, or takes the month's last day when it has no such day
 * (2025-08-31 + 6 months = 2026-02-28), as Danish deadlines counted in months do. Events after the round's date do
 * not count. A member whose citizenship is unknown (null) is not excluded under nr. 4: the law needs the fact, and a
 * missing fact is not an adverse one; the service gathering facts must ask for it.
 */
export function exclusions(
  seeker: Seeker,
  vacancy: Vacancy,
  area: Area,
  date: Day,
  rules: LettingRuleVersion = lettingRulesOn(date),
): Exclusion[] {
  const day = checkDay(date, 'the round date');
  if (vacancy.areaId !== area.id) {
    throw new Error(`vacancy ${vacancy.id} lies in area ${vacancy.areaId}, not in area ${area.id}`);
  }
  const needs = needsExclusions(seeker, vacancy, day);
  const legal = legalExclusions(seeker.members, vacancy, area, day, rules).sort((a, b) =>
    a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0,
  );
  return [...needs, ...legal];
}

/**
 * One line for a caseworker: `'Vollsmose: § 59 stk. 6 nr. 5'` for the law's rules, `'Vollsmose: fewer rooms than
 * needed'` for the household's needs and consent, and the rule's name for any other rule.
 */
export function describeExclusion(area: Area, exclusion: Exclusion): string {
  return `${area.name}: ${NEEDS_WORDS[exclusion.rule] ?? exclusion.rule}`;
}

/** The household's needs, then its consent, in this fixed order. */
function needsExclusions(seeker: Seeker, vacancy: Vacancy, date: Day): Exclusion[] {
  const { needs } = seeker;
  const found: Exclusion[] = [];
  if (vacancy.rooms < needs.minRooms) {
    found.push({
      rule: RULES.NEEDS_ROOMS,
      reason: `the home has ${vacancy.rooms} rooms; the household needs at least ${needs.minRooms}`,
    });
  }
  if (needs.stepFreeAccess && !vacancy.stepFreeAccess) {
    found.push({ rule: RULES.NEEDS_STEP_FREE, reason: 'the household needs step-free access; the home has none' });
  }
  if (vacancy.monthlyRentOre > needs.maxMonthlyRentOre) {
    found.push({
      rule: RULES.NEEDS_RENT,
      reason:
        `the rent is ${kroner(vacancy.monthlyRentOre)} a month; ` +
        `the household can pay at most ${kroner(needs.maxMonthlyRentOre)}`,
    });
  }
  if (
    needs.acceptableMunicipalityCodes.length > 0 &&
    !needs.acceptableMunicipalityCodes.includes(vacancy.municipalityCode)
  ) {
    found.push({
      rule: RULES.NEEDS_MUNICIPALITY,
      reason: `the home is in municipality ${vacancy.municipalityCode}, which the household has not accepted`,
    });
  }
  const latest = addDays(date, MAX_DAYS_UNTIL_AVAILABLE);
  if (checkDay(vacancy.availableFrom, `availableFrom of vacancy ${vacancy.id}`) > latest) {
    found.push({
      rule: RULES.NEEDS_AVAILABLE,
      reason:
        `the home is available from ${vacancy.availableFrom}, ` +
        `more than ${MAX_DAYS_UNTIL_AVAILABLE} days after ${date}`,
    });
  }
  if (!seeker.consentValid) {
    found.push({ rule: RULES.CONSENT, reason: 'no consent or lawful basis for relocation is in force' });
  }
  // § 59 stk. 1: the municipality where the home is holds the right to allocate it, for its own households.
  // Homes across municipal borders come through the platform channel (the cooperation), not municipal allocation.
  if (vacancy.channel === 'MUNICIPAL_ALLOCATION' && seeker.municipalityCode !== vacancy.municipalityCode) {
    found.push({
      rule: RULES.ALLOCATION_RIGHT,
      reason:
        `municipality ${vacancy.municipalityCode} allocates this home (§ 59 stk. 1) to its own households; ` +
        `the household is municipality ${seeker.municipalityCode}'s`,
    });
  }
  return found;
}

function legalExclusions(
  members: readonly MemberFacts[],
  vacancy: Vacancy,
  area: Area,
  date: Day,
  rules: LettingRuleVersion,
): Exclusion[] {
  if (vacancy.channel === 'MUNICIPAL_ALLOCATION') {
    switch (area.status) {
      case 'VULNERABLE_AREA':
      case 'PARALLEL_SOCIETY':
      case 'TRANSFORMATION_AREA':
        return compact([
          ...stk6Nr1To4(members, date, rules, [RULES.STK6_NR1, RULES.STK6_NR2, RULES.STK6_NR3, RULES.STK6_NR4]),
          benefitRule(members, date, rules, RULES.STK6_NR5, rules.stk6Benefits, 0, ''),
        ]);
      case 'PREVENTION_AREA':
        return compact([
          ...stk6Nr1To4(members, date, rules, [RULES.STK7_NR1, RULES.STK7_NR2, RULES.STK7_NR3, RULES.STK7_NR4]),
          benefitRule(members, date, rules, RULES.STK7, rules.stk7Benefits, 0, ''),
        ]);
      case 'NONE':
        return [];
    }
  }
  if (area.status === 'TRANSFORMATION_AREA') {
    return compact([
      benefitRule(
        members,
        date,
        rules,
        RULES.TRANSFORMATION_AREA,
        rules.combinedLettingBenefits,
        ADULT_AGE,
        '; rejection is mandatory in a transformation area',
      ),
    ]);
  }
  if (area.combinedLetting) {
    return compact([
      benefitRule(
        members,
        date,
        rules,
        RULES.COMBINED_LETTING,
        rules.combinedLettingBenefits,
        ADULT_AGE,
        '; the municipality has decided combined letting for the area',
      ),
    ]);
  }
  return [];
}

/** § 59 stk. 6 nr. 1-4, under the rule names given (stk. 6 itself, or stk. 7 referring to it). */
function stk6Nr1To4(
  members: readonly MemberFacts[],
  date: Day,
  rules: LettingRuleVersion,
  [nr1, nr2, nr3, nr4]: readonly [string, string, string, string],
): (Exclusion | undefined)[] {
  const recent = (rule: string, events: (member: MemberFacts) => readonly Day[], what: string, youthOnly: boolean) =>
    firstMember(members, (member) => {
      if (youthOnly && member.age >= rules.youthAge) return undefined;
      const event = latestRecentEvent(events(member), date, rules.recentMonths);
      if (event === undefined) return undefined;
      const through = addDays(addMonths(event, rules.recentMonths), -1);
      return { rule, reason: `${who(member)} ${what} on ${event} (this excludes through ${through})` };
    });
  return [
    recent(nr1, (member) => member.prisonReleases, 'was released from a prison sentence', false),
    recent(
      nr2,
      (member) => member.youthInstitutionReleases,
      'was released from an institution after a conviction',
      true,
    ),
    recent(nr3, (member) => member.leaseTerminations, 'had a lease terminated for gross misconduct', false),
    firstMember(members, (member) =>
      member.citizenship === 'OTHER' && !member.student
        ? {
            rule: nr4,
            reason: `${who(member)} is not a citizen of an EU/EEA country or Switzerland and is not a student`,
          }
        : undefined,
    ),
  ];
}

/** `benefitMonths` consecutive months of the counted benefits, for a member at least `minAge` old. */
function benefitRule(
  members: readonly MemberFacts[],
  date: Day,
  rules: LettingRuleVersion,
  rule: string,
  counted: readonly CashBenefit[],
  minAge: number,
  why: string,
): Exclusion | undefined {
  return firstMember(members, (member) => {
    if (member.age < minAge) return undefined;
    const period = runningPeriod(member, counted, date);
    if (period === undefined || addMonths(period.startedOn, rules.benefitMonths) > date) return undefined;
    const names = counted.filter((benefit) => period.benefits.has(benefit)).map((benefit) => BENEFIT_WORDS[benefit]);
    return {
      rule,
      reason:
        `${who(member)} has received ${joinWords(names)} for ${rules.benefitMonths} consecutive months ` +
        `(since ${period.startedOn})${why}`,
    };
  });
}

interface MergedPeriod {
  startedOn: Day;
  /** null: still running. */
  endedOn: Day | null;
  benefits: Set<CashBenefit>;
}

/**
 * The unbroken period of the counted benefits that is running on `date`, if any. Periods of any counted benefit
 * merge when they overlap or touch (the next starts on or before the day after the previous ends). A period that
 * ends before it starts covers no day and is ignored.
 */
function runningPeriod(member: MemberFacts, counted: readonly CashBenefit[], date: Day): MergedPeriod | undefined {
  const periods = member.benefits
    .filter(({ benefit }) => counted.includes(benefit))
    .map(({ benefit, period }) => ({
      benefit,
      startedOn: checkDay(period.startedOn, 'the start of a benefit period'),
      endedOn: period.endedOn === null ? null : checkDay(period.endedOn, 'the end of a benefit period'),
    }))
    .filter(({ startedOn, endedOn }) => endedOn === null || endedOn >= startedOn)
    .sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));
  let current: MergedPeriod | undefined;
  for (const period of periods) {
    if (period.startedOn > date) break;
    if (current !== undefined && (current.endedOn === null || period.startedOn <= addDays(current.endedOn, 1))) {
      if (current.endedOn !== null && (period.endedOn === null || period.endedOn > current.endedOn)) {
        current.endedOn = period.endedOn;
      }
      current.benefits.add(period.benefit);
    } else {
      current = { startedOn: period.startedOn, endedOn: period.endedOn, benefits: new Set([period.benefit]) };
    }
  }
  return current !== undefined && (current.endedOn === null || current.endedOn >= date) ? current : undefined;
}

/** The latest event R with R <= date < R + months, if any. */
function latestRecentEvent(events: readonly Day[], date: Day, months: number): Day | undefined {
  let latest: Day | undefined;
  for (const event of events) {
    const day = checkDay(event, 'a release or lease termination date');
    if (day <= date && date < addMonths(day, months) && (latest === undefined || day > latest)) latest = day;
  }
  return latest;
}

function firstMember(
  members: readonly MemberFacts[],
  test: (member: MemberFacts) => Exclusion | undefined,
): Exclusion | undefined {
  for (const member of members) {
    const found = test(member);
    if (found !== undefined) return found;
  }
  return undefined;
}

function compact(found: readonly (Exclusion | undefined)[]): Exclusion[] {
  return found.filter((exclusion): exclusion is Exclusion => exclusion !== undefined);
}

/** A member by position in the household only: never a name. */
function who(member: MemberFacts): string {
  return member.age >= ADULT_AGE ? 'an adult' : `a member aged ${member.age}`;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Øre as kroner with two decimals, in integers (no floating point): 725000 → 'DKK 7,250.00'. */
function kroner(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(ore));
  const whole = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}DKK ${whole}.${(abs % 100).toString().padStart(2, '0')}`;
}

// Calendar days as proleptic Gregorian civil dates, in integer arithmetic (no time zones, no Date).

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Civil {
  year: number;
  month: number;
  day: number;
}

function parseDay(text: Day): Civil | undefined {
  const match = DAY_PATTERN.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** The day itself, or a clear error naming what it was meant to be. */
function checkDay(text: Day, what: string): Day {
  civil(text, what);
  return text;
}

function civil(text: Day, what = 'a date'): Civil {
  const parsed = parseDay(text);
  if (parsed === undefined) throw new Error(`${what} is not a calendar day (YYYY-MM-DD): '${text}'`);
  return parsed;
}

function formatDay({ year, month, day }: Civil): Day {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Calendar months later (or earlier), keeping the day of the month or taking the month's last day. */
function addMonths(text: Day, months: number): Day {
  const { year, month, day } = civil(text);
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = index - toYear * 12 + 1;
  return formatDay({ year: toYear, month: toMonth, day: Math.min(day, daysInMonth(toYear, toMonth)) });
}

function addDays(text: Day, days: number): Day {
  return fromEpochDays(toEpochDays(civil(text)) + days);
}

// Days since 1970-01-01 and back (H. Hinnant's days_from_civil / civil_from_days).
function toEpochDays({ year, month, day }: Civil): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromEpochDays(days: number): Day {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatDay({ year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day });
}
