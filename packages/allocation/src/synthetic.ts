// A synthetic nation for the allocation model: housing areas with two years of figures, a year of vacancies, the
// households searching, and the municipalities' commitments, from a seeded generator. The same options give the
// same nation, value for value (no clock, no Math.random, no I/O), so a benchmark or a test can be re-run exactly.
//
// Nothing here is real data except the 98 municipality codes. The shapes aim to be plausible, not to be statistics:
//   - areas go to municipalities in proportion to their rough size (MUNICIPALITY_WEIGHTS), so København and Aarhus
//     have many and Læsø perhaps none. Each area's status is drawn first (about 80 % NONE, 8 % PREVENTION_AREA,
//     7 % VULNERABLE_AREA, 3 % PARALLEL_SOCIETY, 2 % TRANSFORMATION_AREA), then figures are drawn that meet the
//     criteria of that status under the 2021 act (almenboligloven §§ 61 a and 61 b: two-year averages for the share
//     outside work or education and the convictions, the latest year for the others), and redrawn until they do.
//     A transformation area has the figures of a parallel society (the five years behind it are not generated).
//     About 15 % of the burdened areas have combined letting, and then meet § 51 b's share outside work (40 %, or
//     30 % from 5,000 residents);
//   - vacancies fall in areas in proportion to their residents; a quarter come through municipal allocation;
//   - households search from municipalities in proportion to size, and accept their own municipality and 0–4
//     nearby ones. Geography is approximated by the municipality codes: they are numbered region by region, old
//     county by old county, so codes near each other in the sorted list (at most 4 places away) stand in for
//     neighbours. It is crude (101 København and 147 Frederiksberg are neighbours; so, wrongly, are 400 Bornholm
//     and 390 Vordingborg) and good enough for the shape of a round;
//   - every municipality with vacancies commits to receive about 90 % as many households.
import {
  type Area,
  type AreaStatus,
  type CashBenefit,
  type Channel,
  type Commitment,
  type Day,
  type MemberFacts,
  type Seeker,
  type SeekerNeeds,
  type Vacancy,
} from './types';

/**
 * Denmark's 98 municipality codes (public reference data; the housing service holds the names), sorted. Copied from
 * services/housing/src/seed/municipalities.tsv (Danmarks Statistik's classification of municipalities, KOMMUNE).
 */
// prettier-ignore
export const MUNICIPALITY_CODES: readonly string[] = [
  '101', '147', '151', '153', '155', '157', '159', '161', '163', '165', '167', '169', '173', '175', '183', '185', '187',
  '190', '201', '210', '217', '219', '223', '230', '240', '250', '253', '259', '260', '265', '269', '270', '306', '316',
  '320', '326', '329', '330', '336', '340', '350', '360', '370', '376', '390', '400', '410', '420', '430', '440', '450',
  '461', '479', '480', '482', '492', '510', '530', '540', '550', '561', '563', '573', '575', '580', '607', '615', '621',
  '630', '657', '661', '665', '671', '706', '707', '710', '727', '730', '740', '741', '746', '751', '756', '760', '766',
  '773', '779', '787', '791', '810', '813', '820', '825', '840', '846', '849', '851', '860',
];

/**
 * Rough size of each municipality, in thousands of residents (rounded, about 2024), in MUNICIPALITY_CODES order.
 * Used only to weight where synthetic areas and households are: not reference data.
 */
// prettier-ignore
const MUNICIPALITY_WEIGHTS: readonly number[] = [
  660, 105, 49, 39, 15, 75, 70, 24, 30, 28, 54, 58, 57, 41, 24, 44, 17,
  42, 26, 41, 63, 53, 26, 57, 44, 46, 51, 62, 32, 90, 24, 42, 33, 73,
  38, 49, 36, 80, 23, 31, 29, 40, 84, 60, 46, 39, 40, 41, 52, 24, 32,
  208, 59, 29, 12, 6, 55, 27, 74, 37, 116, 3.5, 50, 43, 59, 52, 98, 95,
  122, 90, 59, 19, 21, 43, 37, 50, 23, 99, 100, 3.7, 65, 367, 42, 56, 47,
  20, 46, 43, 98, 36, 58, 36, 1.7, 31, 42, 38, 222, 64,
];

/** How far apart (places in the sorted code list) two municipalities may be to count as nearby. */
export const NEARBY_PLACES = 4;

export interface SyntheticOptions {
  /** The generator's seed: the same seed (and options) gives the same nation. */
  seed: number;
  /** Housing areas (1,000). */
  areas?: number;
  /** Vacancies, a year's worth (5,000). */
  vacancies?: number;
  /** Households searching (5,000). */
  seekers?: number;
  /** The round's date (2026-03-01). */
  date?: Day;
  /** Called as the generator goes: the phase ('areas', 'vacancies', 'seekers', 'commitments'), done, total. */
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** One year of an area's figures, as the evaluation service holds them (shares in ppm; income of the region's). */
export interface SyntheticYear {
  year: number;
  residents: number;
  outsideWorkOrEducationPpm: number;
  convictionPpm: number;
  nationalConvictionPpm: number;
  basicSchoolingOnlyPpm: number;
  incomeOfRegionPpm: number;
  nonWesternPpm: number;
}

export interface SyntheticArea extends Area {
  /** Two years of figures, the latest = the year before `date` (so a classifier can use two-year averages). */
  history: SyntheticYear[];
}

export interface SyntheticNation {
  date: Day;
  /** The municipality codes used (all 98). */
  municipalities: readonly string[];
  areas: SyntheticArea[];
  vacancies: Vacancy[];
  seekers: Seeker[];
  commitments: Commitment[];
}

const DEFAULTS = { areas: 1_000, vacancies: 5_000, seekers: 5_000, date: '2026-03-01' } as const;

/** Status shares of the areas (they sum to 1). */
const STATUS_SHARES: readonly [AreaStatus, number][] = [
  ['NONE', 0.8],
  ['PREVENTION_AREA', 0.08],
  ['VULNERABLE_AREA', 0.07],
  ['PARALLEL_SOCIETY', 0.03],
  ['TRANSFORMATION_AREA', 0.02],
];
/** Of the burdened areas (status other than NONE), the share where the municipality has decided combined letting. */
const COMBINED_LETTING_SHARE = 0.15;
const MUNICIPAL_ALLOCATION_SHARE = 0.25;
const STEP_FREE_SHARE = 0.4;
const AVAILABLE_WITHIN_DAYS = 60;
const CASE_SHARE = 0.1;
const WAITING_DAYS = 3 * 365;
const COMMITMENT_SHARE = 0.9;
/** Household sizes 1–6. */
const SIZE_SHARES = [0.35, 0.25, 0.17, 0.13, 0.07, 0.03];
/** Rooms 1–5 of a vacancy. */
const ROOM_SHARES = [0.1, 0.3, 0.35, 0.18, 0.07];
/** National share convicted, ppm, in the latest year; a year earlier it was 3 % higher. */
const NATIONAL_CONVICTION_PPM = 15_000;

/** A household's facts, by share of households (each independent of the others). */
const FACT_SHARES = {
  /** An adult receives a cash benefit (some of them for 6 consecutive months or more). */
  cashBenefit: 0.45,
  /** An adult was released from a prison sentence in the last year. */
  prisonRelease: 0.05,
  /** Of households with a member aged 14–17: that member was released from an institution after a conviction. */
  youthRelease: 0.05,
  /** A lease was terminated for gross misconduct in the last year. */
  leaseTermination: 0.02,
  /** The adults are not citizens of an EU/EEA country or Switzerland. */
  nonEu: 0.08,
  /** Of those adults, the share in education. */
  nonEuStudent: 0.25,
  /** The adults are other EU/EEA or Swiss citizens. */
  eu: 0.05,
  /** Citizenship is not known. */
  citizenshipUnknown: 0.005,
  consentInvalid: 0.03,
  /** Needs step-free access: any household, and households with a member aged 65 or more. */
  stepFree: 0.08,
  stepFreeElderly: 0.5,
  preferences: 0.3,
  anchors: 0.25,
} as const;

/** The cash benefits, with the share of benefit households on each. */
const BENEFIT_SHARES: readonly [CashBenefit, number][] = [
  ['KONTANTHJAELP', 0.55],
  ['UDDANNELSESHJAELP', 0.2],
  ['SELVFORSOERGELSES_OG_HJEMREJSEYDELSE', 0.2],
  ['OVERGANGSYDELSE', 0.05],
];

/** A synthetic nation (see the header for what it holds and how it is drawn). */
export function syntheticNation(options: SyntheticOptions): SyntheticNation {
  const counts = {
    areas: options.areas ?? DEFAULTS.areas,
    vacancies: options.vacancies ?? DEFAULTS.vacancies,
    seekers: options.seekers ?? DEFAULTS.seekers,
  };
  for (const [what, n] of Object.entries(counts)) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a whole number ≥ 0, not ${n}`);
  }
  if (counts.vacancies > 0 && counts.areas === 0) throw new Error('vacancies need at least one area');
  const date = options.date ?? DEFAULTS.date;
  const today = dayNumber(date);
  const progress = options.onProgress ?? (() => undefined);
  const random = generator(options.seed);

  const areas = generateAreas(random, counts.areas, yearOf(date) - 1, progress);
  const vacancies = generateVacancies(random, areas, counts.vacancies, today, progress);
  const seekers = generateSeekers(random, counts.seekers, today, progress);

  const perMunicipality = new Map<string, number>();
  for (const vacancy of vacancies) {
    perMunicipality.set(vacancy.municipalityCode, (perMunicipality.get(vacancy.municipalityCode) ?? 0) + 1);
  }
  const commitments = MUNICIPALITY_CODES.filter((code) => perMunicipality.has(code)).map((code) => ({
    municipalityCode: code,
    households: Math.max(1, Math.round(COMMITMENT_SHARE * perMunicipality.get(code)!)),
  }));
  progress('commitments', commitments.length, commitments.length);

  return { date, municipalities: MUNICIPALITY_CODES, areas, vacancies, seekers, commitments };
}

// ---------------------------------------------------------------------------------------------------------------
// Areas

type Range = readonly [number, number];
interface Levels {
  /** Shares as fractions; convictions as a multiple of the national share; income as a fraction of the region's. */
  outside: Range;
  convictions: Range;
  basic: Range;
  income: Range;
  nonWestern: Range;
}

/** Where each status's figures are drawn from; draws that miss the status's criteria are redrawn. */
// prettier-ignore
const LEVELS: Readonly<Record<'NONE' | 'PREVENTION_AREA' | 'VULNERABLE_AREA' | 'PARALLEL_SOCIETY', Levels>> = {
  NONE: { outside: [0.08, 0.33], convictions: [0.3, 1.9], basic: [0.15, 0.5], income: [0.66, 1.2], nonWestern: [0.02, 0.4] },
  PREVENTION_AREA: { outside: [0.28, 0.4], convictions: [1.4, 2.9], basic: [0.42, 0.64], income: [0.56, 0.74], nonWestern: [0.31, 0.55] },
  VULNERABLE_AREA: { outside: [0.36, 0.55], convictions: [2.2, 4.5], basic: [0.5, 0.72], income: [0.4, 0.6], nonWestern: [0.2, 0.5] },
  PARALLEL_SOCIETY: { outside: [0.36, 0.55], convictions: [2.2, 4.5], basic: [0.5, 0.72], income: [0.4, 0.6], nonWestern: [0.51, 0.85] },
};

function generateAreas(
  random: Random,
  count: number,
  latestYear: number,
  progress: NonNullable<SyntheticOptions['onProgress']>,
): SyntheticArea[] {
  const pickMunicipality = weightedPicker(random, MUNICIPALITY_WEIGHTS);
  const pickStatus = weightedPicker(
    random,
    STATUS_SHARES.map(([, share]) => share),
  );
  const numberIn = new Map<string, number>();
  const areas: SyntheticArea[] = [];
  for (let a = 0; a < count; a++) {
    const municipalityCode = MUNICIPALITY_CODES[pickMunicipality()]!;
    const status = STATUS_SHARES[pickStatus()]![0];
    const combinedLetting = status !== 'NONE' && random.next() < COMBINED_LETTING_SHARE;
    const history = areaHistory(random, status, combinedLetting, latestYear);
    const latest = history[history.length - 1]!;
    const n = (numberIn.get(municipalityCode) ?? 0) + 1;
    numberIn.set(municipalityCode, n);
    areas.push({
      id: `area-${pad(a + 1, 5)}`,
      name: `Område ${municipalityCode}-${n}`,
      municipalityCode,
      status,
      combinedLetting,
      residents: latest.residents,
      outsideWorkOrEducationPpm: latest.outsideWorkOrEducationPpm,
      history,
    });
    if ((a + 1) % 250 === 0 || a + 1 === count) progress('areas', a + 1, count);
  }
  return areas;
}

/** Two years of figures that meet the status's criteria (and § 51 b's, with combined letting). */
function areaHistory(
  random: Random,
  status: AreaStatus,
  combinedLetting: boolean,
  latestYear: number,
): SyntheticYear[] {
  const levels = LEVELS[status === 'TRANSFORMATION_AREA' ? 'PARALLEL_SOCIETY' : status];
  const burdened = status !== 'NONE';
  for (let attempt = 0; attempt < 1_000; attempt++) {
    // Housing areas under the law have 1,000 residents or more; some 10 % of the others are smaller.
    let residents =
      !burdened && random.next() < 0.1 ? random.int(300, 999) : random.int(1_000, burdened ? 8_000 : 6_000);
    let outside = random.uniform(...levels.outside);
    if (combinedLetting) outside = Math.max(outside, random.uniform(0.405, 0.46));
    const level = {
      outside,
      convictions: random.uniform(...levels.convictions),
      basic: random.uniform(...levels.basic),
      income: random.uniform(...levels.income),
      nonWestern: random.uniform(...levels.nonWestern),
    };
    const years: SyntheticYear[] = [];
    for (let y = latestYear - 1; y <= latestYear; y++) {
      if (y === latestYear) residents = Math.max(300, Math.round(residents * (1 + 0.02 * random.normal())));
      const national = Math.round(NATIONAL_CONVICTION_PPM * 1.03 ** (latestYear - y));
      years.push({
        year: y,
        residents,
        outsideWorkOrEducationPpm: ppm(level.outside + 0.01 * random.normal()),
        convictionPpm: ppm(Math.max(0, level.convictions + 0.1 * random.normal()) * (national / 1_000_000)),
        nationalConvictionPpm: national,
        basicSchoolingOnlyPpm: ppm(level.basic + 0.01 * random.normal()),
        incomeOfRegionPpm: ppm(level.income + 0.015 * random.normal(), 10_000_000),
        nonWesternPpm: ppm(level.nonWestern + 0.01 * random.normal()),
      });
    }
    if (statusOfFigures(years) === (status === 'TRANSFORMATION_AREA' ? 'PARALLEL_SOCIETY' : status)) {
      if (!combinedLetting || meetsCombinedLetting(years[years.length - 1]!)) return years;
    }
  }
  throw new Error(`no figures for a ${status} area after 1,000 draws (the LEVELS cannot meet its criteria)`);
}

/**
 * The status the figures give under the 2021 act (almenboligloven § 61 a stk. 1-3 and § 61 b; the rules in
 * services/evaluation/src/domain/rules.ts, ABL-2021), from two years, without the transformation test (it needs
 * five years): a parallel society here may be a transformation area.
 */
function statusOfFigures([previous, latest]: readonly SyntheticYear[]): AreaStatus {
  if (previous === undefined || latest === undefined) throw new Error('two years of figures are needed');
  if (latest.residents < 1_000) return 'NONE';
  const outsideSum = previous.outsideWorkOrEducationPpm + latest.outsideWorkOrEducationPpm;
  const convictions = previous.convictionPpm + latest.convictionPpm;
  const national = previous.nationalConvictionPpm + latest.nationalConvictionPpm;
  const vulnerable = [
    outsideSum > 2 * 400_000,
    convictions * 1_000_000 >= 3_000_000 * national,
    latest.basicSchoolingOnlyPpm > 600_000,
    latest.incomeOfRegionPpm < 550_000,
  ].filter(Boolean).length;
  if (vulnerable >= 2) return latest.nonWesternPpm > 500_000 ? 'PARALLEL_SOCIETY' : 'VULNERABLE_AREA';
  const prevention = [
    outsideSum > 2 * 300_000,
    convictions * 1_000_000 >= 2_000_000 * national,
    latest.basicSchoolingOnlyPpm > 600_000,
    latest.incomeOfRegionPpm < 650_000,
  ].filter(Boolean).length;
  return latest.nonWesternPpm > 300_000 && prevention >= 2 ? 'PREVENTION_AREA' : 'NONE';
}

/** § 51 b stk. 3-4: 1,000 residents and 40 % outside work or education, or 5,000 residents and 30 %. */
function meetsCombinedLetting(latest: SyntheticYear): boolean {
  return (
    (latest.residents >= 1_000 && latest.outsideWorkOrEducationPpm >= 400_000) ||
    (latest.residents >= 5_000 && latest.outsideWorkOrEducationPpm >= 300_000)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Vacancies

function generateVacancies(
  random: Random,
  areas: readonly SyntheticArea[],
  count: number,
  today: number,
  progress: NonNullable<SyntheticOptions['onProgress']>,
): Vacancy[] {
  if (count === 0) return [];
  const pickArea = weightedPicker(
    random,
    areas.map((area) => area.residents ?? 1_000),
  );
  const pickRooms = weightedPicker(random, ROOM_SHARES);
  const vacancies: Vacancy[] = [];
  for (let v = 0; v < count; v++) {
    const area = areas[pickArea()]!;
    const rooms = pickRooms() + 1;
    const channel: Channel = random.next() < MUNICIPAL_ALLOCATION_SHARE ? 'MUNICIPAL_ALLOCATION' : 'PLATFORM';
    // Rent grows with the rooms: about 4,700 kr for one room, 10,000 kr for five, within 4,000–12,000 kr.
    const kroner = clamp(Math.round(3_400 + 1_350 * rooms + 700 * random.normal()), 4_000, 12_000);
    vacancies.push({
      id: `vacancy-${pad(v + 1, 6)}`,
      unitId: `unit-${pad(v + 1, 6)}`,
      areaId: area.id,
      municipalityCode: area.municipalityCode,
      channel,
      rooms,
      stepFreeAccess: random.next() < STEP_FREE_SHARE,
      monthlyRentOre: kroner * 100,
      availableFrom: dayText(today + random.int(0, AVAILABLE_WITHIN_DAYS)),
    });
    if ((v + 1) % 1_000 === 0 || v + 1 === count) progress('vacancies', v + 1, count);
  }
  return vacancies;
}

// ---------------------------------------------------------------------------------------------------------------
// Households searching

function generateSeekers(
  random: Random,
  count: number,
  today: number,
  progress: NonNullable<SyntheticOptions['onProgress']>,
): Seeker[] {
  const pickMunicipality = weightedPicker(random, MUNICIPALITY_WEIGHTS);
  const pickSize = weightedPicker(random, SIZE_SHARES);
  const pickBenefit = weightedPicker(
    random,
    BENEFIT_SHARES.map(([, share]) => share),
  );
  const seekers: Seeker[] = [];
  for (let s = 0; s < count; s++) {
    const home = pickMunicipality();
    const municipalityCode = MUNICIPALITY_CODES[home]!;
    const kind = random.next() < CASE_SHARE ? 'CASE' : 'APPLICATION';
    const members = householdMembers(random, pickSize() + 1, kind, today, pickBenefit);

    const size = members.length;
    const elderly = members.some((member) => member.age >= 65);
    const minRooms = clamp(Math.ceil((size + 1) / 2) - (size > 1 && random.next() < 0.3 ? 1 : 0), 1, 5);
    const acceptable = [municipalityCode, ...nearby(random, home, random.int(0, NEARBY_PLACES))];
    const needs: SeekerNeeds = {
      minRooms,
      stepFreeAccess: random.next() < (elderly ? FACT_SHARES.stepFreeElderly : FACT_SHARES.stepFree),
      // What the household can pay: about the rent of a home of its size, give or take; whole kroner.
      maxMonthlyRentOre: clamp(Math.round(4_800 + 1_400 * minRooms + 1_200 * random.normal()), 4_500, 14_000) * 100,
      acceptableMunicipalityCodes: acceptable,
    };
    const preferred =
      acceptable.length > 1 && random.next() < FACT_SHARES.preferences
        ? shuffled(random, acceptable).slice(0, random.int(1, Math.min(2, acceptable.length - 1)))
        : [];
    const anchors =
      random.next() < FACT_SHARES.anchors ? [random.next() < 0.7 ? municipalityCode : random.pick(acceptable)] : [];
    seekers.push({
      id: `seeker-${pad(s + 1, 6)}`,
      kind,
      municipalityCode,
      members,
      needs,
      consentValid: random.next() >= FACT_SHARES.consentInvalid,
      waitingSince: dayText(today - random.int(0, WAITING_DAYS)),
      preferredMunicipalityCodes: preferred,
      anchorMunicipalityCodes: anchors,
    });
    if ((s + 1) % 1_000 === 0 || s + 1 === count) progress('seekers', s + 1, count);
  }
  return seekers;
}

/** Members of a household of `size`: one or two adults first, then children (now and then a grown-up child). */
function householdMembers(
  random: Random,
  size: number,
  kind: Seeker['kind'],
  today: number,
  pickBenefit: () => number,
): MemberFacts[] {
  const adults = size === 1 ? 1 : random.next() < 0.55 ? 2 : 1;
  const citizenshipRoll = random.next();
  const citizenship: MemberFacts['citizenship'] =
    citizenshipRoll < FACT_SHARES.citizenshipUnknown
      ? null
      : citizenshipRoll < FACT_SHARES.citizenshipUnknown + FACT_SHARES.nonEu
        ? 'OTHER'
        : citizenshipRoll < FACT_SHARES.citizenshipUnknown + FACT_SHARES.nonEu + FACT_SHARES.eu
          ? 'EU_EEA_SWISS'
          : 'DANISH';
  const openCase = random.next() < (kind === 'CASE' ? 0.3 : 0.1);
  const members: MemberFacts[] = [];
  const firstAge = size === 1 ? random.int(18, 80) : random.int(20, 60);
  for (let m = 0; m < size; m++) {
    let age: number;
    if (m === 0) age = firstAge;
    else if (m < adults) age = clamp(firstAge + random.int(-6, 6), 18, 80);
    else if (m === adults && size >= 4 && random.next() < 0.15)
      age = random.int(18, Math.max(18, Math.min(26, firstAge - 18)));
    else age = random.int(0, Math.max(0, Math.min(17, firstAge - 18)));
    const adult = age >= 18;
    const student =
      adult && age < 30
        ? random.next() < (citizenship === 'OTHER' ? FACT_SHARES.nonEuStudent * 2 : 0.3)
        : citizenship === 'OTHER' && adult && random.next() < FACT_SHARES.nonEuStudent / 2;
    members.push({
      age,
      citizenship: adult || citizenship !== 'OTHER' ? citizenship : random.next() < 0.5 ? 'OTHER' : 'DANISH',
      student,
      prisonReleases: [],
      youthInstitutionReleases: [],
      leaseTerminations: [],
      benefits: [],
      outsideWorkOrEducation: adult && age <= 64 && !student && random.next() < 0.2,
      openMunicipalCase: openCase,
    });
  }
  const adultMembers = members.filter((member) => member.age >= 18);
  const anAdult = () => random.pick(adultMembers);

  if (random.next() < FACT_SHARES.cashBenefit) {
    const member = anAdult();
    const [benefit] = BENEFIT_SHARES[pickBenefit()]!;
    const chosen: CashBenefit = benefit === 'UDDANNELSESHJAELP' && member.age >= 30 ? 'KONTANTHJAELP' : benefit;
    // Some 35 % started within the last six months, the rest 6–36 months ago; 15 % of the periods have ended.
    const started = today - (random.next() < 0.35 ? random.int(0, 182) : random.int(183, 1_095));
    const ended = random.next() < 0.15 ? random.int(started, today - 1) : null;
    member.benefits.push({
      benefit: chosen,
      period: { startedOn: dayText(started), endedOn: ended === null ? null : dayText(ended) },
    });
    // Now and then an earlier benefit ran right up to this one (the rules join touching periods).
    if (random.next() < 0.1) {
      const before = started - random.int(30, 400);
      member.benefits.unshift({
        benefit: 'KONTANTHJAELP',
        period: { startedOn: dayText(before), endedOn: dayText(started - 1) },
      });
    }
    member.outsideWorkOrEducation = member.age <= 64;
    member.student = false;
  }
  if (random.next() < FACT_SHARES.prisonRelease) anAdult().prisonReleases.push(dayText(today - random.int(0, 364)));
  if (random.next() < FACT_SHARES.leaseTermination)
    anAdult().leaseTerminations.push(dayText(today - random.int(0, 364)));
  // A teenager released from an institution after a conviction (still under 18, so § 59 stk. 6 nr. 2 counts it).
  const teenager = members.find((member) => member.age >= 14 && member.age < 18);
  if (teenager !== undefined && random.next() < FACT_SHARES.youthRelease) {
    teenager.youthInstitutionReleases.push(dayText(today - random.int(0, 364)));
  }
  return members;
}

/** `k` distinct municipalities near the one at `home` (at most NEARBY_PLACES places away in the code list). */
function nearby(random: Random, home: number, k: number): string[] {
  const around: number[] = [];
  for (let d = -NEARBY_PLACES; d <= NEARBY_PLACES; d++) {
    const index = home + d;
    if (d !== 0 && index >= 0 && index < MUNICIPALITY_CODES.length) around.push(index);
  }
  return shuffled(random, around)
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((index) => MUNICIPALITY_CODES[index]!);
}

// ---------------------------------------------------------------------------------------------------------------
// The generator and small helpers

/** mulberry32 (as packages/cli/src/bench-common.ts): a small, fast 32-bit PRNG; plenty for synthetic data. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  /** A whole number from `min` to `max`, both included. */
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const uniform = (min: number, max: number) => min + next() * (max - min);
  /** A standard normal deviate (Box–Muller). */
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, int, pick, uniform, normal };
}

type Random = ReturnType<typeof generator>;

/** A picker of indices with probability in proportion to `weights` (binary search over the running sums). */
function weightedPicker(random: Random, weights: readonly number[]): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += Math.max(0, weight);
    cumulative.push(total);
  }
  if (!(total > 0)) throw new Error('the weights must have a positive sum');
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return low;
  };
}

/** A shuffled copy (Fisher–Yates). */
function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const ppm = (share: number, max = 1_000_000) => clamp(Math.round(share * 1_000_000), 0, max);
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD day (UTC calendar arithmetic: no time zone enters). */
function dayNumber(day: Day): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const time = match === null ? NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(time) || dayText(time / DAY_MS) !== day) throw new Error(`date is not a calendar day: '${day}'`);
  return time / DAY_MS;
}

function dayText(days: number): Day {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}
