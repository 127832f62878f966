// The national data set, generated: a pure function of the seed, the scale, the day it describes and the reference
// data (no database, no clock, no randomness but the seeded generator's). At scale 1: the 98 municipalities, some
// 1,000 housing areas with 550,000 units, a year of vacancies, 20,000 households with a relocation case each in
// every state of the case's life (with its history, offers, consents, nominations and reception strategies), the
// cooperation agreements, grants and compensation, the domain events the households service published and what
// finance and evaluation made of them, and ten years of area indicators.
//
// The rules the services apply come from the services themselves (the compensation schedule, the split of a grant,
// the agreement in force, the area classification, a household's composition on a day), so that what is written
// is what the services would have written.
import type { AreaYearIndicators } from '@second-chance/evaluation';
import { classify } from '@second-chance/evaluation';
import { caseRef } from '@second-chance/evaluation/src/store/events';
import { compensationSchedule, splitAmount, yearlyAmount } from '@second-chance/finance';
import { inValidity, resolvePayers, versionOn } from '@second-chance/finance/src/domain/agreements';
import { scheduleTotal } from '@second-chance/finance/src/domain/compensation';
import { ageOn, isAdultOn } from '@second-chance/households/src/domain/cpr';
import { EVENT_VERSION, eventType } from '@second-chance/households/src/domain/events';
import { isOutsideLabourMarket, type LabourMarketStatus } from '@second-chance/households/src/domain/facts';
import { type Random, generator } from '../bench-common';
import { KINDS, type Measure, nationalConvictionPpm, ppm } from '../bench-indicators';
import {
  AREA_FIRST,
  AREA_LAST,
  FIRST_NAMES,
  type Municipality,
  type Region,
  STREET_LAST,
  SURNAMES,
  socialHousingWeight,
} from './reference';
import type {
  AgreementRow,
  AgreementVersionRow,
  AreaRow,
  AreaStatus,
  CaseEventAction,
  CaseEventRow,
  CaseRow,
  CaseState,
  CompensationPolicy,
  ConsentRow,
  CriminalRecordFactRow,
  DeclineReason,
  DepartmentRow,
  DomainEventRow,
  EntitlementRow,
  EvaluationReceivedEventRow,
  FinanceReceivedEventRow,
  FollowUpPoint,
  GrantPaymentRow,
  GrantPolicy,
  GrantRow,
  HouseholdRow,
  InMoveRow,
  Instant,
  LettingChannel,
  LettingPolicyRow,
  MemberFactRow,
  MemberRow,
  NationalDataSet,
  NominationReason,
  NominationRow,
  OfferRow,
  OfferStatus,
  OfficialStatusRow,
  OrganisationRow,
  OutcomeRow,
  ParticipationRow,
  ReservationRow,
  StrategyActivityRow,
  StrategyPartyRow,
  StrategyRow,
  UnitKind,
  UnitRow,
  VacancyRow,
  VacancyStatus,
} from './rows';

export interface GenerateOptions {
  seed: number;
  /** 1 = national; everything but the 98 municipalities scales with it. */
  scale: number;
  /** The day the data set describes (YYYY-MM-DD). */
  asOf: string;
  municipalities: readonly Municipality[];
  /** The households service's pseudonym of a household (PersonalDataCipher.pseudonym, a keyed hash). */
  pseudonym: (householdId: string) => string;
}

// ---------------------------------------------------------------------------------------------------------------
// Sizes at scale 1

export const NATIONAL = {
  areas: 1_000,
  units: 550_000,
  households: 20_000,
  /** Units that fall vacant in a year (some 11 %). */
  turnover: 0.11,
  /** Years of area indicators, the last being the year of `asOf`. */
  indicatorYears: 10,
  /** How long the programme has run: the first nominations, years before `asOf`. */
  programmeYears: 3.5,
} as const;

/** The share of cases in each state (they sum to 1). */
const STATE_SHARES: readonly (readonly [CaseState, number])[] = [
  ['NOMINATED', 0.05],
  ['CONSENTED', 0.04],
  ['SEARCHING', 0.14],
  ['OFFERED', 0.05],
  ['ACCEPTED', 0.04],
  ['MOVED', 0.06],
  ['FOLLOW_UP', 0.22],
  ['CLOSED', 0.14],
  ['DECLINED', 0.09],
  ['WITHDRAWN', 0.06],
  ['CANCELLED', 0.11],
];
export const CASE_STATES: readonly CaseState[] = STATE_SHARES.map(([state]) => state);

/** The state a case stopped in, for each way a case stops. */
const STOPPED_FROM: Readonly<
  Record<'DECLINED' | 'WITHDRAWN' | 'CANCELLED', readonly (readonly [CaseState, number])[]>
> = {
  DECLINED: [
    ['NOMINATED', 0.15],
    ['CONSENTED', 0.2],
    ['SEARCHING', 0.45],
    ['OFFERED', 0.2],
  ],
  WITHDRAWN: [
    ['NOMINATED', 0.1],
    ['CONSENTED', 0.15],
    ['SEARCHING', 0.35],
    ['OFFERED', 0.1],
    ['ACCEPTED', 0.1],
    ['MOVED', 0.05],
    ['FOLLOW_UP', 0.15],
  ],
  CANCELLED: [
    ['NOMINATED', 0.55],
    ['CONSENTED', 0.1],
    ['SEARCHING', 0.25],
    ['OFFERED', 0.05],
    ['FOLLOW_UP', 0.05],
  ],
};

const PROGRESS: readonly CaseState[] = [
  'NOMINATED',
  'CONSENTED',
  'SEARCHING',
  'OFFERED',
  'ACCEPTED',
  'MOVED',
  'FOLLOW_UP',
  'CLOSED',
];

const LABOUR_MARKET: readonly (readonly [LabourMarketStatus, number])[] = [
  ['EMPLOYED', 0.3],
  ['SELF_EMPLOYED', 0.02],
  ['IN_EDUCATION', 0.08],
  ['UNEMPLOYMENT_INSURANCE_BENEFIT', 0.05],
  ['SICKNESS_BENEFIT', 0.05],
  ['KONTANTHJAELP', 0.2],
  ['UDDANNELSESHJAELP', 0.04],
  ['SELVFORSOERGELSES_OG_HJEMREJSEYDELSE', 0.05],
  ['OVERGANGSYDELSE', 0.03],
  ['RESSOURCEFORLOEBSYDELSE', 0.03],
  ['LEDIGHEDSYDELSE', 0.02],
  ['FOERTIDSPENSION', 0.08],
  ['OTHER_OUTSIDE_LABOUR_MARKET', 0.05],
];

const NOMINATION_REASONS: readonly (readonly [NominationReason, string])[] = [
  ['NEIGHBOURHOOD_CONFLICT', 'Long-running conflicts in the stairwell; the family wants a fresh start elsewhere.'],
  ['SAFETY', 'The family does not feel safe in the area.'],
  ['HARMFUL_NETWORK', 'A network in the area holds the family back.'],
  ['HOUSING_NEEDS', 'The home is too small for the family.'],
  ['CHILDREN_FRESH_START', 'A fresh start for the children: a new school and new friends.'],
  ['OTHER', 'The family has asked for a new start in another municipality.'],
];
const DECLINE_REASONS: readonly DeclineReason[] = [
  'TOO_FAR_FROM_NETWORK',
  'TOO_FAR_FROM_WORK_OR_SCHOOL',
  'HOME_DOES_NOT_FIT',
  'RENT_TOO_HIGH',
  'AREA_NOT_WANTED',
  'WANTS_TO_STAY',
  'OTHER',
];
const ACTIVITIES: readonly (readonly [StrategyActivityRow['kind'], string, StrategyPartyRow['party']])[] = [
  ['EMPLOYMENT', 'Contact with the job centre in the new municipality', 'RECEIVING_MUNICIPALITY'],
  ['EDUCATION', 'Guidance on education for the young adults', 'RECEIVING_MUNICIPALITY'],
  ['SCHOOL', 'Places at the local school', 'RECEIVING_MUNICIPALITY'],
  ['DAYCARE', 'A daycare place from the move', 'RECEIVING_MUNICIPALITY'],
  ['HEALTH', 'A new general practitioner', 'SENDING_MUNICIPALITY'],
  ['MENTOR', 'A mentor for the first year', 'RECEIVING_MUNICIPALITY'],
  ['LOCAL_NETWORK', 'Welcome visit from the residents’ board', 'HOUSING_ORGANISATION'],
  ['DEBT_COUNSELLING', 'Debt counselling before the move', 'SENDING_MUNICIPALITY'],
  ['OTHER', 'Help with the moving day', 'HOUSING_ORGANISATION'],
];

// ---------------------------------------------------------------------------------------------------------------
// Days and instants

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10);
const dayOfInstant = (instant: Instant) => Math.floor(instant / DAY_MS);
const dateOfInstant = (instant: Instant) => dateOf(dayOfInstant(instant));
const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

// ---------------------------------------------------------------------------------------------------------------
// Helpers on the generator

/** Picks by weight; `weights` are cumulative sums (binary search). */
function weighted<T>(random: Random, items: readonly T[], cumulative: readonly number[]): T {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = random.next() * total;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 0) > target) high = mid;
    else low = mid + 1;
  }
  return items[low] as T;
}

function cumulativeOf(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

function share<T>(random: Random, shares: readonly (readonly [T, number])[]): T {
  let roll = random.next();
  for (const [value, p] of shares) {
    roll -= p;
    if (roll < 0) return value;
  }
  return (shares[shares.length - 1] as readonly [T, number])[0];
}

/** `total` split over `weights` by largest remainder (whole numbers that sum to `total`). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    whole[i] = (whole[i] ?? 0) + 1;
    left -= 1;
  }
  return whole;
}

const hex8 = (random: Random) => random.int(0, 0xffff_ffff).toString(16).padStart(8, '0');

/** A version-4 UUID from the generator (as bench-common's `uuid`, with a quarter of the draws: there are millions). */
function uuid(random: Random): string {
  const a = hex8(random);
  const b = hex8(random);
  const c = hex8(random);
  const d = hex8(random);
  const variant = ((parseInt(c.charAt(0), 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** A separate stream per part of the data set: changing one part leaves the others as they were. */
function stream(seed: number, part: number): Random {
  return generator((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(part + 1, 0x85ebca6b)) >>> 0);
}

// ---------------------------------------------------------------------------------------------------------------
// The people who act (the summary gives the benchmark their identities)

export const actors = {
  caseworker: (code: string) => `caseworker-${code}`,
  financeOfficer: (code: string) => `finance-officer-${code}`,
  lettingOfficer: (organisationId: string) => `letting-officer-${organisationId.slice(0, 8)}`,
  evaluator: 'evaluator-national',
  evaluatorOrganisation: 'national-evaluation',
  platformAdmin: 'platform-admin-national',
  system: 'system:households',
};

// ---------------------------------------------------------------------------------------------------------------
// The generator

interface AreaInfo {
  row: AreaRow;
  kind: keyof typeof KINDS;
  municipality: number;
  /** Indexes into units of the area's units. */
  units: number[];
  administrator: OrganisationRow;
  allocationShareBp: number;
  flexible: boolean;
}

interface UnitInfo {
  row: UnitRow;
  area: AreaInfo;
  organisationId: string;
}

interface Person {
  birthDate: string;
  status: LabourMarketStatus | null;
  openCase: boolean;
}

export function generateNationalDataSet(options: GenerateOptions): NationalDataSet {
  const { seed, asOf, municipalities } = options;
  const scale = options.scale;
  if (!(scale > 0 && scale <= 10)) throw new Error(`scale must be above 0 and at most 10, not ${scale}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be a date YYYY-MM-DD, not ${asOf}`);
  const today = dayNumber(asOf);
  // "Now" is the start of the day in Denmark (22:00 UTC the day before: midnight in summer, 23:00 in winter), so
  // that nothing lies ahead of a reader on that day but answer deadlines and reservations.
  const now: Instant = today * DAY_MS - 2 * 3_600_000;
  const asOfYear = Number(asOf.slice(0, 4));
  const programmeStart = Math.floor(today - NATIONAL.programmeYears * 365);
  const programmeStartDate = dateOf(programmeStart);
  /** A moment of a working day (07–15 UTC). */
  const during = (random: Random, day: number): Instant =>
    Math.floor(day) * DAY_MS + 7 * 3_600_000 + random.int(0, 8 * 3_600_000 - 1);
  const past = (instant: Instant) => Math.min(instant, now - 60_000);

  // -------------------------------------------------------------------------------------------------------------
  // Housing: organisations, areas, departments, units

  const housingRandom = stream(seed, 1);
  const areaCount = Math.max(2, Math.round(NATIONAL.areas * scale));
  const weights = municipalities.map((m) => socialHousingWeight(m.code));
  const areasPer =
    areaCount >= municipalities.length * 2
      ? apportion(areaCount - municipalities.length, weights).map((n) => n + 1)
      : apportion(areaCount, weights);

  const organisations: OrganisationRow[] = [];
  const areas: AreaInfo[] = [];
  const departments: DepartmentRow[] = [];
  const units: UnitInfo[] = [];
  const lettingPolicies: LettingPolicyRow[] = [];
  const organisationsOf: OrganisationRow[][] = municipalities.map(() => []);
  const departmentNumbers = new Map<string, number>();
  let cvr = 20_000_000 + housingRandom.int(0, 999_999);

  // Area sizes: log-normal around the mean, then scaled so the units add up to the target.
  const sizes = areasPer.flatMap((n) => Array.from({ length: n }, () => Math.exp(0.7 * housingRandom.normal())));
  const unitTarget = Math.max(areaCount * 40, Math.round(NATIONAL.units * scale));
  const sizeSum = sizes.reduce((a, b) => a + b, 0);
  let sizeIndex = 0;
  const builtFrom = dayNumber('1950-01-01');
  const registeredOn = programmeStart - 200;

  municipalities.forEach((municipality, m) => {
    const count = areasPer[m] ?? 0;
    if (count === 0) return;
    const postalCode = String(1000 + m * 90 + housingRandom.int(0, 9)).slice(0, 4);
    const organisationCount = Math.max(1, Math.round(Math.sqrt(count)));
    for (let o = 0; o < organisationCount; o++) {
      const row: OrganisationRow = {
        id: uuid(housingRandom),
        name: `Boligselskabet ${municipality.name}${organisationCount > 1 ? ` ${o + 1}` : ''}`,
        cvrNumber: String((cvr += housingRandom.int(1, 97))).slice(0, 8),
        municipalityCode: municipality.code,
        createdAt: during(housingRandom, registeredOn - housingRandom.int(0, 200)),
      };
      organisations.push(row);
      organisationsOf[m]?.push(row);
    }
    const names = new Set<string>();
    for (let a = 0; a < count; a++) {
      let name = `${housingRandom.pick(AREA_FIRST)}${housingRandom.pick(AREA_LAST)}`;
      for (let n = 2; names.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
      names.add(name);
      const administrator = housingRandom.pick(organisationsOf[m] ?? []);
      const roll = housingRandom.next();
      const kind: AreaInfo['kind'] = roll < 0.84 ? 'ordinary' : roll < 0.92 ? 'pressure' : 'vulnerable';
      const createdAt = during(housingRandom, registeredOn + housingRandom.int(0, 100));
      const area: AreaInfo = {
        row: {
          id: uuid(housingRandom),
          name,
          municipalityCode: municipality.code,
          administratorId: administrator.id,
          residentCount: 0, // from the indicators, below
          createdAt,
          updatedAt: createdAt,
        },
        kind,
        municipality: m,
        units: [],
        administrator,
        allocationShareBp: kind === 'ordinary' ? housingRandom.pick([2_500, 2_500, 2_500, 3_300, 0]) : 2_500,
        flexible: kind !== 'ordinary' || housingRandom.next() < 0.2,
      };
      areas.push(area);

      // Departments: one to three, mostly of the administrator; units over them.
      const unitCount = Math.max(40, Math.round(((sizes[sizeIndex++] ?? 1) / sizeSum) * unitTarget));
      const departmentCount = Math.min(3, 1 + Math.floor(unitCount / 400) + (housingRandom.next() < 0.3 ? 1 : 0));
      const perDepartment = apportion(
        unitCount,
        Array.from({ length: departmentCount }, () => housingRandom.uniform(0.5, 1.5)),
      );
      for (let d = 0; d < departmentCount; d++) {
        const owner =
          d === 0 || housingRandom.next() < 0.6 ? administrator : housingRandom.pick(organisationsOf[m] ?? []);
        const number = (departmentNumbers.get(owner.id) ?? 0) + 1;
        departmentNumbers.set(owner.id, number);
        const department: DepartmentRow = {
          id: uuid(housingRandom),
          organisationId: owner.id,
          areaId: area.row.id,
          number: String(number),
          name: `${name}, afdeling ${number}`,
          createdAt: during(housingRandom, registeredOn + housingRandom.int(100, 150)),
        };
        departments.push(department);
        const builtIn = housingRandom.int(builtFrom, dayNumber('2015-01-01'));
        const streetStem = housingRandom.pick(AREA_FIRST);
        const street = `${streetStem}${housingRandom.pick(STREET_LAST)}`;
        const floors = housingRandom.int(2, 8);
        const elevator = floors > 4 && housingRandom.next() < 0.8;
        const youth = housingRandom.next() < 0.08;
        const senior = !youth && housingRandom.next() < 0.08;
        const count = perDepartment[d] ?? 0;
        for (let u = 0; u < count; u++) {
          // Stairwells of `floors` floors with two or three doors each.
          const doors = 3;
          const perHouse = floors * doors;
          const house = Math.floor(u / perHouse);
          const within = u % perHouse;
          const floor = Math.floor(within / doors);
          const kind: UnitKind = youth ? 'YOUTH' : senior ? 'SENIOR' : 'FAMILY';
          const rooms =
            kind === 'YOUTH'
              ? housingRandom.int(1, 2)
              : kind === 'SENIOR'
                ? housingRandom.int(2, 3)
                : housingRandom.int(1, 5);
          const floorArea = 20 + rooms * 20 + housingRandom.int(0, 20);
          const createdAt = during(housingRandom, registeredOn + housingRandom.int(150, 200));
          units.push({
            row: {
              id: uuid(housingRandom),
              departmentId: department.id,
              street,
              houseNumber: String(2 * house + 1 + d * 200),
              floor: floor === 0 ? 'st' : String(floor),
              door: ['tv', 'mf', 'th'][within % doors] as string,
              postalCode,
              city: municipality.name,
              rooms,
              floorAreaM2: floorArea,
              // 70–110 kr per m² a month, whole kroner.
              monthlyRentOre:
                Math.round((floorArea * housingRandom.int(70, 110) * (builtIn > 20_000 ? 1.1 : 1)) / 1) * 100,
              kind,
              stepFreeAccess: elevator || (floor === 0 && housingRandom.next() < 0.5),
              elevator,
              createdAt,
              updatedAt: createdAt,
            },
            area,
            organisationId: owner.id,
          });
          area.units.push(units.length - 1);
        }
      }

      // The area's letting policy, and a later one for some.
      const criteria: LettingPolicyRow['flexibleLettingCriteria'] = area.flexible
        ? housingRandom.next() < 0.5
          ? ['EMPLOYMENT', 'EDUCATION']
          : ['EMPLOYMENT', 'EDUCATION', 'LOCAL_TIES']
        : [];
      const policyFrom = registeredOn + housingRandom.int(0, 60);
      lettingPolicies.push({
        id: uuid(housingRandom),
        areaId: area.row.id,
        validFrom: dateOf(policyFrom),
        flexibleLettingCriteria: criteria,
        flexibleLettingNote: criteria.length ? 'Priority to applicants in work or education' : null,
        combinedLetting: kind === 'vulnerable',
        municipalAllocationShareBp: area.allocationShareBp,
        setBy: actors.lettingOfficer(administrator.id),
        createdAt: during(housingRandom, policyFrom - 10),
      });
      if (housingRandom.next() < 0.25) {
        const later = housingRandom.int(programmeStart, today - 30);
        lettingPolicies.push({
          id: uuid(housingRandom),
          areaId: area.row.id,
          validFrom: dateOf(later),
          flexibleLettingCriteria: [...criteria, 'FAMILIES_WITH_CHILDREN'],
          flexibleLettingNote: 'Families with children also have priority',
          combinedLetting: kind !== 'ordinary',
          municipalAllocationShareBp: area.allocationShareBp,
          setBy: actors.lettingOfficer(administrator.id),
          createdAt: during(housingRandom, later - 10),
        });
      }
    }
  });
  const unitIndex = new Map(units.map((u, i) => [u.row.id, i]));

  // -------------------------------------------------------------------------------------------------------------
  // Evaluation: ten years of indicators per area (the bench-indicators model of drift), and the official lists

  const indicatorRandom = stream(seed, 2);
  const firstYear = asOfYear - NATIONAL.indicatorYears + 1;
  const historyOf = new Map<string, AreaYearIndicators[]>();
  for (const area of areas) {
    const ranges = KINDS[area.kind];
    const improving = area.kind === 'vulnerable' && indicatorRandom.next() < 0.5;
    const level = {} as Record<Measure, number>;
    const trend = {} as Record<Measure, number>;
    for (const measure of Object.keys(ranges) as Measure[]) {
      const [min, max] = ranges[measure];
      level[measure] = indicatorRandom.uniform(min, max);
      trend[measure] = indicatorRandom.normal() * (measure === 'convictions' ? 0.03 : 0.003);
    }
    if (improving) {
      Object.assign(trend, { outside: -0.012, convictions: -0.12, basic: -0.01, income: 0.015, nonWestern: -0.005 });
    }
    // Some 2.1 residents per unit in the last year; the count drifts back through the years.
    const lastResidents = Math.max(60, Math.round(area.units.length * indicatorRandom.uniform(1.8, 2.4)));
    const counts: number[] = [lastResidents];
    for (let y = 1; y < NATIONAL.indicatorYears; y++) {
      counts.unshift(Math.max(50, Math.round((counts[0] ?? 0) / (1 + 0.02 * indicatorRandom.normal()))));
    }
    const reportsOpenCases = indicatorRandom.next() < 0.8;
    const history: AreaYearIndicators[] = [];
    for (let year = firstYear; year <= asOfYear; year++) {
      if (year > firstYear) {
        for (const measure of Object.keys(level) as Measure[]) {
          const noise = measure === 'convictions' ? 0.15 : measure === 'income' ? 0.015 : 0.01;
          level[measure] = Math.max(0, level[measure] + trend[measure] + noise * indicatorRandom.normal());
        }
      }
      const national = nationalConvictionPpm(year);
      history.push({
        areaId: area.row.id,
        year,
        residents: counts[year - firstYear] ?? lastResidents,
        outsideWorkOrEducationPpm: ppm(level.outside),
        convictionPpm: Math.min(1_000_000, Math.round(level.convictions * national)),
        nationalConvictionPpm: national,
        basicSchoolingOnlyPpm: ppm(level.basic),
        incomeOfRegionPpm: ppm(level.income, 10_000_000),
        nonWesternPpm: ppm(level.nonWestern),
        openMunicipalCasePpm: reportsOpenCases ? ppm(level.open) : null,
      });
    }
    area.row.residentCount = lastResidents;
    historyOf.set(area.row.id, history);
  }
  const indicators = Array.from({ length: NATIONAL.indicatorYears }, (_, i) => ({
    year: firstYear + i,
    rows: areas.map((area) => historyOf.get(area.row.id)?.[i] as AreaYearIndicators),
  }));

  // The ministry's lists: every list published by `asOf` under the rules (from 2018), as the law classifies.
  const officialStatuses: OfficialStatusRow[] = [];
  const latestList = asOf >= `${asOfYear}-12-01` ? asOfYear : asOfYear - 1;
  for (const area of areas) {
    const history = historyOf.get(area.row.id) ?? [];
    for (let year = Math.max(2018, firstYear + 1); year <= latestList; year++) {
      const status: AreaStatus = classify(history, year).status;
      if (status === 'NONE') continue;
      officialStatuses.push({
        id: uuid(indicatorRandom),
        areaId: area.row.id,
        year,
        status,
        publishedOn: `${year}-12-01`,
        recordedBy: actors.platformAdmin,
        recordedAt: during(indicatorRandom, dayNumber(`${year}-12-02`)),
      });
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Households and their cases

  const householdRandom = stream(seed, 3);
  const householdCount = Math.max(CASE_STATES.length, Math.round(NATIONAL.households * scale));
  const withAreas = municipalities.map((_, m) => areas.some((a) => a.municipality === m));
  const unitsOfMunicipality: number[][] = municipalities.map(() => []);
  areas.forEach((area) => unitsOfMunicipality[area.municipality]?.push(...area.units));
  // Households come from the municipalities with the most social housing, most of all from their areas under
  // pressure: weight^1.3 concentrates them in the large cities, as the lists do.
  const sendingWeights = cumulativeOf(weights.map((w, m) => (withAreas[m] ? w ** 1.3 : 0)));
  const receivingWeights = cumulativeOf(weights.map((w, m) => (withAreas[m] ? w : 0)));
  const municipalityIndexes = municipalities.map((_, i) => i);
  const homeWeight = (area: AreaInfo) => (area.kind === 'vulnerable' ? 6 : area.kind === 'pressure' ? 3 : 1);
  const homeAreas = municipalities.map((_, m) => {
    const own = areas.filter((a) => a.municipality === m);
    return { areas: own, cumulative: cumulativeOf(own.map((a) => homeWeight(a) * a.units.length)) };
  });

  /** Units with a household in them or a vacancy of the platform's: no other vacancy is made of them. */
  const busy = new Set<number>();
  const households: HouseholdRow[] = [];
  const members: MemberRow[] = [];
  const memberFacts: MemberFactRow[] = [];
  const criminalRecordFacts: CriminalRecordFactRow[] = [];
  const consents: ConsentRow[] = [];
  const nominations: NominationRow[] = [];
  const cases: CaseRow[] = [];
  const caseEvents: CaseEventRow[] = [];
  const offers: OfferRow[] = [];
  const strategies: StrategyRow[] = [];
  const strategyParties: StrategyPartyRow[] = [];
  const strategyActivities: StrategyActivityRow[] = [];
  const vacancies: VacancyRow[] = [];
  const reservations: ReservationRow[] = [];
  /** Per case, in order: what the outbox holds (finance and evaluation are built from it). */
  const pendingEvents: { row: DomainEventRow; composition: Person[] }[] = [];
  const cprs = new Set<string>();

  const pickHome = (m: number): number | null => {
    const own = homeAreas[m];
    if (!own || own.areas.length === 0) return null;
    for (let attempt = 0; attempt < 20; attempt++) {
      const area = weighted(householdRandom, own.areas, own.cumulative);
      const unit = householdRandom.pick(area.units);
      if (!busy.has(unit)) return unit;
    }
    return null;
  };

  const cprOf = (birthDate: string): string => {
    const year = Number(birthDate.slice(0, 4));
    const prefix = `${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`;
    for (;;) {
      const seventh = year >= 2000 ? householdRandom.pick([4, 9]) : householdRandom.int(0, 3);
      const cpr = `${prefix}${seventh}${String(householdRandom.int(0, 999)).padStart(3, '0')}`;
      if (!cprs.has(cpr)) {
        cprs.add(cpr);
        return cpr;
      }
    }
  };

  /** The household's composition on a day, as `publishCaseEvent` computes it. */
  const compositionOn = (people: readonly Person[], date: string) => {
    const adults = people.filter((p) => isAdultOn(p.birthDate, date));
    const workingAge = adults.filter((p) => ageOn(p.birthDate, date) <= 64);
    return {
      adults: adults.length,
      children: people.length - adults.length,
      adultsOfWorkingAge: workingAge.length,
      adultsOutsideLabourMarket: workingAge.filter((p) => p.status !== null && isOutsideLabourMarket(p.status)).length,
      adultsWithOpenMunicipalCase: adults.filter((p) => p.openCase).length,
      membersWithOpenMunicipalCase: people.filter((p) => p.openCase).length,
    };
  };

  /** A unit in another municipality than `sending` that fits the household, with no vacancy yet. */
  const pickOfferedUnit = (sending: number, household: HouseholdRow, acceptable: number[]): number | null => {
    for (let attempt = 0; attempt < 60; attempt++) {
      const m =
        acceptable.length && attempt < 40
          ? householdRandom.pick(acceptable)
          : weighted(householdRandom, municipalityIndexes, receivingWeights);
      if (m === sending) continue;
      const pool = unitsOfMunicipality[m] ?? [];
      if (pool.length === 0) continue;
      const u = householdRandom.pick(pool);
      const unit = units[u]?.row;
      if (!unit || busy.has(u)) continue;
      const fits =
        unit.kind === 'FAMILY' &&
        unit.rooms >= (household.minRooms ?? 0) &&
        (!household.needsStepFreeAccess || unit.stepFreeAccess) &&
        unit.monthlyRentOre <= (household.maxMonthlyRentOre ?? Infinity) &&
        (household.acceptableMunicipalityCodes.length === 0 ||
          household.acceptableMunicipalityCodes.includes(units[u]?.area.row.municipalityCode ?? ''));
      if (fits || attempt >= 50) return u;
    }
    return null;
  };

  const guaranteedStates = [...CASE_STATES];
  for (let h = 0; h < householdCount; h++) {
    const m = weighted(householdRandom, municipalityIndexes, sendingWeights);
    const municipality = municipalities[m] as Municipality;
    const code = municipality.code;
    const caseworker = actors.caseworker(code);
    // Every state at least once (the first households of the busiest municipalities), then by the shares.
    const guaranteed = guaranteedStates.shift();
    const state: CaseState = guaranteed ?? share(householdRandom, STATE_SHARES);
    // One searching case shows every way an offer ends (declined, expired, withdrawn, failed, being reserved).
    const showcase = guaranteed === 'SEARCHING';

    // The plan of the case: its steps in days from the nomination, then placed in time.
    const plan = planCase(householdRandom, state, showcase);
    let span = plan.steps[plan.steps.length - 1]?.at ?? 0;
    const dwell = plan.dwell;
    let created = now - (span + dwell) * DAY_MS;
    const earliest = programmeStart * DAY_MS;
    if (created < earliest) {
      const room = (now - earliest) / DAY_MS;
      const factor = Math.min(1, (room - Math.min(dwell, room / 4)) / Math.max(span, 1));
      for (const step of plan.steps) step.at *= factor;
      for (const offer of plan.offers) {
        offer.at *= factor;
        offer.end = offer.end === null ? null : offer.end * factor;
      }
      span *= factor;
      created = Math.max(earliest, now - (span + Math.min(dwell, room / 4)) * DAY_MS);
    }
    created = Math.floor(created);
    const instant = (days: number) => past(Math.floor(created + days * DAY_MS));
    const createdDay = dayOfInstant(created);

    // The household: registered some weeks before the nomination, living in the municipality's social housing
    // (mostly in an area under pressure) or at an address of its own.
    const homeUnit = householdRandom.next() < 0.88 ? pickHome(m) : null;
    if (homeUnit !== null) busy.add(homeUnit);
    const registered = during(householdRandom, createdDay - householdRandom.int(7, 90));
    const adultCount = share(householdRandom, [
      [1, 0.45],
      [2, 0.45],
      [3, 0.1],
    ] as const);
    const childCount = share(householdRandom, [
      [0, 0.25],
      [1, 0.2],
      [2, 0.25],
      [3, 0.17],
      [4, 0.09],
      [5, 0.04],
    ] as const);
    const size = adultCount + childCount;
    const householdId = uuid(householdRandom);
    const stepFree = householdRandom.next() < 0.08;
    const minRooms = Math.max(1, Math.min(5, Math.ceil(size / 2) + (householdRandom.next() < 0.3 ? 1 : 0)));
    const acceptable =
      householdRandom.next() < 0.3
        ? Array.from(
            new Set(
              Array.from({ length: householdRandom.int(2, 5) }, () =>
                weighted(householdRandom, municipalityIndexes, receivingWeights),
              ),
            ),
          ).filter((i) => i !== m)
        : [];
    const household: HouseholdRow = {
      id: householdId,
      responsibleMunicipalityCode: code,
      homeUnitId: homeUnit === null ? null : (units[homeUnit]?.row.id ?? null),
      homeOrganisationId: homeUnit === null ? null : (units[homeUnit]?.organisationId ?? null),
      homeAddress:
        homeUnit === null
          ? `${householdRandom.pick(AREA_FIRST)}${householdRandom.pick(STREET_LAST)} ${householdRandom.int(1, 150)}, ${municipality.name}`
          : null,
      minRooms,
      needsStepFreeAccess: stepFree,
      maxMonthlyRentOre: 600_000 + size * 120_000 + householdRandom.int(0, 30) * 10_000,
      acceptableMunicipalityCodes: acceptable.map((i) => municipalities[i]?.code ?? ''),
      registeredBy: caseworker,
      createdAt: registered,
      updatedAt: registered,
    };
    households.push(household);

    // Members: adults (one of them 25–60) and children, with their facts.
    const people: Person[] = [];
    const oldest = createdDay - 19 * 365;
    for (let i = 0; i < size; i++) {
      const adult = i < adultCount;
      const birthDay = adult
        ? i === 0
          ? createdDay - householdRandom.int(25 * 365, 60 * 365)
          : householdRandom.int(createdDay - 70 * 365, oldest)
        : householdRandom.int(createdDay - 17 * 365, createdDay - 30);
      const birthDate = dateOf(birthDay);
      const memberId = uuid(householdRandom);
      const name = `${householdRandom.pick(FIRST_NAMES)} ${householdRandom.pick(SURNAMES)}`;
      members.push({
        id: memberId,
        householdId,
        name,
        cpr: cprOf(birthDate),
        birthDate,
        leftOn: null,
        createdAt: registered,
      });
      const openCase = householdRandom.next() < (adult ? 0.15 : 0.12);
      let status: LabourMarketStatus | null = null;
      if (adult) {
        status = ageOn(birthDate, dateOf(createdDay)) >= 67 ? 'FOLKEPENSION' : share(householdRandom, LABOUR_MARKET);
        const eighteen = dayNumber(addYears(birthDate, 18));
        memberFacts.push({
          id: uuid(householdRandom),
          memberId,
          kind: 'LABOUR_MARKET_STATUS',
          value: status,
          startedOn: dateOf(Math.max(eighteen, createdDay - householdRandom.int(60, 2_000))),
          endedOn: null,
          recordedBy: caseworker,
          recordedAt: registered,
        });
        memberFacts.push({
          id: uuid(householdRandom),
          memberId,
          kind: 'CITIZENSHIP',
          value: share(householdRandom, [
            ['DANISH', 0.7],
            ['EU_EEA_SWISS', 0.05],
            ['OTHER', 0.25],
          ] as const),
          startedOn: dateOf(Math.max(birthDay, createdDay - householdRandom.int(365, 9_000))),
          endedOn: null,
          recordedBy: caseworker,
          recordedAt: registered,
        });
        if (householdRandom.next() < 0.03) {
          criminalRecordFacts.push({
            id: uuid(householdRandom),
            memberId,
            kind: 'PRISON_RELEASE',
            releasedOn: dateOf(Math.max(eighteen + 30, createdDay - householdRandom.int(60, 1_500))),
            recordedBy: caseworker,
            recordedAt: registered,
          });
        }
        if (householdRandom.next() < 0.01) {
          memberFacts.push({
            id: uuid(householdRandom),
            memberId,
            kind: 'LEASE_TERMINATED_GROSS_MISCONDUCT',
            value: null,
            startedOn: dateOf(createdDay - householdRandom.int(60, 700)),
            endedOn: null,
            recordedBy: caseworker,
            recordedAt: registered,
          });
        }
      }
      if (openCase) {
        memberFacts.push({
          id: uuid(householdRandom),
          memberId,
          kind: 'OPEN_MUNICIPAL_CASE',
          value: null,
          startedOn: dateOf(Math.max(birthDay, createdDay - householdRandom.int(30, 1_000))),
          endedOn: null,
          recordedBy: caseworker,
          recordedAt: registered,
        });
      }
      people.push({ birthDate, status, openCase });
    }

    // Consent for relocation, before the nomination (withdrawn when the case was).
    const withdrawal = plan.steps.find((s) => s.action === 'WITHDRAW_CONSENT');
    const consentGiven = Math.min(createdDay, dayOfInstant(registered) + householdRandom.int(0, 5));
    consents.push({
      id: uuid(householdRandom),
      householdId,
      purpose: 'RELOCATION',
      lawfulBasis: householdRandom.next() < 0.9 ? 'CONSENT' : 'PUBLIC_TASK',
      givenOn: dateOf(consentGiven),
      withdrawnOn: withdrawal ? dateOfInstant(instant(withdrawal.at)) : null,
      withdrawalReason: withdrawal ? 'The household no longer wishes to take part' : null,
      recordedBy: caseworker,
      recordedAt: past(during(householdRandom, consentGiven)),
    });

    // The case and its nomination.
    const caseId = uuid(householdRandom);
    const [reasonCategory, reasonText] = householdRandom.pick(NOMINATION_REASONS);
    const byLettingOfficer = household.homeOrganisationId !== null && householdRandom.next() < 0.15;
    const decision = plan.steps.find((s) => s.action === 'CONFIRM_CONSENT' || s.rejected);
    nominations.push({
      id: uuid(householdRandom),
      householdId,
      caseId,
      nominatedByOrganisationType: byLettingOfficer ? 'HOUSING_ORGANISATION' : 'MUNICIPALITY',
      nominatedByOrganisationId: byLettingOfficer ? (household.homeOrganisationId ?? code) : code,
      nominatedBy: byLettingOfficer ? actors.lettingOfficer(household.homeOrganisationId ?? '') : caseworker,
      reasonCategory,
      reasonText,
      status: decision ? (decision.rejected ? 'REJECTED' : 'ACCEPTED') : 'PENDING',
      decidedBy: decision ? caseworker : null,
      decidedAt: decision ? instant(decision.at) : null,
      decisionNote: decision?.rejected ? 'The household is better helped by other measures' : null,
      createdAt: created,
    });

    // The offers, each with its vacancy (a platform vacancy in another municipality) and reservation.
    const kase: CaseRow = {
      id: caseId,
      householdId,
      state,
      sendingMunicipalityCode: code,
      receivingMunicipalityCode: null,
      receivingOrganisationId: null,
      fromUnitId: household.homeUnitId,
      toUnitId: null,
      toAreaId: null,
      moveDate: null,
      movedOn: null,
      createdAt: created,
      updatedAt: created,
      version: 1,
    };
    let accepted: { unit: UnitInfo; at: Instant } | null = null;
    for (const planned of plan.offers) {
      const u = pickOfferedUnit(m, household, acceptable);
      if (u === null) continue;
      busy.add(u);
      const unit = units[u] as UnitInfo;
      // A home that does not fit would have been refused: the household's needs are what the offers met.
      if (unit.row.rooms < (household.minRooms ?? 0)) household.minRooms = unit.row.rooms;
      if (unit.row.monthlyRentOre > (household.maxMonthlyRentOre ?? Infinity)) {
        household.maxMonthlyRentOre = unit.row.monthlyRentOre;
      }
      if (household.needsStepFreeAccess && !unit.row.stepFreeAccess) household.needsStepFreeAccess = false;
      const receiving = unit.area.row.municipalityCode;
      if (household.acceptableMunicipalityCodes.length && !household.acceptableMunicipalityCodes.includes(receiving)) {
        household.acceptableMunicipalityCodes.push(receiving);
      }
      if (planned.status === 'DECLINED') planned.declineReason = householdRandom.pick(DECLINE_REASONS);
      const offeredAt = planned.status === 'RESERVING' ? now - householdRandom.int(5, 25) * 1_000 : instant(planned.at);
      const endedAt = planned.end === null ? null : instant(planned.end);
      const deadline = offeredAt + 5 * DAY_MS;
      const offerId = uuid(householdRandom);
      const vacancyId = uuid(householdRandom);
      const owner = unit.organisationId;
      const reserved = planned.status !== 'RESERVING' && planned.status !== 'FAILED';
      const reservationId = reserved ? uuid(householdRandom) : null;
      // What became of the vacancy: held, let to the household, let to another later, open again, or withdrawn.
      let vacancyStatus: VacancyStatus;
      let closedAt: Instant | null = null;
      let reservationEnded: Instant | null = null;
      switch (planned.status) {
        case 'PENDING':
          vacancyStatus = 'RESERVED';
          break;
        case 'RESERVING':
          vacancyStatus = 'OPEN';
          break;
        case 'ACCEPTED':
          vacancyStatus = 'LET';
          closedAt = past((endedAt ?? offeredAt) + householdRandom.int(60, 3_600) * 1_000);
          reservationEnded = closedAt;
          break;
        case 'FAILED':
          vacancyStatus = 'WITHDRAWN';
          closedAt = offeredAt - householdRandom.int(1, 30) * 1_000;
          break;
        default: {
          reservationEnded = past((endedAt ?? offeredAt) + householdRandom.int(10, 600) * 1_000);
          const letAfter = reservationEnded + householdRandom.int(3, 40) * DAY_MS;
          vacancyStatus = letAfter < now ? 'LET' : 'OPEN';
          closedAt = letAfter < now ? letAfter : null;
        }
      }
      const availableFrom = dateOf(dayOfInstant(offeredAt) + householdRandom.int(0, 30));
      vacancies.push({
        id: vacancyId,
        unitId: unit.row.id,
        availableFrom,
        channel: 'PLATFORM',
        status: vacancyStatus,
        reservationId: vacancyStatus === 'RESERVED' ? reservationId : null,
        reservedUntil: vacancyStatus === 'RESERVED' ? deadline + DAY_MS : null,
        publishedAt: offeredAt - householdRandom.int(2, 40) * DAY_MS,
        publishedBy: actors.lettingOfficer(owner),
        closedAt,
        withdrawnReason:
          vacancyStatus === 'WITHDRAWN' ? 'Let through the waiting list before it could be reserved' : null,
      });
      if (reservationId) {
        reservations.push({
          id: reservationId,
          vacancyId,
          holderOrganisationType: 'MUNICIPALITY',
          holderOrganisationId: code,
          holderSubject: caseworker,
          reference: offerId,
          idempotencyKey: `offer-${offerId}`,
          reservedAt: offeredAt + 1_000,
          expiresAt: deadline + DAY_MS,
          endedAt: reservationEnded,
        });
      }
      offers.push({
        id: offerId,
        caseId,
        vacancyId,
        unitId: unit.row.id,
        areaId: unit.area.row.id,
        housingOrganisationId: owner,
        municipalityCode: receiving,
        status: planned.status,
        responseDeadline: deadline,
        reservationId,
        declineReason: planned.declineReason ?? null,
        note: planned.status === 'WITHDRAWN' ? (planned.note ?? 'another household was better suited') : null,
        respondedAt: planned.status === 'DECLINED' || planned.status === 'ACCEPTED' ? endedAt : null,
        offeredBy: caseworker,
        createdAt: offeredAt,
        updatedAt: endedAt ?? offeredAt,
      });
      planned.offerId = offerId;
      planned.vacancyId = vacancyId;
      if (planned.status === 'ACCEPTED') accepted = { unit, at: endedAt ?? offeredAt };
    }

    // The history, the case's final columns and the outbox.
    let from: CaseState | null = null;
    let lastAt = created;
    const moveStep = plan.steps.find((s) => s.action === 'MOVE');
    const movedOn = moveStep ? dateOfInstant(instant(moveStep.at)) : null;
    let moveDate: string | null = movedOn;
    if (!moveDate && accepted && plan.moveDateSet !== null) {
      moveDate = dateOf(today + plan.moveDateSet);
    }
    for (const step of plan.steps) {
      const at = step.action === 'NOMINATE' ? created : instant(step.at);
      lastAt = Math.max(lastAt, at);
      const after = step.to;
      if (step.action === 'ACCEPT_OFFER' && accepted) {
        kase.receivingMunicipalityCode = accepted.unit.area.row.municipalityCode;
        kase.receivingOrganisationId = accepted.unit.organisationId;
        kase.toUnitId = accepted.unit.row.id;
        kase.toAreaId = accepted.unit.area.row.id;
      }
      if (step.action === 'MOVE') {
        kase.movedOn = movedOn;
        kase.moveDate = movedOn;
      }
      const offer = step.offer ? plan.offers[step.offer - 1] : undefined;
      const expired = offer?.status === 'EXPIRED' && step.action === 'OFFER_ENDED';
      caseEvents.push({
        id: uuid(householdRandom),
        caseId,
        action: step.action,
        fromState: from,
        toState: after,
        actor: expired ? actors.system : caseworker,
        actorOrganisationType: expired ? 'PLATFORM' : 'MUNICIPALITY',
        actorOrganisationId: expired ? 'households' : code,
        reason: reasonOf(step, offer, reasonCategory),
        occurredAt: at,
      });
      const effectiveOn = step.action === 'MOVE' && movedOn ? movedOn : dateOfInstant(at);
      pendingEvents.push({
        row: {
          id: uuid(householdRandom),
          sequence: 0, // numbered in time order below
          type: eventType(after),
          version: EVENT_VERSION,
          aggregateType: 'RelocationCase',
          aggregateId: caseId,
          occurredAt: at,
          payload: {
            caseId,
            householdPseudonym: options.pseudonym(householdId),
            fromState: from,
            toState: after,
            effectiveOn,
            sendingMunicipalityCode: code,
            receivingMunicipalityCode: kase.receivingMunicipalityCode,
            receivingHousingOrganisationId: kase.receivingOrganisationId,
            toUnitId: kase.toUnitId,
            toAreaId: kase.toAreaId,
            fromUnitId: kase.fromUnitId,
            moveDate: kase.movedOn ?? kase.moveDate,
            composition: compositionOn(people, effectiveOn),
          },
        },
        composition: people,
      });
      from = after;
      kase.version += step.action === 'NOMINATE' ? 0 : 1;
    }
    kase.moveDate = kase.toUnitId !== null ? moveDate : null;
    kase.updatedAt = lastAt;
    cases.push(kase);
    household.updatedAt = Math.max(household.updatedAt, lastAt);

    // A household that moved lives in its new home; its old one fell vacant and was let again (or is open).
    if (kase.movedOn && kase.toUnitId) {
      const oldHome = household.homeUnitId;
      household.homeUnitId = kase.toUnitId;
      household.homeOrganisationId = kase.receivingOrganisationId;
      household.homeAddress = null;
      if (oldHome) {
        const u = unitIndex.get(oldHome) ?? -1;
        const unit = units[u];
        const free = dayNumber(kase.movedOn) + householdRandom.int(14, 45);
        const published = Math.min(now - DAY_MS, during(householdRandom, free - householdRandom.int(10, 30)));
        const let_ = free + householdRandom.int(-10, 20) < today - 5;
        if (unit) {
          vacancies.push({
            id: uuid(householdRandom),
            unitId: oldHome,
            availableFrom: dateOf(free),
            channel:
              unit.area.allocationShareBp > 0 && householdRandom.next() < 0.25
                ? 'MUNICIPAL_ALLOCATION'
                : 'WAITING_LIST',
            status: let_ ? 'LET' : 'OPEN',
            reservationId: null,
            reservedUntil: null,
            publishedAt: published,
            publishedBy: actors.lettingOfficer(unit.organisationId),
            closedAt: let_
              ? past(during(householdRandom, Math.min(today - 1, free + householdRandom.int(-10, 20))))
              : null,
            withdrawnReason: null,
          });
        }
      }
    }

    // The reception strategy: drafted after the acceptance, signed by all three before the move date was set.
    if (accepted && kase.receivingMunicipalityCode && kase.receivingOrganisationId && plan.strategy !== 'none') {
      const acceptedAt = accepted.at;
      const strategyId = uuid(householdRandom);
      const drafted = past(acceptedAt + householdRandom.int(1, 6) * DAY_MS);
      const signed = plan.strategy === 'signed';
      const signedAt = past(drafted + householdRandom.int(2, 12) * DAY_MS);
      strategies.push({
        id: strategyId,
        caseId,
        summary: 'A new start: work or education for the adults, school and daycare for the children.',
        createdAt: drafted,
        updatedAt: signed ? signedAt : drafted,
      });
      const partyIds: [StrategyPartyRow['party'], string][] = [
        ['SENDING_MUNICIPALITY', code],
        ['RECEIVING_MUNICIPALITY', kase.receivingMunicipalityCode],
        ['HOUSING_ORGANISATION', kase.receivingOrganisationId],
      ];
      for (const [party, organisationId] of partyIds) {
        strategyParties.push({
          strategyId,
          party,
          organisationId,
          contactName: `${householdRandom.pick(FIRST_NAMES)} ${householdRandom.pick(SURNAMES)}`,
          contactEmail: `kontakt-${party.toLowerCase().replaceAll('_', '-')}@example.dk`,
          contactPhone: `+45 ${householdRandom.int(20, 99)} ${householdRandom.int(10, 99)} ${householdRandom.int(10, 99)} ${householdRandom.int(10, 99)}`,
          signedBy: signed
            ? party === 'HOUSING_ORGANISATION'
              ? actors.lettingOfficer(organisationId)
              : actors.caseworker(organisationId)
            : null,
          signedAt: signed ? signedAt : null,
        });
      }
      const closing = state === 'CLOSED';
      const activityCount = householdRandom.int(2, 5);
      const kinds = new Set<number>();
      while (kinds.size < activityCount) kinds.add(householdRandom.int(0, ACTIVITIES.length - 1));
      const moveDay = kase.movedOn ? dayNumber(kase.movedOn) : today + 30;
      for (const k of kinds) {
        const [kind, description, owner] = ACTIVITIES[k] as (typeof ACTIVITIES)[number];
        const due = moveDay + householdRandom.int(-20, 200);
        const done = closing || due < today - 10;
        const status: StrategyActivityRow['status'] = done
          ? householdRandom.next() < 0.85
            ? 'DONE'
            : 'CANCELLED'
          : due < today + 30 && householdRandom.next() < 0.5
            ? 'IN_PROGRESS'
            : 'PLANNED';
        strategyActivities.push({
          id: uuid(householdRandom),
          strategyId,
          kind,
          description,
          ownerParty: owner,
          dueOn: dateOf(due),
          status,
          outcome: status === 'DONE' ? 'Done as agreed' : status === 'CANCELLED' ? 'No longer needed' : null,
          closedAt: done ? past(during(householdRandom, Math.min(due, today - 1))) : null,
          createdAt: drafted,
        });
      }
    }
  }

  // The outbox in time order: the households service numbers its events as it writes them.
  pendingEvents.sort((a, b) => a.row.occurredAt - b.row.occurredAt || (a.row.id < b.row.id ? -1 : 1));
  const domainEvents = pendingEvents.map((e, i) => ({ ...e.row, sequence: i + 1 }));

  // -------------------------------------------------------------------------------------------------------------
  // Housing: a year of vacancies of the other units

  const vacancyRandom = stream(seed, 4);
  const firstAvailable = today - 365;
  const lastAvailable = today + 45;
  for (let u = 0; u < units.length; u++) {
    if (busy.has(u) || vacancyRandom.next() >= NATIONAL.turnover) continue;
    const unit = units[u] as UnitInfo;
    const available = vacancyRandom.int(firstAvailable, lastAvailable);
    const recent = available > today - 21;
    const roll = vacancyRandom.next();
    const status: VacancyStatus = recent
      ? roll < 0.82
        ? 'OPEN'
        : roll < 0.94
          ? 'LET'
          : roll < 0.97
            ? 'WITHDRAWN'
            : 'RESERVED'
      : roll < 0.94
        ? 'LET'
        : 'WITHDRAWN';
    const channelRoll = vacancyRandom.next();
    const channel: LettingChannel =
      unit.row.kind === 'FAMILY' && channelRoll < unit.area.allocationShareBp / 10_000
        ? 'MUNICIPAL_ALLOCATION'
        : unit.area.flexible && channelRoll < 0.45
          ? 'FLEXIBLE_LETTING'
          : channelRoll > 0.97
            ? 'PLATFORM'
            : 'WAITING_LIST';
    const published = Math.min(
      now - vacancyRandom.int(1, 20) * DAY_MS,
      during(vacancyRandom, available - vacancyRandom.int(10, 60)),
    );
    const closed =
      status === 'LET' || status === 'WITHDRAWN'
        ? past(during(vacancyRandom, Math.min(today - 1, available - vacancyRandom.int(-5, 20))))
        : null;
    const vacancyId = uuid(vacancyRandom);
    let reservationId: string | null = null;
    let reservedUntil: Instant | null = null;
    if (status === 'RESERVED') {
      // Held by the owning organisation's letting officer for a household from its waiting list.
      reservationId = uuid(vacancyRandom);
      reservedUntil = now + vacancyRandom.int(1, 3) * DAY_MS;
      reservations.push({
        id: reservationId,
        vacancyId,
        holderOrganisationType: 'HOUSING_ORGANISATION',
        holderOrganisationId: unit.organisationId,
        holderSubject: actors.lettingOfficer(unit.organisationId),
        reference: `venteliste-${vacancyRandom.int(1_000, 99_999)}`,
        idempotencyKey: uuid(vacancyRandom),
        reservedAt: now - vacancyRandom.int(1, 48) * 3_600_000,
        expiresAt: reservedUntil,
        endedAt: null,
      });
    }
    vacancies.push({
      id: vacancyId,
      unitId: unit.row.id,
      availableFrom: dateOf(available),
      channel,
      status,
      reservationId,
      reservedUntil,
      publishedAt: published,
      publishedBy: actors.lettingOfficer(unit.organisationId),
      closedAt: closed,
      withdrawnReason: status === 'WITHDRAWN' ? 'Renovation of the unit' : null,
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Finance: the agreements, and from the cases the grants, the compensation, and the events received

  const financeRandom = stream(seed, 5);
  const agreementsRows: AgreementRow[] = [];
  const versions: AgreementVersionRow[] = [];
  const programmeYear = Number(programmeStartDate.slice(0, 4));
  const nationalFrom = `${programmeYear}-01-01`;
  const policy = (billing: 'BILL' | 'ABSORB', factor: number): CompensationPolicy => ({
    baseYearlyOre: Math.round(2_500_000 * factor),
    perAdultOutsideLabourMarketYearlyOre: Math.round(4_000_000 * factor),
    perChildYearlyOre: Math.round(1_500_000 * factor),
    taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
    billing,
    claimDeadlineDays: 730,
    departmentCompensationOre: 1_000_000,
  });
  const grantPolicy = (sendingBp: number, max: number): GrantPolicy => ({
    maxGrantOre: max,
    budgetOre: null,
    payers: [
      { role: 'SENDING_MUNICIPALITY', party: null, basisPoints: sendingBp },
      { role: 'RECEIVING_HOUSING_ORGANISATION', party: null, basisPoints: 10_000 - sendingBp },
    ],
  });
  const agreement = (
    name: string,
    region: Region | null,
    validFrom: string,
    policies: { from: string; grant: GrantPolicy; compensation: CompensationPolicy; note: string | null }[],
  ) => {
    const parties = [
      ...municipalities
        .filter((m) => region === null || m.region === region)
        .map((m) => ({ kind: 'MUNICIPALITY' as const, id: m.code })),
      ...organisations
        .filter((o) => region === null || municipalities.find((m) => m.code === o.municipalityCode)?.region === region)
        .map((o) => ({ kind: 'HOUSING_ORGANISATION' as const, id: o.id })),
    ];
    const partyKeys = parties.map((p) => `${p.kind}:${p.id}`);
    const row: AgreementRow = {
      id: uuid(financeRandom),
      name,
      parties,
      partyKeys,
      validFrom,
      validTo: null,
      createdByOrganisation: 'PLATFORM:sc',
      createdBy: actors.platformAdmin,
      idempotencyKey: null,
      createdAt: during(financeRandom, dayNumber(validFrom) - 30),
      region,
    };
    agreementsRows.push(row);
    policies.forEach((p, i) =>
      versions.push({
        id: uuid(financeRandom),
        agreementId: row.id,
        version: i + 1,
        effectiveFrom: p.from,
        partyKeys,
        grantPolicy: p.grant,
        compensationPolicy: p.compensation,
        note: p.note,
        createdBy: actors.platformAdmin,
        createdAt: during(financeRandom, dayNumber(p.from) - 20),
      }),
    );
  };
  agreement('Landsdækkende samarbejdsaftale om nye begyndelser', null, nationalFrom, [
    { from: nationalFrom, grant: grantPolicy(5_000, 5_000_000), compensation: policy('BILL', 1), note: null },
    {
      from: `${asOfYear - 1}-01-01`,
      grant: grantPolicy(6_000, 6_000_000),
      compensation: policy('BILL', 1.05),
      note: 'Amounts raised; the sending municipality pays more of the grant',
    },
  ]);
  const regionalFrom = `${asOfYear - 2}-07-01`;
  const REGION_LABEL: Record<Region, string> = {
    NORDJYLLAND: 'Nordjylland',
    MIDTJYLLAND: 'Midtjylland',
    SYDDANMARK: 'Syddanmark',
    HOVEDSTADEN: 'Hovedstaden',
    SJAELLAND: 'Sjælland',
  };
  for (const region of ['HOVEDSTADEN', 'MIDTJYLLAND', 'SYDDANMARK', 'SJAELLAND', 'NORDJYLLAND'] as const) {
    agreement(`Samarbejdsaftale for ${REGION_LABEL[region]}`, region, regionalFrom, [
      {
        from: regionalFrom,
        grant: grantPolicy(region === 'HOVEDSTADEN' ? 7_000 : 5_000, 5_500_000),
        compensation: policy(region === 'NORDJYLLAND' || region === 'SJAELLAND' ? 'ABSORB' : 'BILL', 0.9),
        note: null,
      },
    ]);
  }
  const versionsOf = new Map<string, AgreementVersionRow[]>();
  for (const v of versions) versionsOf.set(v.agreementId, [...(versionsOf.get(v.agreementId) ?? []), v]);
  /** The agreement between the two that applies on a day, the newest first (as finance's intake chooses it). */
  const agreementFor = (sending: string, receiving: string, day: string) => {
    const candidates = agreementsRows
      .filter(
        (a) => a.partyKeys.includes(`MUNICIPALITY:${sending}`) && a.partyKeys.includes(`MUNICIPALITY:${receiving}`),
      )
      .sort((a, b) => (a.validFrom === b.validFrom ? b.createdAt - a.createdAt : a.validFrom < b.validFrom ? 1 : -1));
    const found = candidates.find((a) => inValidity(a, day));
    if (!found) return null;
    const version = versionOn(versionsOf.get(found.id) ?? [], day);
    return version ? { agreement: found, version } : null;
  };

  const grants: GrantRow[] = [];
  const grantPayments: GrantPaymentRow[] = [];
  const entitlements: EntitlementRow[] = [];
  const financeEvents: FinanceReceivedEventRow[] = [];
  const movedEventOf = new Map<string, DomainEventRow>();
  for (const event of domainEvents) if (event.payload.toState === 'MOVED') movedEventOf.set(event.aggregateId, event);
  const acceptedEventOf = new Map<string, DomainEventRow>();
  for (const event of domainEvents)
    if (event.payload.toState === 'ACCEPTED') acceptedEventOf.set(event.aggregateId, event);

  for (const kase of cases) {
    const acceptedEvent = acceptedEventOf.get(kase.id);
    if (!acceptedEvent || !kase.receivingMunicipalityCode) continue;
    const financeOfficer = actors.financeOfficer(kase.sendingMunicipalityCode);
    const moved = movedEventOf.get(kase.id);

    // The grant: applied for after the acceptance, decided, paid around the move.
    if (financeRandom.next() < 0.85) {
      const appliedAt = acceptedEvent.occurredAt + financeRandom.int(1, 10) * DAY_MS;
      if (appliedAt < now) {
        const appliedOn = dateOfInstant(appliedAt);
        const terms = agreementFor(kase.sendingMunicipalityCode, kase.receivingMunicipalityCode, appliedOn);
        if (terms) {
          const grant = terms.version.grantPolicy;
          const requested = financeRandom.int(10, Math.floor(grant.maxGrantOre / 100_000)) * 100_000;
          const payers = resolvePayers(grant.payers, {
            sendingMunicipalityCode: kase.sendingMunicipalityCode,
            receivingMunicipalityCode: kase.receivingMunicipalityCode,
            receivingHousingOrganisationId: kase.receivingOrganisationId,
          });
          const payerKeys = payers.map((p) => p.payer ?? '');
          const decidedAt = appliedAt + financeRandom.int(2, 20) * DAY_MS;
          const stopped = kase.state === 'WITHDRAWN' || kase.state === 'CANCELLED';
          let status: GrantRow['status'];
          if (decidedAt >= now) status = 'APPLIED';
          else if (stopped) status = 'WITHDRAWN';
          else {
            const roll = financeRandom.next();
            status = roll < 0.08 ? 'DECLINED' : moved && roll < 0.9 ? 'PAID' : 'APPROVED';
          }
          const approved = status === 'APPROVED' || status === 'PAID' ? Math.min(requested, grant.maxGrantOre) : null;
          const row: GrantRow = {
            id: uuid(financeRandom),
            caseId: kase.id,
            agreementId: terms.agreement.id,
            agreementVersionId: terms.version.id,
            agreementVersion: terms.version.version,
            sendingMunicipalityCode: kase.sendingMunicipalityCode,
            receivingMunicipalityCode: kase.receivingMunicipalityCode,
            receivingHousingOrganisationId: kase.receivingOrganisationId,
            partyKeys: [...new Set([`MUNICIPALITY:${kase.sendingMunicipalityCode}`, ...payerKeys])],
            status,
            requestedOre: requested,
            approvedOre: approved,
            paidOre: status === 'PAID' ? (approved ?? 0) : 0,
            shares:
              approved === null
                ? []
                : splitAmount(
                    approved,
                    payers.map((p) => ({ payer: p.payer ?? '', basisPoints: p.basisPoints })),
                  ).map((s) => ({ payer: s.payer, basisPoints: s.basisPoints, amountOre: s.amountOre })),
            purpose: 'Moving and establishment: removal, deposit and furniture',
            decisionNote:
              status === 'DECLINED'
                ? 'The move is paid by other means'
                : status === 'WITHDRAWN'
                  ? 'The case was stopped'
                  : null,
            idempotencyKey: `grant-${kase.id}`,
            appliedBy: actors.caseworker(kase.sendingMunicipalityCode),
            appliedAt,
            decidedBy: status === 'APPLIED' ? null : financeOfficer,
            decidedAt: status === 'APPLIED' ? null : Math.min(decidedAt, now - 60_000),
          };
          grants.push(row);
          if (status === 'PAID' && moved) {
            const paidDay = Math.min(today - 1, Math.max(dayOfInstant(decidedAt), dayNumber(kase.movedOn ?? asOf)));
            grantPayments.push({
              id: uuid(financeRandom),
              grantId: row.id,
              partyKeys: row.partyKeys,
              paidOn: dateOf(paidDay),
              amountOre: approved ?? 0,
              idempotencyKey: `payment-${row.id}`,
              recordedBy: financeOfficer,
              recordedAt: past(during(financeRandom, paidDay)),
            });
          }
        }
      }
    }

    // The compensation: created from the moved event, with the schedule of the agreement in force on the move.
    if (moved && kase.movedOn) {
      const payload = moved.payload;
      const terms = agreementFor(kase.sendingMunicipalityCode, kase.receivingMunicipalityCode, kase.movedOn);
      const compensation = terms?.version.compensationPolicy ?? null;
      if (terms && compensation) {
        const composition = payload.composition;
        const schedule = compensationSchedule(compensation, composition, kase.movedOn);
        const moveDay = dayNumber(kase.movedOn);
        const deadline = moveDay + compensation.claimDeadlineDays;
        let status: EntitlementRow['status'];
        let claimedOn: string | null = null;
        if (compensation.billing === 'ABSORB') status = 'ABSORBED';
        else if (deadline + 10 < today && financeRandom.next() < 0.04) {
          status = 'LATE_CLAIM';
          claimedOn = dateOf(financeRandom.int(deadline + 1, Math.min(today - 1, deadline + 60)));
        } else if (moveDay + 20 < today && financeRandom.next() < 0.9) {
          status = 'BILLED';
          claimedOn = dateOf(financeRandom.int(moveDay + 1, Math.min(today - 1, moveDay + 60)));
        } else status = 'PENDING';
        entitlements.push({
          id: uuid(financeRandom),
          caseId: kase.id,
          sourceEventId: moved.id,
          agreementId: terms.agreement.id,
          agreementVersionId: terms.version.id,
          agreementVersion: terms.version.version,
          householdPseudonym: payload.householdPseudonym,
          sendingMunicipalityCode: kase.sendingMunicipalityCode,
          receivingMunicipalityCode: kase.receivingMunicipalityCode,
          receivingHousingOrganisationId: kase.receivingOrganisationId,
          toUnitId: kase.toUnitId,
          partyKeys: [
            `MUNICIPALITY:${kase.sendingMunicipalityCode}`,
            `MUNICIPALITY:${kase.receivingMunicipalityCode}`,
            ...(kase.receivingOrganisationId ? [`HOUSING_ORGANISATION:${kase.receivingOrganisationId}`] : []),
          ],
          moveDate: kase.movedOn,
          adults: composition.adults,
          children: composition.children,
          adultsOutsideLabourMarket: composition.adultsOutsideLabourMarket,
          yearlyOre: yearlyAmount(compensation, composition),
          schedule,
          totalOre: scheduleTotal(schedule),
          departmentCompensationOre: kase.receivingOrganisationId ? compensation.departmentCompensationOre : 0,
          billing: compensation.billing,
          status,
          claimDeadline: dateOf(deadline),
          claimedOn,
          decidedBy:
            status === 'BILLED' || status === 'LATE_CLAIM'
              ? actors.financeOfficer(kase.receivingMunicipalityCode)
              : null,
          createdAt: moved.occurredAt + financeRandom.int(1, 30) * 1_000,
        });
      }
    }
  }
  const entitledBy = new Set(entitlements.map((e) => e.sourceEventId));
  for (const event of domainEvents) {
    financeEvents.push({
      eventId: event.id,
      type: event.type,
      version: event.version,
      sequence: event.sequence,
      outcome:
        event.payload.toState !== 'MOVED'
          ? 'IGNORED'
          : entitledBy.has(event.id)
            ? 'ENTITLEMENT_CREATED'
            : 'NO_AGREEMENT',
      payload: event.payload,
      receivedAt: event.occurredAt + 2_000,
    });
  }
  // The last four quarters that have ended by `asOf`, oldest first.
  const quarter = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3); // 0..3, the quarter `asOf` lies in
  const settlementPeriods = Array.from({ length: 4 }, (_, i) => {
    const q = asOfYear * 4 + quarter - 4 + i;
    return `${Math.floor(q / 4)}Q${(q % 4) + 1}`;
  });

  // -------------------------------------------------------------------------------------------------------------
  // Evaluation: what its inbox made of the events, and the follow-up of the families

  const evaluationRandom = stream(seed, 6);
  const participations = new Map<string, ParticipationRow>();
  const inMoves: InMoveRow[] = [];
  const evaluationEvents: EvaluationReceivedEventRow[] = [];
  for (const event of domainEvents) {
    const p = event.payload;
    const ref = caseRef(p.caseId);
    const moved = p.toState === 'MOVED' && p.toAreaId;
    evaluationEvents.push({
      eventId: event.id,
      type: event.type,
      sequence: event.sequence,
      outcome: moved ? 'MOVE_RECORDED' : 'APPLIED',
      receivedAt: event.occurredAt + 3_000,
    });
    const existing = participations.get(ref);
    const row: ParticipationRow = existing ?? {
      caseRef: ref,
      householdPseudonym: p.householdPseudonym,
      sendingMunicipalityCode: p.sendingMunicipalityCode,
      receivingMunicipalityCode: null,
      toAreaId: null,
      nominatedOn: p.effectiveOn,
      consentedOn: null,
      offeredOn: null,
      acceptedOn: null,
      movedOn: null,
      state: p.toState,
      lastSequence: event.sequence,
      updatedAt: event.occurredAt,
    };
    if (p.toState === 'CONSENTED') row.consentedOn ??= p.effectiveOn;
    if (p.toState === 'OFFERED') row.offeredOn ??= p.effectiveOn;
    if (p.toState === 'ACCEPTED') row.acceptedOn ??= p.effectiveOn;
    if (p.toState === 'MOVED') row.movedOn ??= p.moveDate ?? p.effectiveOn;
    row.receivingMunicipalityCode = p.receivingMunicipalityCode ?? row.receivingMunicipalityCode;
    row.toAreaId ??= p.toAreaId;
    row.state = p.toState;
    row.lastSequence = event.sequence;
    row.updatedAt = event.occurredAt + 3_000;
    participations.set(ref, row);
    if (moved && p.toAreaId) {
      const c = p.composition;
      inMoves.push({
        caseRef: ref,
        areaId: p.toAreaId,
        movedOn: p.moveDate ?? p.effectiveOn,
        members: c.adults + c.children,
        adultsOfWorkingAge: c.adultsOfWorkingAge,
        adultsOutsideLabourMarket: c.adultsOutsideLabourMarket,
        membersWithOpenCase: c.membersWithOpenMunicipalCase,
      });
    }
  }

  // Outcomes of the followed families: the moved ones from their move, the comparison group (nominated, not moved)
  // from their nomination; each point once its time has come, recorded some weeks after.
  const outcomes: OutcomeRow[] = [];
  const POINTS: readonly (readonly [FollowUpPoint, number])[] = [
    ['BASELINE', 0],
    ['MONTH_6', 6],
    ['MONTH_12', 12],
    ['MONTH_24', 24],
  ];
  for (const p of participations.values()) {
    if (p.state === 'WITHDRAWN' || evaluationRandom.next() > 0.7) continue;
    const movedGroup = p.movedOn !== null;
    const startDay = dayNumber(movedGroup ? (p.movedOn ?? asOf) : p.nominatedOn);
    const adults = evaluationRandom.int(1, 3);
    const children = evaluationRandom.int(0, 4);
    let inWork = evaluationRandom.binomial(adults, 0.3);
    for (const [point, months] of POINTS) {
      const due = startDay + Math.round(months * 30.44);
      const recorded = due + evaluationRandom.int(20, 90);
      if (recorded >= today) break;
      if (point !== 'BASELINE')
        inWork = Math.min(adults, inWork + evaluationRandom.binomial(adults - inWork, movedGroup ? 0.12 : 0.07));
      const education = evaluationRandom.binomial(adults - inWork, 0.15);
      outcomes.push({
        householdPseudonym: p.householdPseudonym,
        point,
        adults,
        adultsInWork: inWork,
        adultsInEducation: education,
        adultsOnBenefits: adults - inWork - education,
        children,
        childrenSchoolAbsenceBp: children > 0 ? evaluationRandom.int(200, 1_500) : null,
        stillInNewHome: point === 'BASELINE' || !movedGroup ? null : evaluationRandom.next() < 0.9,
        returnedToFormerArea: point === 'BASELINE' || !movedGroup ? null : evaluationRandom.next() < 0.04,
        recordedCrimeOffences: evaluationRandom.next() < 0.8 ? evaluationRandom.binomial(3, 0.05) : null,
        recordedBy: actors.evaluator,
        recordedAt: past(during(evaluationRandom, recorded)),
      });
    }
  }

  return {
    seed,
    scale,
    asOf,
    now,
    municipalities: municipalities.map((m) => ({ ...m })),
    housing: {
      organisations,
      areas: areas.map((a) => a.row),
      departments,
      units: units.map((u) => u.row),
      vacancies,
      reservations,
      lettingPolicies,
      officialStatuses,
    },
    households: {
      households,
      members,
      memberFacts,
      criminalRecordFacts,
      consents,
      nominations,
      cases,
      caseEvents,
      offers,
      strategies,
      strategyParties,
      strategyActivities,
      domainEvents,
    },
    finance: {
      agreements: agreementsRows,
      agreementVersions: versions,
      grants,
      grantPayments,
      entitlements,
      receivedEvents: financeEvents,
      settlementPeriods,
    },
    evaluation: {
      indicators,
      participations: [...participations.values()],
      inMoves,
      receivedEvents: evaluationEvents,
      outcomes,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A case's plan: its steps, days after the nomination

interface PlannedOffer {
  /** Days after the nomination. */
  at: number;
  end: number | null;
  status: OfferStatus;
  note?: string;
  declineReason?: DeclineReason;
  offerId?: string;
  vacancyId?: string;
}

interface PlannedStep {
  action: CaseEventAction;
  to: CaseState;
  at: number;
  /** The offer (1-based index into the plan's offers) the step is about. */
  offer?: number;
  /** The nomination was rejected (the CANCEL of a NOMINATED case). */
  rejected?: boolean;
}

interface CasePlan {
  steps: PlannedStep[];
  offers: PlannedOffer[];
  /** Days the case has been in its last state (or since it stopped). */
  dwell: number;
  strategy: 'none' | 'draft' | 'signed';
  /** For an accepted case whose strategy is signed: the move date, days after `asOf`. */
  moveDateSet: number | null;
}

function planCase(random: Random, state: CaseState, showcase = false): CasePlan {
  const stopped = state === 'DECLINED' || state === 'WITHDRAWN' || state === 'CANCELLED';
  const reach: CaseState = stopped ? share(random, STOPPED_FROM[state]) : state;
  const target = PROGRESS.indexOf(reach);
  const steps: PlannedStep[] = [{ action: 'NOMINATE', to: 'NOMINATED', at: 0 }];
  const offers: PlannedOffer[] = [];
  let t = 0;
  let strategy: CasePlan['strategy'] = 'none';
  let moveDateSet: number | null = null;
  const step = (action: CaseEventAction, to: CaseState, extra: Partial<PlannedStep> = {}) =>
    steps.push({ action, to, at: t, ...extra });

  if (target >= 1) {
    t += random.uniform(2, 30);
    step('CONFIRM_CONSENT', 'CONSENTED');
  }
  if (target >= 2) {
    t += random.uniform(0, 10);
    step('START_SEARCH', 'SEARCHING');
    // Offers that ended (declined, expired, withdrawn), and now and then one that could not be reserved.
    const ended = showcase
      ? 3
      : share(random, [
          [0, 0.55],
          [1, 0.3],
          [2, 0.15],
        ] as const);
    const SHOWN = ['DECLINED', 'EXPIRED', 'WITHDRAWN'] as const;
    for (let i = 0; i < ended; i++) {
      t += random.uniform(10, 120);
      if (random.next() < 0.05 || (showcase && i === 0)) {
        offers.push({ at: t, end: null, status: 'FAILED' });
        t += random.uniform(1, 10);
      }
      const status = showcase
        ? SHOWN[i % SHOWN.length]!
        : share(random, [
            ['DECLINED', 0.6],
            ['EXPIRED', 0.25],
            ['WITHDRAWN', 0.15],
          ] as const);
      const offeredAt = t;
      step('OFFER', 'OFFERED', { offer: offers.length + 1 });
      t += status === 'EXPIRED' ? 5 : random.uniform(0.5, 4.5);
      offers.push({ at: offeredAt, end: t, status });
      step('OFFER_ENDED', 'SEARCHING', { offer: offers.length });
    }
  }
  if (target >= 3) {
    t += random.uniform(10, 120);
    offers.push({ at: t, end: null, status: 'PENDING' });
    step('OFFER', 'OFFERED', { offer: offers.length });
  }
  if (target >= 4) {
    t += random.uniform(0.3, 4.5);
    const offer = offers[offers.length - 1] as PlannedOffer;
    offer.status = 'ACCEPTED';
    offer.end = t;
    step('ACCEPT_OFFER', 'ACCEPTED', { offer: offers.length });
    strategy = 'signed';
  }
  if (target >= 5) {
    t += random.uniform(20, 60);
    step('MOVE', 'MOVED');
  }
  if (target >= 6) {
    t += random.uniform(0, 20);
    step('START_FOLLOW_UP', 'FOLLOW_UP');
  }
  if (target >= 7) {
    t += random.uniform(365, 730);
    step('CLOSE', 'CLOSED');
  }

  // How long the case has been where it is.
  const DWELL: Readonly<Record<CaseState, readonly [number, number]>> = {
    NOMINATED: [0, 25],
    CONSENTED: [0, 10],
    SEARCHING: [0, 300],
    OFFERED: [0, 3],
    ACCEPTED: [0, 50],
    MOVED: [0, 25],
    FOLLOW_UP: [0, 700],
    CLOSED: [0, 500],
    DECLINED: [0, 700],
    WITHDRAWN: [0, 700],
    CANCELLED: [0, 700],
  };
  if (stopped) {
    // The stop, some time into the state the case had reached.
    const [low, high] = DWELL[reach];
    t += random.uniform(Math.min(low + 1, high), high);
    const pending = offers.find((o) => o.status === 'PENDING');
    if (pending) {
      pending.status = 'WITHDRAWN';
      pending.end = t;
      pending.note = `the case was ${state.toLowerCase()}`;
    }
    if (state === 'DECLINED') step('DECLINE_RELOCATION', 'DECLINED');
    else if (state === 'WITHDRAWN') step('WITHDRAW_CONSENT', 'WITHDRAWN');
    else step('CANCEL', 'CANCELLED', reach === 'NOMINATED' ? { rejected: true } : {});
  }
  const [low, high] = DWELL[state];
  const dwell = random.uniform(low, high);

  if (state === 'ACCEPTED') {
    // Drafted within days of the acceptance, signed by all three and the move date set after some weeks.
    strategy = dwell > 20 ? 'signed' : dwell > 5 ? 'draft' : 'none';
    moveDateSet = strategy === 'signed' ? random.int(3, 40) : null;
  }
  if (state === 'SEARCHING' && (random.next() < 0.04 || showcase)) {
    // An offer registered a moment ago, its reservation not yet confirmed.
    offers.push({ at: t + dwell, end: null, status: 'RESERVING' });
  }
  return { steps, offers, dwell, strategy, moveDateSet };
}

function reasonOf(step: PlannedStep, offer: PlannedOffer | undefined, category: NominationReason): string | null {
  switch (step.action) {
    case 'NOMINATE':
      return category;
    case 'CONFIRM_CONSENT':
      return 'nomination accepted and consent in force';
    case 'OFFER':
      return `vacancy ${offer?.vacancyId ?? ''} offered`;
    case 'ACCEPT_OFFER':
      return `vacancy ${offer?.vacancyId ?? ''} accepted`;
    case 'OFFER_ENDED':
      return offer?.status === 'EXPIRED'
        ? 'the deadline to answer passed'
        : offer?.status === 'WITHDRAWN'
          ? 'offer withdrawn: another household was better suited'
          : `offer declined: ${offer?.declineReason ?? 'OTHER'}`;
    case 'DECLINE_RELOCATION':
      return 'The household wishes to stay';
    case 'WITHDRAW_CONSENT':
      return 'Consent withdrawn';
    case 'CANCEL':
      return step.rejected ? 'The household is better helped by other measures' : 'The municipality stopped the case';
    default:
      return null;
  }
}
