// The allocation model: which (household, home) pairs a round may propose, and what each costs in points.
//
// THE OBJECTIVE. A round chooses at most one vacancy per seeker and at most one seeker per vacancy, among the
// candidates (the pairs that the letting rules, the household's needs and its consent allow, in a municipality that
// has committed to receive), and minimises the sum of the chosen pairs' costs plus the receiving municipalities'
// fairness costs. Every cost is in points; the weights (Weights, set by platform administrators) say how many points
// one unit of each concern is worth. With the default weights the priorities come in this order:
//
//   placement   −weights.placement per household placed (default −1000). Placing a household comes first: the other
//               terms of a pair rarely come near 1000 points, so the round leaves a household without a proposal
//               when the rules, the vacancies or the commitments leave no room for it, and otherwise only when its
//               every lawful home would cost more than placing it gains (several adults outside work, say, whose
//               only lawful homes are in heavily burdened areas: 4 such adults in a transformation area with 60 %
//               outside work cost 100 × 7 × 1.6 = 1,120 points; the household is then told so, with the points).
//   burden      weights.burden × burden(area) × (outside − share × workingAge) (default 100 per adult-equivalent;
//               outside: members aged 18-64 outside work or education, workingAge: members aged 18-64, share: the
//               area's share outside work or education, 0 when unknown).
//               burden(area) is the area's status weight (NONE 0, PREVENTION_AREA 1, VULNERABLE_AREA 2,
//               PARALLEL_SOCIETY 3, TRANSFORMATION_AREA 4) plus one per ten percentage points by which the area's
//               share of working-age residents outside work or education exceeds 30 % (status weight only when the
//               share is unknown). (outside − share × workingAge) is how many working-age residents outside work or
//               education the household adds beyond what the area's current share would predict: the household's
//               own effect on the share. It is positive for a household that raises the share and negative for one
//               that lowers it, so placing a household in work in a burdened area is rewarded.
//   fit         weights.fit × (rooms beyond need + 2 × rent / the most the household can pay + 1 when the household
//               named preferred municipalities and this is not one of them + 2 when we know where its members go to
//               school or work and this municipality is not among them) (default 10 per point of fit lost).
//   waiting     −weights.waiting × years waited (days / 365.25 from waitingSince to the round's date, never negative;
//               default 5 points per year): of two households that would take the same home equally well, the one
//               that has waited longer gets it.
//   fairness    per receiving municipality m with commitment C_m (households it committed to receive this period):
//               the k-th household it receives costs weights.fairness × (2k − 1) / C_m, so n households cost
//               weights.fairness × n² / C_m in all (default 1). The cost is convex, so at the margin the round
//               prefers the municipality that has used the smaller part of its commitment: intake spreads in
//               proportion to commitments. A municipality receives at most C_m households (a hard rule, not a cost).
//               A municipality with no commitment entry while others have one has cap 0: it has not committed to
//               receive. With commitments null there are no caps and no fairness cost.
//
// WHY LINEAR. Each term is a sum over the chosen pairs (fairness: over each municipality's k-th household, convex so
// that it too is linear in the LP), so the round is an assignment problem with side capacities: a linear programme
// over a network matrix, whose optimal vertices are whole allocations. So an established solver proves the optimum
// in seconds (see solve.ts), and a caseworker can read every term of a proposal on its own (see explain.ts): a
// point is a point whichever term it comes from, and nothing is hidden in a non-linear score.
import { RULES, exclusions, lettingRulesOn, type LettingRuleVersion } from './rules';
import {
  type Area,
  type AreaStatus,
  type Commitment,
  type Day,
  type Exclusion,
  type Seeker,
  type Vacancy,
  type Weights,
} from './types';

/** What a round is given: everyone searching, every vacancy, the areas, commitments and the objective's weights. */
export interface RoundInput {
  date: Day;
  seekers: Seeker[];
  vacancies: Vacancy[];
  areas: Area[];
  /** Households each municipality has committed to receive; null: no caps and no fairness cost. */
  commitments: Commitment[] | null;
  weights: Weights;
  /** Share of residents aged 18-64, to estimate an area's working-age residents from its residents (default 0.6). */
  workingAgeShare?: number;
}

/** The default weights: placement first, then burden, fit, waiting and fairness (see the objective above). */
export const DEFAULT_WEIGHTS: Weights = { placement: 1000, burden: 100, fit: 10, waiting: 5, fairness: 1 };

/** The share of an area's residents assumed to be aged 18-64 when the input does not say. */
export const DEFAULT_WORKING_AGE_SHARE = 0.6;

/** The burden each area status carries before the share outside work or education is counted. */
export const STATUS_BURDEN: Readonly<Record<AreaStatus, number>> = {
  NONE: 0,
  PREVENTION_AREA: 1,
  VULNERABLE_AREA: 2,
  PARALLEL_SOCIETY: 3,
  TRANSFORMATION_AREA: 4,
};

/** The share outside work or education (per cent) above which an area carries extra burden, one per 10 points. */
export const BURDEN_SHARE_THRESHOLD_PERCENT = 30;

/** The rule name of a vacancy closed because its municipality has not committed to receive households. */
export const COMMITMENT_RULE = 'COMMITMENT';

/** How many closed vacancies per seeker the instance keeps for explanations (the ones that would fit best). */
export const CLOSED_KEPT_PER_SEEKER = 50;

/** One candidate's cost, term by term, in points (see the objective above). */
export interface CostParts {
  placement: number;
  burden: number;
  fit: number;
  waiting: number;
  fairness: number;
}

/** What a household brings to the burden and waiting terms. */
export interface HouseholdFacts {
  /** Members aged 18-64. */
  workingAge: number;
  /** Members aged 18-64 outside work or education. */
  outside: number;
  /** Years waited on the round's date (days / 365.25, never negative). */
  yearsWaited: number;
}

/** A candidate's cost with the quantities behind each term, for a caseworker to read. */
export interface CandidateCost {
  /** The sum of the parts (fairness is 0 here: it depends on the whole round). */
  total: number;
  parts: CostParts;
  /** burden(area). */
  areaBurden: number;
  /** The area's share outside work or education as a fraction; 0 when unknown. */
  areaShare: number;
  household: HouseholdFacts;
  roomsBeyondNeed: number;
  /** Rent against the most the household can pay. */
  rentRatio: number;
  notPreferred: boolean;
  awayFromAnchors: boolean;
}

/** burden(area): the status weight plus one per ten percentage points outside work or education beyond 30 %. */
export function areaBurden(area: Area): number {
  const status = STATUS_BURDEN[area.status];
  if (area.outsideWorkOrEducationPpm === null) return status;
  const percent = area.outsideWorkOrEducationPpm / 10_000;
  return status + Math.max(0, percent - BURDEN_SHARE_THRESHOLD_PERCENT) / 10;
}

/** The area's share of working-age residents outside work or education, as a fraction (0 when unknown). */
export function areaShare(area: Area): number {
  return area.outsideWorkOrEducationPpm === null ? 0 : area.outsideWorkOrEducationPpm / 1_000_000;
}

/** The household's working-age members, those of them outside work or education, and the years it has waited. */
export function householdFacts(seeker: Seeker, date: Day): HouseholdFacts {
  let workingAge = 0;
  let outside = 0;
  for (const member of seeker.members) {
    if (member.age >= 18 && member.age <= 64) {
      workingAge += 1;
      if (member.outsideWorkOrEducation) outside += 1;
    }
  }
  const days = epochDay(date, 'the round date') - epochDay(seeker.waitingSince, `waitingSince of seeker ${seeker.id}`);
  return { workingAge, outside, yearsWaited: Math.max(0, days) / 365.25 };
}

/** The cost of placing the seeker in the vacancy (an area of the vacancy), term by term; fairness is left at 0. */
export function candidateCost(
  seeker: Seeker,
  vacancy: Vacancy,
  area: Area,
  date: Day,
  weights: Weights,
): CandidateCost {
  if (vacancy.areaId !== area.id)
    throw new Error(`vacancy ${vacancy.id} lies in area ${vacancy.areaId}, not ${area.id}`);
  return costWith(seeker, householdFacts(seeker, date), vacancy, areaBurden(area), areaShare(area), weights);
}

/**
 * The same cost from facts computed once per seeker and area (the round prices every pair, so this is the hot path;
 * candidateCost gives the same numbers).
 */
export function costWith(
  seeker: Seeker,
  household: HouseholdFacts,
  vacancy: Vacancy,
  burdenOfArea: number,
  shareOfArea: number,
  weights: Weights,
): CandidateCost {
  const { needs } = seeker;
  const roomsBeyondNeed = Math.max(0, vacancy.rooms - needs.minRooms);
  const rentRatio =
    needs.maxMonthlyRentOre > 0 ? vacancy.monthlyRentOre / needs.maxMonthlyRentOre : vacancy.monthlyRentOre > 0 ? 1 : 0;
  const notPreferred =
    seeker.preferredMunicipalityCodes.length > 0 &&
    !seeker.preferredMunicipalityCodes.includes(vacancy.municipalityCode);
  const awayFromAnchors =
    seeker.anchorMunicipalityCodes.length > 0 && !seeker.anchorMunicipalityCodes.includes(vacancy.municipalityCode);
  const parts: CostParts = {
    placement: -weights.placement,
    burden: weights.burden * burdenOfArea * (household.outside - shareOfArea * household.workingAge),
    fit: weights.fit * (roomsBeyondNeed + 2 * rentRatio + (notPreferred ? 1 : 0) + (awayFromAnchors ? 2 : 0)),
    waiting: -weights.waiting * household.yearsWaited,
    fairness: 0,
  };
  return {
    total: sumParts(parts),
    parts,
    areaBurden: burdenOfArea,
    areaShare: shareOfArea,
    household,
    roomsBeyondNeed,
    rentRatio,
    notPreferred,
    awayFromAnchors,
  };
}

/** The parts added up, always in the same order (so equal parts give bit-for-bit equal totals). */
export function sumParts(parts: CostParts): number {
  return parts.placement + parts.burden + parts.fit + parts.waiting + parts.fairness;
}

/** The fairness cost of the k-th household (k = 1, 2, …) a municipality with commitment C receives. */
export function fairnessStep(k: number, commitment: number, weights: Weights): number {
  return (weights.fairness * (2 * k - 1)) / commitment;
}

/** The fairness cost of n households received against commitment C: the sum of the steps, fairness × n² / C. */
export function fairnessCost(n: number, commitment: number, weights: Weights): number {
  return n === 0 ? 0 : (weights.fairness * n * n) / commitment;
}

/** A vacancy closed to a seeker, with what it would have cost had it been open. */
export interface ClosedVacancy {
  /** Index into Instance.vacancies. */
  vacancy: number;
  /** The cost the pair would have (fairness aside) if no rule closed it. */
  cost: number;
  exclusions: Exclusion[];
}

/** What closed vacancies to one seeker, summed up for explanations. */
export interface SeekerClosures {
  /** Vacancies closed to the seeker. */
  count: number;
  /** Closed vacancies per rule (a vacancy closed by two rules counts under both). */
  byRule: Map<string, number>;
  /** The closed vacancies that would have cost least, at most CLOSED_KEPT_PER_SEEKER, cheapest first. */
  nearest: ClosedVacancy[];
}

/** The candidates as parallel arrays, seeker by seeker (a seeker's candidates in vacancy order). */
export interface Candidates {
  count: number;
  seeker: Int32Array;
  vacancy: Int32Array;
  /** The pair's cost in points, fairness aside. */
  cost: Float64Array;
  /** Seeker s's candidates are the indices seekerStart[s] up to seekerStart[s + 1]. */
  seekerStart: Int32Array;
}

/** A round's input made ready to solve: sorted, indexed, with every candidate priced. */
export interface Instance {
  date: Day;
  weights: Weights;
  rules: LettingRuleVersion;
  workingAgeShare: number;
  /** Sorted by id. */
  seekers: Seeker[];
  /** Sorted by id. */
  vacancies: Vacancy[];
  /** Sorted by id. */
  areas: Area[];
  areaById: Map<string, Area>;
  /** The area of each vacancy. */
  vacancyArea: Area[];
  households: HouseholdFacts[];
  /** The codes of the municipalities with vacancies, sorted. */
  municipalities: string[];
  /** Index into municipalities of each vacancy. */
  vacancyMunicipality: Int32Array;
  /** How many households each municipality may receive; null: no commitments (no caps, no fairness cost). */
  capacity: number[] | null;
  candidates: Candidates;
  closures: SeekerClosures[];
}

/**
 * Sorts the input by id, checks it, and prices every pair the rules allow. Throws on duplicate ids, a vacancy in an
 * unknown area, or a commitment that is not a whole number of households. Commitments for the same municipality add
 * up; a commitments list that does not name a municipality gives it cap 0.
 */
export function buildInstance(input: RoundInput): Instance {
  const seekers = sortedById(input.seekers, 'seeker');
  const vacancies = sortedById(input.vacancies, 'vacancy');
  const areas = sortedById(input.areas, 'area');
  const areaById = new Map(areas.map((area) => [area.id, area]));
  const workingAgeShare = input.workingAgeShare ?? DEFAULT_WORKING_AGE_SHARE;
  if (!(workingAgeShare > 0 && workingAgeShare <= 1)) throw new Error('workingAgeShare must be in (0, 1]');
  checkWeights(input.weights);
  const rules = lettingRulesOn(input.date);

  const vacancyArea = vacancies.map((vacancy) => {
    const area = areaById.get(vacancy.areaId);
    if (area === undefined) throw new Error(`vacancy ${vacancy.id} lies in area ${vacancy.areaId}, which is not given`);
    return area;
  });
  const municipalities = [...new Set(vacancies.map((vacancy) => vacancy.municipalityCode))].sort();
  const municipalityIndex = new Map(municipalities.map((code, index) => [code, index]));
  const vacancyMunicipality = Int32Array.from(vacancies, (vacancy) => municipalityIndex.get(vacancy.municipalityCode)!);
  const capacity = capacities(municipalities, input.commitments);

  const households = seekers.map((seeker) => householdFacts(seeker, input.date));
  const burdens = vacancyArea.map(areaBurden);
  const shares = vacancyArea.map(areaShare);
  const closedByCommitment = vacancies.map((_, v) =>
    capacity !== null && capacity[vacancyMunicipality[v]!] === 0
      ? {
          rule: COMMITMENT_RULE,
          reason: `municipality ${vacancies[v]!.municipalityCode} has not committed to receive households in this round`,
        }
      : null,
  );

  const candidateSeeker: number[] = [];
  const candidateVacancy: number[] = [];
  const candidateCosts: number[] = [];
  const seekerStart = new Int32Array(seekers.length + 1);
  const closures: SeekerClosures[] = [];
  // Vacancies by municipality: a household that names the municipalities it accepts is examined only against the
  // homes there (a national round is mostly pairs in municipalities nobody asked for); the others are counted under
  // NEEDS_MUNICIPALITY and not examined further.
  const vacanciesIn = new Map<string, number[]>();
  vacancies.forEach((vacancy, v) => {
    const list = vacanciesIn.get(vacancy.municipalityCode) ?? [];
    list.push(v);
    vacanciesIn.set(vacancy.municipalityCode, list);
  });
  const allVacancies = vacancies.map((_, v) => v);
  for (let s = 0; s < seekers.length; s++) {
    const seeker = seekers[s]!;
    const household = households[s]!;
    seekerStart[s] = candidateSeeker.length;
    const closure: SeekerClosures = { count: 0, byRule: new Map(), nearest: [] };
    const accepted = seeker.needs.acceptableMunicipalityCodes;
    let examined = allVacancies;
    if (accepted.length > 0) {
      examined = [...new Set(accepted)].flatMap((code) => vacanciesIn.get(code) ?? []).sort((a, b) => a - b);
      const elsewhere = vacancies.length - examined.length;
      if (elsewhere > 0) {
        closure.count += elsewhere;
        closure.byRule.set(RULES.NEEDS_MUNICIPALITY, elsewhere);
      }
    }
    for (const v of examined) {
      const vacancy = vacancies[v]!;
      const area = vacancyArea[v]!;
      let found = exclusions(seeker, vacancy, area, input.date, rules);
      const commitment = closedByCommitment[v];
      if (commitment) found = [...found, commitment];
      const cost = costWith(seeker, household, vacancy, burdens[v]!, shares[v]!, input.weights).total;
      if (found.length === 0) {
        candidateSeeker.push(s);
        candidateVacancy.push(v);
        candidateCosts.push(cost);
      } else {
        closure.count += 1;
        for (const exclusion of found)
          closure.byRule.set(exclusion.rule, (closure.byRule.get(exclusion.rule) ?? 0) + 1);
        closure.nearest.push({ vacancy: v, cost, exclusions: found });
        if (closure.nearest.length >= 4 * CLOSED_KEPT_PER_SEEKER) keepNearest(closure);
      }
    }
    keepNearest(closure);
    closures.push(closure);
  }
  seekerStart[seekers.length] = candidateSeeker.length;

  return {
    date: input.date,
    weights: input.weights,
    rules,
    workingAgeShare,
    seekers,
    vacancies,
    areas,
    areaById,
    vacancyArea,
    households,
    municipalities,
    vacancyMunicipality,
    capacity,
    candidates: {
      count: candidateSeeker.length,
      seeker: Int32Array.from(candidateSeeker),
      vacancy: Int32Array.from(candidateVacancy),
      cost: Float64Array.from(candidateCosts),
      seekerStart,
    },
    closures,
  };
}

/**
 * The objective of an allocation (seeker index → vacancy index, −1 for none): the candidates' costs plus each
 * municipality's fairness cost. Throws when the allocation is not one the round may propose (a pair that is not a
 * candidate, a vacancy given twice, a commitment exceeded).
 */
export function allocationObjective(instance: Instance, vacancyOfSeeker: Int32Array): number {
  const intake = municipalityIntake(instance, vacancyOfSeeker);
  let total = 0;
  for (let s = 0; s < instance.seekers.length; s++) {
    const v = vacancyOfSeeker[s]!;
    if (v < 0) continue;
    const c = candidateIndex(instance, s, v);
    if (c < 0) throw new Error(`${instance.seekers[s]!.id} → ${instance.vacancies[v]!.id} is not a candidate`);
    total += instance.candidates.cost[c]!;
  }
  return total + fairnessTotal(instance, intake);
}

/** Households each municipality receives under the allocation; throws on a vacancy given twice or a cap exceeded. */
export function municipalityIntake(instance: Instance, vacancyOfSeeker: Int32Array): number[] {
  const intake = instance.municipalities.map(() => 0);
  const taken = new Uint8Array(instance.vacancies.length);
  for (let s = 0; s < instance.seekers.length; s++) {
    const v = vacancyOfSeeker[s]!;
    if (v < 0) continue;
    if (taken[v]) throw new Error(`vacancy ${instance.vacancies[v]!.id} is proposed twice`);
    taken[v] = 1;
    intake[instance.vacancyMunicipality[v]!]! += 1;
  }
  if (instance.capacity !== null) {
    intake.forEach((n, m) => {
      if (n > instance.capacity![m]!) {
        throw new Error(`municipality ${instance.municipalities[m]} would receive ${n}, above its commitment`);
      }
    });
  }
  return intake;
}

/** The round's fairness cost for the municipalities' intake (0 without commitments). */
export function fairnessTotal(instance: Instance, intake: readonly number[]): number {
  if (instance.capacity === null) return 0;
  let total = 0;
  intake.forEach((n, m) => {
    if (n > 0) total += fairnessCost(n, instance.capacity![m]!, instance.weights);
  });
  return total;
}

/** The index of candidate (s, v), or −1 when the pair is not a candidate. */
export function candidateIndex(instance: Instance, s: number, v: number): number {
  const { seekerStart, vacancy } = instance.candidates;
  let low = seekerStart[s]!;
  let high = seekerStart[s + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = vacancy[middle]!;
    if (found === v) return middle;
    if (found < v) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Days since 1970-01-01 of a YYYY-MM-DD day; throws with `what` when it is not a calendar day. */
export function epochDay(day: Day, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match !== null) {
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, date);
    const check = new Date(time);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date) {
      return time / 86_400_000;
    }
  }
  throw new Error(`${what} is not a calendar day (YYYY-MM-DD): '${day}'`);
}

function capacities(municipalities: readonly string[], commitments: Commitment[] | null): number[] | null {
  if (commitments === null) return null;
  const committed = new Map<string, number>();
  for (const { municipalityCode, households } of commitments) {
    if (!Number.isInteger(households) || households < 0) {
      throw new Error(`the commitment of municipality ${municipalityCode} must be a whole number of households`);
    }
    committed.set(municipalityCode, (committed.get(municipalityCode) ?? 0) + households);
  }
  return municipalities.map((code) => committed.get(code) ?? 0);
}

function checkWeights(weights: Weights): void {
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isFinite(value)) throw new Error(`the weight ${name} must be a finite number`);
  }
  if (weights.fairness < 0) throw new Error('the fairness weight must not be negative (the cost must stay convex)');
}

function sortedById<T extends { id: string }>(items: readonly T[], what: string): T[] {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) throw new Error(`the ${what} ${sorted[i]!.id} is given twice`);
  }
  return sorted;
}

function keepNearest(closure: SeekerClosures): void {
  closure.nearest.sort((a, b) => a.cost - b.cost || a.vacancy - b.vacancy);
  if (closure.nearest.length > CLOSED_KEPT_PER_SEEKER) closure.nearest.length = CLOSED_KEPT_PER_SEEKER;
}
