// What a round proposes, said so that a caseworker can check it: each proposal's cost term by term with the facts
// behind it, why each other vacancy was not proposed (the rule that closes it, or that it went to another household,
// or how many points worse it fits), an explanation for every seeker (also, and especially, one without a proposal),
// and the projected share outside work or education of every area after the round.
import {
  COMMITMENT_RULE,
  areaBurden,
  areaShare,
  candidateIndex,
  costWith,
  fairnessStep,
  municipalityIntake,
  sumParts,
  type CandidateCost,
  type CostParts,
  type Instance,
} from './model';
import { describeExclusion, MAX_DAYS_UNTIL_AVAILABLE, RULES } from './rules';
import { type SolveResult } from './solve';
import { type Area, type AreaStatus, type Day, type Exclusion, type Seeker, type Vacancy, type Weights } from './types';

/** One household proposed for one vacancy. */
export interface Proposal {
  seekerId: string;
  vacancyId: string;
  areaId: string;
  /** Points: the sum of the parts. */
  cost: number;
  /** The cost term by term; fairness is the household's even share of its municipality's fairness cost. */
  parts: CostParts;
  /** Plain sentences: why this vacancy. */
  why: string[];
}

/** Why a vacancy was not proposed to a seeker. */
export interface WhyNot {
  vacancyId: string;
  areaName: string;
  /** The rule that closes it; null: it is open to the seeker but was not proposed to it. */
  rule: string | null;
  /** E.g. 'Vollsmose: § 59 stk. 6 nr. 5 — …', 'proposed to another household', 'fits less well: +12.5 points'. */
  reason: string;
}

/** What the round means for one seeker. */
export interface SeekerOutcome {
  seekerId: string;
  proposal: Proposal | null;
  /** At most WHY_NOT_LIMIT: closed vacancies first (those that would fit best), then the best open alternatives. */
  whyNot: WhyNot[];
  /** Vacancies closed to the seeker, per rule (a vacancy closed by two rules counts under both), most first. */
  excludedByRule: { rule: string; vacancies: number }[];
  /** Always set: the proposal in one sentence, or why there is none. */
  explanation: string;
}

/** An area's projected share of working-age residents outside work or education after the round's proposals. */
export interface AreaProjection {
  areaId: string;
  householdsIn: number;
  workingAgeIn: number;
  outsideIn: number;
  /** Parts per million, as the input gave it; null: unknown. */
  outsideSharePpmBefore: number | null;
  /** Parts per million, rounded; null when the share or the residents are unknown. */
  outsideSharePpmAfter: number | null;
}

/** A round's proposals and everything needed to check them. */
export interface RoundResult {
  date: Day;
  /** The letting rule version applied (lettingRulesOn(date).id). */
  ruleVersion: string;
  weights: Weights;
  /** Points of the proposed allocation (the sum of the proposals' costs). */
  objective: number;
  /** No allocation costs less. */
  lpBound: number;
  /** objective − lpBound, in points (0: proven optimal; differences within 1e-9 of the objective count as 0). */
  gap: number;
  /** Sorted by seeker id. */
  proposals: Proposal[];
  /** Every seeker, sorted by id. */
  seekers: SeekerOutcome[];
  /** Every area, sorted by id. */
  areas: AreaProjection[];
  stats: {
    /** The solver that decided (SolveResult.method). */
    method: string;
    seekers: number;
    vacancies: number;
    candidates: number;
    columns: number;
    pricingRounds: number;
    pivots: number;
    solveMs: number;
    mipFallback: boolean;
  };
}

/** The most WhyNot entries per seeker. */
export const WHY_NOT_LIMIT = 50;
/** With open alternatives to show, closed vacancies take at most WHY_NOT_LIMIT minus this many entries. */
export const WHY_NOT_ALTERNATIVES_KEPT = 25;

const STATUS_WORDS: Readonly<Record<AreaStatus, string>> = {
  NONE: "not on the ministry's lists",
  PREVENTION_AREA: 'a prevention area',
  VULNERABLE_AREA: 'a vulnerable area',
  PARALLEL_SOCIETY: 'a parallel society',
  TRANSFORMATION_AREA: 'a transformation area',
};

/**
 * The round's result from an instance and its allocation: from the solver ('optimal'), or from the greedy baseline
 * ('greedy', whose explanations say that another household came first rather than that the round does better).
 */
export function explainRound(
  instance: Instance,
  solved: SolveResult,
  method: 'optimal' | 'greedy' = 'optimal',
): RoundResult {
  const context = new Context(instance, solved.vacancyOfSeeker, method);
  const seekers = instance.seekers.map((_, s) => context.outcome(s));
  const proposals = seekers.flatMap(({ proposal }) => (proposal === null ? [] : [proposal]));
  const gap = solved.objective - solved.lpBound;
  return {
    date: instance.date,
    ruleVersion: instance.rules.id,
    weights: instance.weights,
    objective: solved.objective,
    lpBound: solved.lpBound,
    gap: Math.abs(gap) <= 1e-9 * Math.max(1, Math.abs(solved.objective)) ? 0 : gap,
    proposals,
    seekers,
    areas: projectAreas(instance, solved.vacancyOfSeeker),
    stats: {
      method: solved.method,
      seekers: instance.seekers.length,
      vacancies: instance.vacancies.length,
      candidates: instance.candidates.count,
      columns: solved.columns,
      pricingRounds: solved.pricingRounds,
      pivots: solved.pivots,
      solveMs: solved.solveMs,
      mipFallback: solved.mipFallback,
    },
  };
}

/**
 * Each area's intake and its share outside work or education before and after: working-age residents ≈ residents ×
 * workingAgeShare, after = (outside before + outside in) / (working age before + working age in).
 */
export function projectAreas(instance: Instance, vacancyOfSeeker: Int32Array): AreaProjection[] {
  const index = new Map(instance.areas.map((area, a) => [area.id, a]));
  const projections = instance.areas.map((area): AreaProjection => ({
    areaId: area.id,
    householdsIn: 0,
    workingAgeIn: 0,
    outsideIn: 0,
    outsideSharePpmBefore: area.outsideWorkOrEducationPpm,
    outsideSharePpmAfter: null,
  }));
  vacancyOfSeeker.forEach((v, s) => {
    if (v < 0) return;
    const projection = projections[index.get(instance.vacancyArea[v]!.id)!]!;
    const household = instance.households[s]!;
    projection.householdsIn += 1;
    projection.workingAgeIn += household.workingAge;
    projection.outsideIn += household.outside;
  });
  instance.areas.forEach((area, a) => {
    const projection = projections[a]!;
    const before = area.outsideWorkOrEducationPpm;
    if (before === null || area.residents === null) return;
    const workingAge = area.residents * instance.workingAgeShare;
    const outside = (before / 1_000_000) * workingAge;
    const denominator = workingAge + projection.workingAgeIn;
    projection.outsideSharePpmAfter =
      projection.householdsIn === 0 || denominator <= 0
        ? before
        : Math.round((1_000_000 * (outside + projection.outsideIn)) / denominator);
  });
  return projections;
}

/** An open alternative for a seeker and what it means for the round. */
interface Alternative {
  vacancy: number;
  cost: number;
  takenByOther: boolean;
  /** Its municipality's commitment is used up (by others than this seeker). */
  full: boolean;
  /** How many points the round would change by, moving the seeker there (or placing it there). */
  delta: number;
}

class Context {
  private readonly seekerOfVacancy: Int32Array;
  private readonly intake: number[];

  constructor(
    private readonly instance: Instance,
    private readonly vacancyOfSeeker: Int32Array,
    private readonly method: 'optimal' | 'greedy',
  ) {
    this.seekerOfVacancy = new Int32Array(instance.vacancies.length).fill(-1);
    vacancyOfSeeker.forEach((v, s) => {
      if (v >= 0) this.seekerOfVacancy[v] = s;
    });
    this.intake = municipalityIntake(instance, vacancyOfSeeker);
  }

  outcome(s: number): SeekerOutcome {
    const { instance } = this;
    const seeker = instance.seekers[s]!;
    const closures = instance.closures[s]!;
    const own = this.vacancyOfSeeker[s]!;
    const ownCost = own >= 0 ? instance.candidates.cost[candidateIndex(instance, s, own)]! : 0;
    const alternatives = this.alternatives(s, own, ownCost);
    const better = alternatives.filter((alternative) => alternative.cost < ownCost);
    const proposal = own >= 0 ? this.proposal(s, own, alternatives.length + 1, better) : null;

    const closedShown =
      alternatives.length > 0
        ? Math.min(closures.nearest.length, WHY_NOT_LIMIT - Math.min(alternatives.length, WHY_NOT_ALTERNATIVES_KEPT))
        : Math.min(closures.nearest.length, WHY_NOT_LIMIT);
    const whyNot: WhyNot[] = closures.nearest.slice(0, closedShown).map(({ vacancy, exclusions }) => {
      const area = instance.vacancyArea[vacancy]!;
      return {
        vacancyId: instance.vacancies[vacancy]!.id,
        areaName: area.name,
        rule: exclusions[0]!.rule,
        reason: describeClosed(area, exclusions),
      };
    });
    for (const alternative of alternatives.slice(0, WHY_NOT_LIMIT - whyNot.length)) {
      whyNot.push({
        vacancyId: instance.vacancies[alternative.vacancy]!.id,
        areaName: instance.vacancyArea[alternative.vacancy]!.name,
        rule: null,
        reason: this.alternativeReason(alternative, proposal !== null),
      });
    }
    const excludedByRule = [...closures.byRule]
      .map(([rule, vacancies]) => ({ rule, vacancies }))
      .sort((a, b) => b.vacancies - a.vacancies || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));

    let explanation: string;
    if (proposal !== null) {
      const vacancy = instance.vacancies[own]!;
      explanation =
        `Proposed: vacancy ${vacancy.id}, ${vacancy.rooms} rooms in ${instance.vacancyArea[own]!.name} ` +
        `(municipality ${vacancy.municipalityCode}), ${formatPoints(proposal.cost)}. ${proposal.why[0]!}`;
    } else if (instance.vacancies.length === 0) {
      explanation = 'No vacancy in this round.';
    } else if (alternatives.length === 0) {
      explanation =
        `No lawful vacancy among the round's ${plural(instance.vacancies.length, 'vacancy', 'vacancies')}: ` +
        `${excludedByRule.map(({ rule, vacancies }) => closedPhrase(rule, vacancies)).join('; ')}.`;
    } else {
      explanation = this.unplacedExplanation(alternatives);
    }
    return { seekerId: seeker.id, proposal, whyNot, excludedByRule, explanation };
  }

  /** The proposal of vacancy v to seeker s, which has `open` lawful vacancies, `better` of them fitting it better. */
  private proposal(s: number, v: number, open: number, better: readonly Alternative[]): Proposal {
    const { instance } = this;
    const seeker = instance.seekers[s]!;
    const vacancy = instance.vacancies[v]!;
    const area = instance.vacancyArea[v]!;
    const detail = this.detail(s, v);
    const m = instance.vacancyMunicipality[v]!;
    const cap = instance.capacity === null ? null : instance.capacity[m]!;
    const parts: CostParts = {
      ...detail.parts,
      fairness: cap === null ? 0 : (instance.weights.fairness * this.intake[m]!) / cap,
    };
    const cost = sumParts(parts);
    const why: string[] = [];
    if (better.length === 0) {
      why.push(`It is the best fit of the household's ${plural(open, 'lawful vacancy', 'lawful vacancies')}.`);
    } else {
      const taken = better.filter((alternative) => alternative.takenByOther).length;
      why.push(
        `${better.length} of its lawful vacancies would fit it better; ` +
          (taken === better.length
            ? `${better.length === 1 ? 'it is' : 'each is'} proposed to another household, ${this.because(false)}.`
            : `${taken === 1 ? '1 is proposed to another household' : `${taken} are proposed to other households`}` +
              ", and the rest would cost the round more through the receiving municipalities' commitments."),
      );
    }
    why.push(`Placing the household: ${formatPoints(parts.placement)}.`);
    why.push(burdenSentence(area, detail, parts.burden));
    why.push(fitSentence(seeker, vacancy, detail, parts.fit));
    why.push(
      `Waiting since ${seeker.waitingSince} (${detail.household.yearsWaited.toFixed(1)} years): ${formatPoints(parts.waiting)}.`,
    );
    if (cap !== null) {
      why.push(
        `Municipality ${vacancy.municipalityCode} receives ${plural(this.intake[m]!, 'household', 'households')} in ` +
          `this round against its commitment of ${cap}; this household's share of the fairness cost: ` +
          `${formatPoints(parts.fairness)}.`,
      );
    }
    return { seekerId: seeker.id, vacancyId: vacancy.id, areaId: area.id, cost, parts, why };
  }

  private detail(s: number, v: number): CandidateCost {
    const { instance } = this;
    const area = instance.vacancyArea[v]!;
    return costWith(
      instance.seekers[s]!,
      instance.households[s]!,
      instance.vacancies[v]!,
      areaBurden(area),
      areaShare(area),
      instance.weights,
    );
  }

  /** The seeker's open vacancies other than its own, cheapest first, with what taking each would mean. */
  private alternatives(s: number, own: number, ownCost: number): Alternative[] {
    const { instance } = this;
    const { seekerStart, vacancy, cost } = instance.candidates;
    const ownMunicipality = own >= 0 ? instance.vacancyMunicipality[own]! : -1;
    const found: Alternative[] = [];
    for (let c = seekerStart[s]!; c < seekerStart[s + 1]!; c++) {
      const v = vacancy[c]!;
      if (v === own) continue;
      const m = instance.vacancyMunicipality[v]!;
      const takenByOther = this.seekerOfVacancy[v]! >= 0;
      let delta = cost[c]! - ownCost;
      let full = false;
      if (instance.capacity !== null && m !== ownMunicipality) {
        const cap = instance.capacity[m]!;
        full = this.intake[m]! >= cap;
        if (!full) delta += fairnessStep(this.intake[m]! + 1, cap, instance.weights);
        if (ownMunicipality >= 0) {
          delta -= fairnessStep(this.intake[ownMunicipality]!, instance.capacity[ownMunicipality]!, instance.weights);
        }
      }
      found.push({ vacancy: v, cost: cost[c]!, takenByOther, full, delta });
    }
    return found.sort((a, b) => a.cost - b.cost || a.vacancy - b.vacancy);
  }

  private alternativeReason(alternative: Alternative, placed: boolean): string {
    const { instance } = this;
    if (alternative.takenByOther) return 'proposed to another household';
    if (alternative.full) {
      const m = instance.vacancyMunicipality[alternative.vacancy]!;
      return (
        `municipality ${instance.municipalities[m]} has used its commitment ` +
        `(${plural(instance.capacity![m]!, 'household', 'households')})`
      );
    }
    if (alternative.delta < 0) return `fits better on its own (${formatPoints(alternative.delta)}), but was not chosen`;
    return placed
      ? `fits less well: ${formatPoints(alternative.delta)}`
      : `placing the household here would add ${formatPoints(alternative.delta)} to the round rather than save them`;
  }

  /** Why another household has the vacancy: the round's total (optimal), or the greedy order. */
  private because(plural: boolean): string {
    if (this.method === 'greedy') return `which came first in the greedy order`;
    return plural ? "which lower the round's total more" : "which lowers the round's total more";
  }

  private unplacedExplanation(alternatives: readonly Alternative[]): string {
    const n = alternatives.length;
    const taken = alternatives.filter((alternative) => alternative.takenByOther).length;
    const full = alternatives.filter((alternative) => !alternative.takenByOther && alternative.full).length;
    const rest = alternatives.filter((alternative) => !alternative.takenByOther && !alternative.full);
    // 'it' when the one vacancy, 'each' or 'all' when every one, else the number.
    const subject = (k: number, every: string) => (k === n ? (n === 1 ? 'it' : every) : String(k));
    const clauses: string[] = [];
    if (taken > 0) {
      clauses.push(
        taken === 1
          ? `${subject(1, '')} is proposed to another household, ${this.because(false)}`
          : taken === n
            ? `each is proposed to another household, ${this.because(false)}`
            : `${taken} are proposed to other households, ${this.because(true)}`,
      );
    }
    if (full > 0) {
      clauses.push(
        full === 1
          ? `${subject(1, '')} is in a municipality whose commitment is used up`
          : `${subject(full, 'all')} are in municipalities whose commitments are used up`,
      );
    }
    if (rest.length > 0) {
      const least = Math.min(...rest.map((alternative) => alternative.delta));
      clauses.push(
        `${subject(rest.length, 'each')} would add points to the round rather than save them ` +
          `(at least ${formatPoints(least)})`,
      );
    }
    return `Lawful vacancies exist (${n}), but ${clauses.join('; ')}.`;
  }
}

function burdenSentence(area: Area, detail: CandidateCost, burdenPoints: number): string {
  const share =
    area.outsideWorkOrEducationPpm === null
      ? 'an unknown share of working-age residents outside work or education'
      : `${percent(area.outsideWorkOrEducationPpm)} of working-age residents outside work or education`;
  if (detail.areaBurden === 0) {
    return `${area.name} is ${STATUS_WORDS[area.status]}, with ${share}: it carries no burden (${formatPoints(0)}).`;
  }
  const { outside, workingAge } = detail.household;
  const effect = outside - detail.areaShare * workingAge;
  const direction = effect < 0 ? 'lowers' : effect > 0 ? 'raises' : 'does not change';
  const members =
    workingAge === 0
      ? 'the household has no members aged 18-64'
      : `the household has ${outside} of ${plural(workingAge, 'member', 'members')} aged 18-64 outside work or education`;
  return (
    `${area.name} is ${STATUS_WORDS[area.status]}, with ${share} (burden ${detail.areaBurden.toFixed(1)}); ` +
    `${members}, so it ${direction} the share: ${formatPoints(burdenPoints)}.`
  );
}

function fitSentence(seeker: Seeker, vacancy: Vacancy, detail: CandidateCost, fitPoints: number): string {
  const clauses = [
    `${vacancy.rooms} rooms for a need of ${seeker.needs.minRooms}`,
    `rent ${kroner(vacancy.monthlyRentOre)} a month of at most ${kroner(seeker.needs.maxMonthlyRentOre)}`,
  ];
  if (detail.notPreferred) clauses.push('not in a municipality the household prefers');
  else if (seeker.preferredMunicipalityCodes.length > 0) clauses.push('in a municipality the household prefers');
  if (detail.awayFromAnchors) clauses.push('away from the municipalities where members go to school or work');
  else if (seeker.anchorMunicipalityCodes.length > 0) clauses.push('where members go to school or work');
  return `Fit: ${clauses.join('; ')}: ${formatPoints(fitPoints)}.`;
}

/**
 * A closed vacancy's reasons: the area once, then each rule in a caseworker's words (describeExclusion's, without
 * the area again) with the facts behind it.
 */
function describeClosed(area: Area, exclusions: readonly Exclusion[]): string {
  const prefix = `${area.name}: `;
  const each = exclusions.map((exclusion) => {
    if (exclusion.rule === COMMITMENT_RULE) return exclusion.reason;
    const words = describeExclusion(area, exclusion);
    return `${words.startsWith(prefix) ? words.slice(prefix.length) : words} — ${exclusion.reason}`;
  });
  return `${prefix}${each.join('; ')}`;
}

/** The law's rules that close an area (or its municipal allocation) to the household: stk. 6, stk. 7, §§ 51 b-c. */
const AREA_RULE = /^§ (59 stk\. [67]|51 [bc])\b/;

/** "12 are in areas where § 59 stk. 6 nr. 5 applies", "3 have fewer rooms than needed". */
function closedPhrase(rule: string, n: number): string {
  const are = n === 1 ? 'is' : 'are';
  const have = n === 1 ? 'has' : 'have';
  if (AREA_RULE.test(rule)) {
    return n === 1 ? `1 is in an area where ${rule} applies` : `${n} are in areas where ${rule} applies`;
  }
  switch (rule) {
    case RULES.NEEDS_ROOMS:
      return `${n} ${have} fewer rooms than needed`;
    case RULES.NEEDS_STEP_FREE:
      return `${n} ${have} no step-free access`;
    case RULES.NEEDS_RENT:
      return `${n} ${have} a rent above what the household can pay`;
    case RULES.NEEDS_MUNICIPALITY:
      return `${n} ${are} in municipalities the household has not accepted`;
    case RULES.NEEDS_AVAILABLE:
      return `${n} ${are} not available within ${MAX_DAYS_UNTIL_AVAILABLE} days`;
    case RULES.CONSENT:
      return `${n} ${are} closed because no consent or lawful basis for relocation is in force`;
    case RULES.ALLOCATION_RIGHT:
      return `${n} ${are} allocated by ${n === 1 ? 'its' : 'their'} municipality to its own households (${rule})`;
    case COMMITMENT_RULE:
      return n === 1
        ? '1 is in a municipality that has not committed to receive households'
        : `${n} are in municipalities that have not committed to receive households`;
    default:
      return `${n} ${are} closed by ${rule}`;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Points with a sign and one decimal: '+12.5 points', '-1000.0 points', '0.0 points'. */
export function formatPoints(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return '0.0 points';
  return `${rounded > 0 ? '+' : '-'}${Math.abs(rounded).toFixed(1)} points`;
}

function percent(ppm: number): string {
  return `${(ppm / 10_000).toFixed(1)} %`;
}

function kroner(ore: number): string {
  const whole = Math.round(ore / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `DKK ${whole}`;
}
