// Test data for the allocation model: plain builders with sensible defaults, and random rounds from a seed (a small
// PRNG, so every instance can be reproduced from its seed alone).
import { type RoundInput } from '../src/model';
import {
  type Area,
  type AreaStatus,
  type Channel,
  type Commitment,
  type Day,
  type MemberFacts,
  type Seeker,
  type Vacancy,
  type Weights,
} from '../src/types';

/** The date of every test round. */
export const ROUND_DATE: Day = '2026-03-02';

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function makeArea(overrides: Partial<Area> = {}): Area {
  return {
    id: 'area-1',
    name: 'Area 1',
    municipalityCode: '0101',
    status: 'NONE',
    combinedLetting: false,
    residents: 2000,
    outsideWorkOrEducationPpm: 200_000,
    ...overrides,
  };
}

export function makeVacancy(overrides: Partial<Vacancy> = {}): Vacancy {
  return {
    id: 'vacancy-1',
    unitId: `unit-${overrides.id ?? 'vacancy-1'}`,
    areaId: 'area-1',
    municipalityCode: '0101',
    channel: 'PLATFORM',
    rooms: 3,
    stepFreeAccess: false,
    monthlyRentOre: 600_000,
    availableFrom: ROUND_DATE,
    ...overrides,
  };
}

export function makeMember(overrides: Partial<MemberFacts> = {}): MemberFacts {
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

export function makeSeeker(overrides: Partial<Seeker> = {}): Seeker {
  return {
    id: 'seeker-1',
    kind: 'CASE',
    municipalityCode: '0101',
    members: [makeMember()],
    needs: { minRooms: 2, stepFreeAccess: false, maxMonthlyRentOre: 1_000_000, acceptableMunicipalityCodes: [] },
    consentValid: true,
    waitingSince: '2025-03-02',
    preferredMunicipalityCodes: [],
    anchorMunicipalityCodes: [],
    ...overrides,
  };
}

export function makeInput(overrides: Partial<RoundInput> = {}): RoundInput {
  return {
    date: ROUND_DATE,
    seekers: [],
    vacancies: [],
    areas: [],
    commitments: null,
    weights: { placement: 1000, burden: 100, fit: 10, waiting: 5, fairness: 1 },
    ...overrides,
  };
}

/** The size and flavour of a random round. */
export interface RandomRoundOptions {
  seekers: number;
  vacancies: number;
  municipalities: number;
  /** Areas per municipality (default 1-3 at random). */
  areasPerMunicipality?: number;
  /** Random weights (default) or the default weights. */
  randomWeights?: boolean;
  /** 'random' (default): null, or some municipalities committing 0-4 households; 'none': null. */
  commitments?: 'random' | 'none' | 'generous';
}

const MUNICIPALITY_CODES = ['0101', '0147', '0461', '0751', '0851', '0157', '0169', '0183', '0253', '0265'];
const STATUSES: AreaStatus[] = [
  'NONE',
  'PREVENTION_AREA',
  'VULNERABLE_AREA',
  'PARALLEL_SOCIETY',
  'TRANSFORMATION_AREA',
];
const CHANNELS: Channel[] = ['MUNICIPAL_ALLOCATION', 'PLATFORM'];

/** A random round: statuses, facts that trigger the letting rules now and then, needs, commitments and weights. */
export function randomRound(seed: number, options: RandomRoundOptions): RoundInput {
  const random = prng(seed);
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const day = (offset: number) => shiftDay(ROUND_DATE, offset);
  const pad = (n: number) => String(n).padStart(5, '0');

  const municipalities = MUNICIPALITY_CODES.slice(0, Math.max(1, Math.min(options.municipalities, 10)));
  const areas: Area[] = [];
  for (const code of municipalities) {
    const count = options.areasPerMunicipality ?? int(1, 3);
    for (let i = 0; i < count; i++) {
      areas.push(
        makeArea({
          id: `area-${code}-${i}`,
          name: `Area ${code}-${i}`,
          municipalityCode: code,
          status: chance(0.4) ? 'NONE' : pick(STATUSES),
          combinedLetting: chance(0.2),
          residents: chance(0.1) ? null : int(300, 6000),
          outsideWorkOrEducationPpm: chance(0.1) ? null : int(80_000, 600_000),
        }),
      );
    }
  }

  const vacancies: Vacancy[] = [];
  for (let i = 0; i < options.vacancies; i++) {
    const area = pick(areas);
    vacancies.push(
      makeVacancy({
        id: `v-${pad(i)}`,
        unitId: `u-${pad(i)}`,
        areaId: area.id,
        municipalityCode: area.municipalityCode,
        channel: pick(CHANNELS),
        rooms: int(1, 5),
        stepFreeAccess: chance(0.5),
        monthlyRentOre: int(40, 120) * 10_000,
        availableFrom: day(int(-10, 110)),
      }),
    );
  }

  const seekers: Seeker[] = [];
  for (let i = 0; i < options.seekers; i++) {
    const members: MemberFacts[] = [];
    const size = int(1, 5);
    for (let j = 0; j < size; j++) {
      const age = j === 0 ? int(18, 80) : int(0, 70);
      members.push(
        makeMember({
          age,
          citizenship: chance(0.05) ? null : chance(0.15) ? 'OTHER' : chance(0.2) ? 'EU_EEA_SWISS' : 'DANISH',
          student: chance(0.15),
          prisonReleases: chance(0.04) ? [day(-int(0, 300))] : [],
          youthInstitutionReleases: chance(0.02) ? [day(-int(0, 300))] : [],
          leaseTerminations: chance(0.04) ? [day(-int(0, 300))] : [],
          benefits: chance(0.2)
            ? [
                {
                  benefit: pick(['KONTANTHJAELP', 'UDDANNELSESHJAELP', 'OVERGANGSYDELSE'] as const),
                  period: { startedOn: day(-int(30, 600)), endedOn: chance(0.3) ? day(-int(0, 20)) : null },
                },
              ]
            : [],
          outsideWorkOrEducation: age >= 18 && age <= 64 && chance(0.4),
          openMunicipalCase: chance(0.2),
        }),
      );
    }
    seekers.push(
      makeSeeker({
        id: `s-${pad(i)}`,
        kind: chance(0.5) ? 'CASE' : 'APPLICATION',
        municipalityCode: pick(municipalities),
        members,
        needs: {
          minRooms: int(1, 4),
          stepFreeAccess: chance(0.15),
          maxMonthlyRentOre: int(60, 140) * 10_000,
          acceptableMunicipalityCodes: chance(0.7) ? [] : municipalities.filter(() => chance(0.6)),
        },
        consentValid: chance(0.95),
        waitingSince: day(-int(0, 1500)),
        preferredMunicipalityCodes: chance(0.5) ? municipalities.filter(() => chance(0.4)) : [],
        anchorMunicipalityCodes: chance(0.3) ? [pick(municipalities)] : [],
      }),
    );
  }

  let commitments: Commitment[] | null = null;
  const mode = options.commitments ?? 'random';
  if (mode === 'generous') {
    commitments = municipalities.map((code) => ({
      municipalityCode: code,
      households: Math.ceil((options.seekers / municipalities.length) * 1.2) + 1,
    }));
  } else if (mode === 'random' && chance(0.7)) {
    commitments = municipalities
      .filter(() => chance(0.85))
      .map((code) => ({ municipalityCode: code, households: int(0, 4) }));
  }

  const weights: Weights =
    options.randomWeights === false
      ? { placement: 1000, burden: 100, fit: 10, waiting: 5, fairness: 1 }
      : {
          placement: chance(0.2) ? int(0, 150) : int(500, 2000),
          burden: int(0, 200),
          fit: int(0, 30),
          waiting: int(0, 10),
          fairness: chance(0.3) ? 0 : int(1, 60),
        };

  return { date: ROUND_DATE, seekers, vacancies, areas, commitments, weights };
}

/** The day `days` after `day` (negative: before). */
export function shiftDay(day: Day, days: number): Day {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The same round with its lists in another (seeded) order. */
export function shuffled(input: RoundInput, seed: number): RoundInput {
  const random = prng(seed);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return {
    ...input,
    seekers: shuffle(input.seekers),
    vacancies: shuffle(input.vacancies),
    areas: shuffle(input.areas),
    commitments: input.commitments === null ? null : shuffle(input.commitments),
  };
}
