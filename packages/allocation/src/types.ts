// The allocation model's inputs and outputs: plain data, no I/O. A service gathers them (vacancies and areas from
// housing, seekers and their facts from households, indicators from evaluation) and drives the model.

/** YYYY-MM-DD. */
export type Day = string;

/** An area's status on the ministry's latest list as of the round's date (held by housing). */
export type AreaStatus = 'NONE' | 'PREVENTION_AREA' | 'VULNERABLE_AREA' | 'PARALLEL_SOCIETY' | 'TRANSFORMATION_AREA';

/** How a vacancy reaches the platform (housing's letting channel). */
export type Channel = 'MUNICIPAL_ALLOCATION' | 'PLATFORM';

export interface Area {
  id: string;
  name: string;
  municipalityCode: string;
  status: AreaStatus;
  /** The municipality has decided combined letting (kombineret udlejning, § 51 b) for the area, as of the round's date. */
  combinedLetting: boolean;
  /** Residents on 1 January (evaluation's latest figures); null when unknown. */
  residents: number | null;
  /** Residents aged 18-64 outside work or education, parts per million (400_000 = 40 %); null when unknown. */
  outsideWorkOrEducationPpm: number | null;
}

export interface Vacancy {
  id: string;
  unitId: string;
  areaId: string;
  municipalityCode: string;
  channel: Channel;
  rooms: number;
  stepFreeAccess: boolean;
  monthlyRentOre: number;
  availableFrom: Day;
}

/** A benefit or status period of one member, from the households service's dated facts. */
export interface DatedPeriod {
  startedOn: Day;
  /** null: still running. */
  endedOn: Day | null;
}

export type CashBenefit =
  'KONTANTHJAELP' | 'UDDANNELSESHJAELP' | 'SELVFORSOERGELSES_OG_HJEMREJSEYDELSE' | 'OVERGANGSYDELSE';

/** What the law's letting rules ask about one member (nothing else: no name, no CPR number). */
export interface MemberFacts {
  /** Age on the round's date. */
  age: number;
  /** Citizenship in force on the round's date. */
  citizenship: 'DANISH' | 'EU_EEA_SWISS' | 'OTHER' | null;
  /** In education on the round's date (the student exception of § 59 stk. 6 nr. 4). */
  student: boolean;
  /** Releases from a prison sentence (§ 59 stk. 6 nr. 1), by date. */
  prisonReleases: Day[];
  /** Releases from an institution after a conviction, while under 18 (§ 59 stk. 6 nr. 2), by date. */
  youthInstitutionReleases: Day[];
  /** Leases terminated for gross misconduct (§ 59 stk. 6 nr. 3), by date. */
  leaseTerminations: Day[];
  /** Periods of each cash benefit (§ 59 stk. 6 nr. 5, stk. 7, § 51 b, § 51 c). */
  benefits: { benefit: CashBenefit; period: DatedPeriod }[];
  /** Outside work or education (for the share the round must not raise), aged 18-64. */
  outsideWorkOrEducation: boolean;
  openMunicipalCase: boolean;
}

export interface SeekerNeeds {
  minRooms: number;
  stepFreeAccess: boolean;
  maxMonthlyRentOre: number;
  /** Empty: any municipality. */
  acceptableMunicipalityCodes: string[];
}

export interface Seeker {
  id: string;
  /** A Second Chance relocation case that is searching, or an application for municipal allocation (§ 59). */
  kind: 'CASE' | 'APPLICATION';
  /** The municipality responsible for the household (its caseworkers see the proposal). */
  municipalityCode: string;
  members: MemberFacts[];
  needs: SeekerNeeds;
  /** A consent or lawful basis for relocation is in force on the round's date. */
  consentValid: boolean;
  /** Since when it has been waiting (the case's search began, the application was made). */
  waitingSince: Day;
  /** Municipalities the household would prefer, best first (optional). */
  preferredMunicipalityCodes: string[];
  /** Where a member goes to school or work, if known: a home in that municipality fits better. */
  anchorMunicipalityCodes: string[];
}

/** How many households a municipality has committed to receive in the round's period (its cooperation agreement). */
export interface Commitment {
  municipalityCode: string;
  households: number;
}

/**
 * The objective's weights, explicit and configurable by platform administrators. All costs are in points; the
 * round minimises their sum. Larger weights dominate: placing a household first, then not raising the share
 * outside work in burdened areas, then fit, then fairness between receiving municipalities.
 */
export interface Weights {
  /** Reward (negative cost) for each household placed. */
  placement: number;
  /** Per working-age adult-equivalent the placement raises the share outside work, times the area's burden. */
  burden: number;
  /** Per point of fit lost (rooms beyond need, rent against what it can pay, not preferred, away from school/work). */
  fit: number;
  /** Reward per year waited (longer waiting is served first). */
  waiting: number;
  /** Per household received beyond a municipality's even share of its commitment (convex: the k-th costs more). */
  fairness: number;
}

/** A rule that excludes a vacancy for a seeker, as the law or the household's needs say it. */
export interface Exclusion {
  /** E.g. '§ 59 stk. 6 nr. 5', 'NEEDS_ROOMS', 'CONSENT', 'COMMITMENT'. */
  rule: string;
  /** Plain words, e.g. 'a member has received kontanthjælp for 6 consecutive months (since 2025-11-03)'. */
  reason: string;
}
