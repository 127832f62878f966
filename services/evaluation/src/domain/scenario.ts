// What-if scenarios of in-mover steering (tilflytterstyring): over a synthetic nation, what would next year's lists
// look like if a set of municipalities allocated their vacancies together by the allocation round, against the same
// year under today's practice? Pure: the nation comes in, the result goes out; nothing is read or written.
//
// THE TWO ALTERNATIVES. Both obey the same law (the letting rules of packages/allocation) and the households' needs;
// only the way homes are shared differs.
//   without steering (today's practice): each household may take a home in its own municipality only, first come
//     first served (greedyRound, the households in the order they began waiting): the default weights with burden 0
//     and fairness 0, no commitments. The same for every scenario over the same nation: a fixed reference.
//   with steering: the households of the participating municipalities go through the round (runRound, proven
//     optimal) over the vacancies of the participating municipalities, each household accepting the participating
//     municipalities among those it accepts (always its own); the commitments of the participating municipalities cap
//     what each receives (its own households included), with the scenario's weights. The households of the other
//     municipalities are placed as without steering (their own municipality only, so the two parts never compete
//     for a home), and the two placements are combined.
//
// THE PROJECTION. Each area is classified for the latest year of its figures ("now") with this service's classify
// (the law as data), then a projected year is appended for each alternative: residents + the members of the
// households moved in; the share of residents aged 18-64 outside work or education = (outside before + in-movers
// outside) / (working age before + in-movers of working age), with working age before = residents × 0.6
// (WORKING_AGE_SHARE: no age breakdown is held, and 0.6 is roughly the share aged 18-64 in Danish social housing);
// every other measure carried from now. The projected year is classified in turn. Nobody moves out in the model:
// the households that left the vacated homes are unknown, in both alternatives alike.
import {
  type Area,
  type Commitment,
  DEFAULT_WEIGHTS,
  type Proposal,
  type RoundResult,
  type Seeker,
  type SyntheticArea,
  type SyntheticNation,
  type Vacancy,
  type Weights,
  candidateCost,
  greedyRound,
  householdFacts,
  runRound,
} from '@second-chance/allocation';
import { classify } from './classification';
import { type AreaStatus, type AreaYearIndicators, PPM_WHOLE } from './indicators';

/** The share of an area's residents taken to be aged 18-64 (the same default as the allocation round's). */
export const WORKING_AGE_SHARE = 0.6;

/** Every status, from no list to the heaviest. */
export const AREA_STATUSES: readonly AreaStatus[] = [
  'NONE',
  'PREVENTION_AREA',
  'VULNERABLE_AREA',
  'PARALLEL_SOCIETY',
  'TRANSFORMATION_AREA',
];

/** The years of parallel-society history the law's transformation test needs (ABL-2021: 5), minus the 2 generated. */
const EARLIER_YEARS_OF_TRANSFORMATION_AREAS = 4;

/** What a scenario asks. */
export interface ScenarioInput {
  /** The municipalities that steer together; null: all of the nation's. */
  participating: readonly string[] | null;
  /** Households each municipality commits to receive; null: the nation's commitments. */
  commitments: readonly Commitment[] | null;
  weights: Weights;
}

/** The input as kept with a scenario: the nation's seed and sizes beside the scenario. */
export interface StoredScenarioInput {
  seed: number;
  vacancies: number;
  seekers: number;
  areas: number;
  participating: string[] | null;
  commitments: Commitment[] | null;
  weights: Weights;
}

/** The households moved into an area in one alternative. */
export interface InMovers {
  households: number;
  members: number;
  /** Members aged 18-64. */
  workingAge: number;
  /** Members aged 18-64 outside work or education. */
  outside: number;
}

export const NO_IN_MOVERS: InMovers = { households: 0, members: 0, workingAge: 0, outside: 0 };

/** One synthetic area now and next year, without and with steering. */
export interface ScenarioAreaRow {
  areaId: string;
  municipalityCode: string;
  /** Residents now. */
  residents: number;
  statusNow: AreaStatus;
  statusWithout: AreaStatus;
  statusWith: AreaStatus;
  /** BETTER: a lower status with steering than without; WORSE: a higher one. */
  effect: 'BETTER' | 'WORSE' | 'SAME';
  outsidePpmNow: number;
  outsidePpmWithout: number;
  outsidePpmWith: number;
  householdsInWithout: number;
  householdsInWith: number;
}

/** Where one alternative placed the households, how well they fit, and the lists next year. */
export interface PlacementSummary {
  householdsPlaced: number;
  /** Placed in another municipality than their own. */
  placedElsewhere: number;
  /** Every receiving municipality, most households first, then by code. */
  byMunicipality: { municipalityCode: string; households: number; fromElsewhere: number }[];
  /** By the receiving area's status now, every status in AREA_STATUSES order. */
  byAreaStatus: { status: AreaStatus; households: number }[];
  /** The fit part of the cost per household placed, under the scenario's weights; null when none was placed. */
  averageFitPoints: number | null;
  /** Households placed that named preferred municipalities or have known anchor municipalities. */
  placedWithKnownWishes: number;
  /** Of those, the percentage placed in one of them; null when there are none. */
  preferredOrAnchorPct: number | null;
  /** The burden part of the cost of every placement, under the scenario's weights. */
  burdenPoints: number;
  areasByStatusNextYear: { status: AreaStatus; areas: number }[];
  areasOnListNextYear: number;
  /** On a list now, on none next year. */
  areasLeavingList: number;
  /** On no list now, on one next year. */
  areasEnteringList: number;
}

/** A scenario's result, apart from the per-area rows. */
export interface ScenarioSummary {
  /** The synthetic round's date. */
  date: string;
  /** The latest year of figures ("now"); next year is the one after. */
  year: number;
  /** The participating municipalities, sorted. */
  participating: string[];
  allParticipate: boolean;
  /** The participating municipalities' commitments as the round used them, sorted by code. */
  commitments: Commitment[];
  /** The commitments were the nation's (none were given). */
  nationsCommitments: boolean;
  weights: Weights;
  /** The steered round's objective minus its proven bound (0: optimal). */
  optimalityGap: number;
  seekers: number;
  vacancies: number;
  areas: number;
  withoutSteering: PlacementSummary;
  withSteering: PlacementSummary;
  areasByStatusNow: { status: AreaStatus; areas: number }[];
  areasOnListNow: number;
  areasBetterWithSteering: number;
  areasWorseWithSteering: number;
  /** Areas on a list next year with steering minus without. */
  listDifference: number;
  /** burdenPoints with steering minus without. */
  burdenDifference: number;
  statement: string;
}

export interface ScenarioResult {
  summary: ScenarioSummary;
  /** Sorted by area id. */
  areas: ScenarioAreaRow[];
}

export type ScenarioProgress = (phase: string, done: number, total: number) => void;

// ---------------------------------------------------------------------------------------------------------------
// The projection of one area

/** The status's place from no list (0) to the heaviest (4). */
export function statusRank(status: AreaStatus): number {
  return AREA_STATUSES.indexOf(status);
}

export function isOnList(status: AreaStatus): boolean {
  return status !== 'NONE';
}

/** The in-movers added up. */
export function addInMovers(a: InMovers, b: InMovers): InMovers {
  return {
    households: a.households + b.households,
    members: a.members + b.members,
    workingAge: a.workingAge + b.workingAge,
    outside: a.outside + b.outside,
  };
}

/**
 * Next year's figures after the in-movement: residents + members moved in; the share outside work or education
 * (outside before + in-movers outside) / (working age before + in-movers of working age), working age before =
 * residents × WORKING_AGE_SHARE, rounded to a whole ppm; the other measures carried. No in-movers: the same figures
 * a year on.
 */
export function projectYear(current: AreaYearIndicators, inMovers: InMovers): AreaYearIndicators {
  const workingAgeBefore = current.residents * WORKING_AGE_SHARE;
  const denominator = workingAgeBefore + inMovers.workingAge;
  const outsidePpm =
    inMovers.workingAge === 0 || denominator <= 0
      ? current.outsideWorkOrEducationPpm
      : Math.round((current.outsideWorkOrEducationPpm * workingAgeBefore + PPM_WHOLE * inMovers.outside) / denominator);
  return {
    ...current,
    year: current.year + 1,
    residents: current.residents + inMovers.members,
    outsideWorkOrEducationPpm: Math.min(PPM_WHOLE, Math.max(0, outsidePpm)),
  };
}

/**
 * The area's history as this service classifies it. The generator draws two years; for an area it drew as a
 * transformation area (a parallel society for five years running, it says) the years before are taken as equal to
 * the earliest drawn, so the law's five-year test is applied to figures rather than assumed.
 */
export function historyOf(area: SyntheticArea): AreaYearIndicators[] {
  const drawn = [...area.history].sort((a, b) => a.year - b.year);
  const rows = drawn.map((year) => ({ ...year, areaId: area.id, openMunicipalCasePpm: null }));
  const earliest = rows[0];
  if (area.status !== 'TRANSFORMATION_AREA' || earliest === undefined) return rows;
  const earlier = Array.from({ length: EARLIER_YEARS_OF_TRANSFORMATION_AREAS }, (_, i) => ({
    ...earliest,
    year: earliest.year - EARLIER_YEARS_OF_TRANSFORMATION_AREAS + i,
  }));
  return [...earlier, ...rows];
}

/** One area now, and next year with each alternative's in-movers. */
export function projectArea(
  history: readonly AreaYearIndicators[],
  municipalityCode: string,
  without: InMovers,
  withSteering: InMovers,
): ScenarioAreaRow {
  const current = history.reduce<AreaYearIndicators | undefined>(
    (latest, row) => (latest === undefined || row.year > latest.year ? row : latest),
    undefined,
  );
  if (current === undefined) throw new Error('an area needs figures to be projected');
  const now = classify(history, current.year);
  const nextWithout = projectYear(current, without);
  const nextWith = projectYear(current, withSteering);
  const statusWithout = classify([...history, nextWithout], nextWithout.year).status;
  const statusWith = classify([...history, nextWith], nextWith.year).status;
  const difference = statusRank(statusWith) - statusRank(statusWithout);
  return {
    areaId: current.areaId,
    municipalityCode,
    residents: current.residents,
    statusNow: now.status,
    statusWithout,
    statusWith,
    effect: difference < 0 ? 'BETTER' : difference > 0 ? 'WORSE' : 'SAME',
    outsidePpmNow: current.outsideWorkOrEducationPpm,
    outsidePpmWithout: nextWithout.outsideWorkOrEducationPpm,
    outsidePpmWith: nextWith.outsideWorkOrEducationPpm,
    householdsInWithout: without.households,
    householdsInWith: withSteering.households,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The scenario

/** One household placed in one home. */
interface Placement {
  seeker: Seeker;
  vacancy: Vacancy;
  area: Area;
}

/** The weights of today's practice: first come first served, no burden, no fairness between municipalities. */
export const WITHOUT_STEERING_WEIGHTS: Weights = { ...DEFAULT_WEIGHTS, burden: 0, fairness: 0 };

/**
 * Runs the scenario over the nation (see the header). The input must be valid for the nation (the store checks it
 * for the API): participating and committed municipalities among the nation's, whole commitments, finite weights.
 */
export async function runScenario(
  nation: SyntheticNation,
  input: ScenarioInput,
  onProgress: ScenarioProgress = () => undefined,
): Promise<ScenarioResult> {
  const participating = [...new Set(input.participating ?? nation.municipalities)].sort();
  const isParticipating = new Set(participating);
  const nationsCommitments = input.commitments === null;
  const commitments = (input.commitments ?? nation.commitments)
    .filter((c) => isParticipating.has(c.municipalityCode))
    .map((c) => ({ municipalityCode: c.municipalityCode, households: c.households }))
    .sort((a, b) => (a.municipalityCode < b.municipalityCode ? -1 : 1));

  // Now: each area as this service classifies it; the rounds see that status and the latest figures.
  const histories = new Map<string, AreaYearIndicators[]>();
  const areas: Area[] = [];
  nation.areas.forEach((synthetic, i) => {
    const history = historyOf(synthetic);
    const latest = history[history.length - 1];
    const status = latest ? classify(history, latest.year).status : 'NONE';
    histories.set(synthetic.id, history);
    const { history: _drawn, ...area } = synthetic;
    areas.push({ ...area, status });
    if ((i + 1) % 250 === 0 || i + 1 === nation.areas.length) onProgress('classifying', i + 1, nation.areas.length);
  });
  const areaById = new Map(areas.map((area) => [area.id, area]));
  const statusNow = new Map(areas.map((area) => [area.id, area.status]));

  // Without steering: every household in its own municipality, first come first served. A household competes only
  // with those of its own municipality for its homes, and nothing of one municipality's allocation prices another's
  // (no commitments, no fairness), so each municipality is allocated on its own: the same allocation as one national
  // greedy round, without pricing the pairs that cross a border.
  const baseline = allocateWithoutSteering(nation, areas, onProgress);
  await yieldToOthers();

  // With steering: the participating municipalities' households and vacancies through the round.
  onProgress('with steering', 0, 1);
  const steeredSeekers = nation.seekers
    .filter((seeker) => isParticipating.has(seeker.municipalityCode))
    .map((seeker) => ({
      ...seeker,
      needs: { ...seeker.needs, acceptableMunicipalityCodes: acceptedAmong(seeker, participating, isParticipating) },
    }));
  const steered: RoundResult = await runRound({
    date: nation.date,
    seekers: steeredSeekers,
    vacancies: nation.vacancies.filter((vacancy) => isParticipating.has(vacancy.municipalityCode)),
    areas,
    commitments,
    weights: input.weights,
    workingAgeShare: WORKING_AGE_SHARE,
  });
  onProgress('with steering', 1, 1);
  await yieldToOthers();

  const seekerById = new Map(nation.seekers.map((seeker) => [seeker.id, seeker]));
  const vacancyById = new Map(nation.vacancies.map((vacancy) => [vacancy.id, vacancy]));
  const placement = (proposal: Proposal): Placement => {
    const seeker = seekerById.get(proposal.seekerId);
    const vacancy = vacancyById.get(proposal.vacancyId);
    const area = vacancy && areaById.get(vacancy.areaId);
    if (!seeker || !vacancy || !area) throw new Error(`the round proposed an unknown pair ${proposal.seekerId}`);
    return { seeker, vacancy, area };
  };
  const without = baseline.map(placement);
  const withSteering = [
    ...steered.proposals.map(placement),
    ...without.filter((p) => !isParticipating.has(p.seeker.municipalityCode)),
  ];

  // Next year, area by area.
  const inWithout = inMoversByArea(without, nation.date);
  const inWith = inMoversByArea(withSteering, nation.date);
  const rows: ScenarioAreaRow[] = [];
  const sorted = [...nation.areas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  sorted.forEach((area, i) => {
    rows.push(
      projectArea(
        histories.get(area.id)!,
        area.municipalityCode,
        inWithout.get(area.id) ?? NO_IN_MOVERS,
        inWith.get(area.id) ?? NO_IN_MOVERS,
      ),
    );
    if ((i + 1) % 250 === 0 || i + 1 === sorted.length) onProgress('projecting', i + 1, sorted.length);
  });

  const withoutSummary = summarise(without, rows, 'statusWithout', statusNow, nation.date, input.weights);
  const withSummary = summarise(withSteering, rows, 'statusWith', statusNow, nation.date, input.weights);
  const areasByStatusNow = countByStatus(rows.map((row) => row.statusNow));
  const areasOnListNow = rows.filter((row) => isOnList(row.statusNow)).length;
  const summary: ScenarioSummary = {
    date: nation.date,
    year: Math.max(...[...histories.values()].map((h) => h[h.length - 1]?.year ?? -Infinity)),
    participating,
    allParticipate: nation.municipalities.every((code) => isParticipating.has(code)),
    commitments,
    nationsCommitments,
    weights: { ...input.weights },
    optimalityGap: steered.gap,
    seekers: nation.seekers.length,
    vacancies: nation.vacancies.length,
    areas: nation.areas.length,
    withoutSteering: withoutSummary,
    withSteering: withSummary,
    areasByStatusNow,
    areasOnListNow,
    areasBetterWithSteering: rows.filter((row) => row.effect === 'BETTER').length,
    areasWorseWithSteering: rows.filter((row) => row.effect === 'WORSE').length,
    listDifference: withSummary.areasOnListNextYear - withoutSummary.areasOnListNextYear,
    burdenDifference: withSummary.burdenPoints - withoutSummary.burdenPoints,
    statement: '',
  };
  summary.statement = statement(summary);
  return { summary, areas: rows };
}

/** Today's practice (see runScenario): each municipality's households and vacancies allocated greedily on their own. */
export function allocateWithoutSteering(
  nation: SyntheticNation,
  areas: readonly Area[],
  onProgress: ScenarioProgress = () => undefined,
): Proposal[] {
  const seekersIn = groupBy(nation.seekers, (seeker) => seeker.municipalityCode);
  const vacanciesIn = groupBy(nation.vacancies, (vacancy) => vacancy.municipalityCode);
  const areasIn = groupBy(areas, (area) => area.municipalityCode);
  const proposals: Proposal[] = [];
  nation.municipalities.forEach((code, i) => {
    const seekers = seekersIn.get(code) ?? [];
    const vacancies = vacanciesIn.get(code) ?? [];
    if (seekers.length > 0 && vacancies.length > 0) {
      const round = greedyRound({
        date: nation.date,
        seekers: seekers.map((seeker) => ({
          ...seeker,
          needs: { ...seeker.needs, acceptableMunicipalityCodes: [seeker.municipalityCode] },
        })),
        vacancies,
        areas: areasIn.get(code) ?? [],
        commitments: null,
        weights: WITHOUT_STEERING_WEIGHTS,
        workingAgeShare: WORKING_AGE_SHARE,
      });
      proposals.push(...round.proposals);
    }
    onProgress('without steering', i + 1, nation.municipalities.length);
  });
  return proposals;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Lets other work of the process (requests, events) run between the scenario's long, synchronous steps. */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The participating municipalities the household accepts (it accepts any: all of them); its own always among them. */
function acceptedAmong(seeker: Seeker, participating: readonly string[], isParticipating: Set<string>): string[] {
  const accepted = seeker.needs.acceptableMunicipalityCodes;
  const among = accepted.length === 0 ? [...participating] : accepted.filter((code) => isParticipating.has(code));
  return among.includes(seeker.municipalityCode) ? among : [seeker.municipalityCode, ...among];
}

function inMoversByArea(placements: readonly Placement[], date: string): Map<string, InMovers> {
  const byArea = new Map<string, InMovers>();
  for (const { seeker, area } of placements) {
    const facts = householdFacts(seeker, date);
    const moved = {
      households: 1,
      members: seeker.members.length,
      workingAge: facts.workingAge,
      outside: facts.outside,
    };
    byArea.set(area.id, addInMovers(byArea.get(area.id) ?? NO_IN_MOVERS, moved));
  }
  return byArea;
}

function countByStatus(statuses: readonly AreaStatus[]): { status: AreaStatus; areas: number }[] {
  return AREA_STATUSES.map((status) => ({ status, areas: statuses.filter((s) => s === status).length }));
}

function summarise(
  placements: readonly Placement[],
  rows: readonly ScenarioAreaRow[],
  next: 'statusWithout' | 'statusWith',
  statusNow: ReadonlyMap<string, AreaStatus>,
  date: string,
  weights: Weights,
): PlacementSummary {
  const byMunicipality = new Map<string, { households: number; fromElsewhere: number }>();
  const byStatus = new Map<AreaStatus, number>();
  let fit = 0;
  let burden = 0;
  let withWishes = 0;
  let inWishes = 0;
  let elsewhere = 0;
  for (const { seeker, vacancy, area } of placements) {
    const code = vacancy.municipalityCode;
    const away = code !== seeker.municipalityCode;
    const intake = byMunicipality.get(code) ?? { households: 0, fromElsewhere: 0 };
    intake.households += 1;
    if (away) {
      intake.fromElsewhere += 1;
      elsewhere += 1;
    }
    byMunicipality.set(code, intake);
    const status = statusNow.get(area.id) ?? 'NONE';
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    const { parts } = candidateCost(seeker, vacancy, area, date, weights);
    fit += parts.fit;
    burden += parts.burden;
    const wishes = [...seeker.preferredMunicipalityCodes, ...seeker.anchorMunicipalityCodes];
    if (wishes.length > 0) {
      withWishes += 1;
      if (wishes.includes(code)) inWishes += 1;
    }
  }
  const nextStatuses = rows.map((row) => row[next]);
  return {
    householdsPlaced: placements.length,
    placedElsewhere: elsewhere,
    byMunicipality: [...byMunicipality]
      .map(([municipalityCode, intake]) => ({ municipalityCode, ...intake }))
      .sort((a, b) => b.households - a.households || (a.municipalityCode < b.municipalityCode ? -1 : 1)),
    byAreaStatus: AREA_STATUSES.map((status) => ({ status, households: byStatus.get(status) ?? 0 })),
    averageFitPoints: placements.length > 0 ? fit / placements.length : null,
    placedWithKnownWishes: withWishes,
    preferredOrAnchorPct: withWishes > 0 ? (100 * inWishes) / withWishes : null,
    burdenPoints: burden,
    areasByStatusNextYear: countByStatus(nextStatuses),
    areasOnListNextYear: nextStatuses.filter(isOnList).length,
    areasLeavingList: rows.filter((row) => isOnList(row.statusNow) && !isOnList(row[next])).length,
    areasEnteringList: rows.filter((row) => !isOnList(row.statusNow) && isOnList(row[next])).length,
  };
}

const grouped = (n: number) => String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);
const areasWord = (n: number) => (Math.abs(n) === 1 ? 'area' : 'areas');

/** The scenario in plain sentences; a harmful direction is said as plainly as a good one. */
export function statement(s: ScenarioSummary): string {
  const w = s.withoutSteering;
  const m = s.withSteering;
  const who = s.allParticipate
    ? 'all 98 municipalities steer together'
    : `${s.participating.length} ${s.participating.length === 1 ? 'municipality steers' : 'municipalities steer'}`;
  const placedDifference = m.householdsPlaced - w.householdsPlaced;
  const sentences = [
    `With steering (${who}), ${grouped(m.householdsPlaced)} of ${grouped(s.seekers)} households are placed, ` +
      (placedDifference === 0
        ? 'as many as without steering.'
        : `${grouped(placedDifference)} ${placedDifference > 0 ? 'more' : 'fewer'} than the ` +
          `${grouped(w.householdsPlaced)} without.`),
  ];
  const lists = `${grouped(m.areasOnListNextYear)} with steering against ${grouped(w.areasOnListNextYear)} without`;
  if (s.listDifference < 0) {
    sentences.push(
      `Next year ${grouped(-s.listDifference)} fewer ${areasWord(s.listDifference)} are on a list (${lists}): ` +
        'in this scenario steering shortens the lists.',
    );
  } else if (s.listDifference > 0) {
    sentences.push(
      `Next year ${grouped(s.listDifference)} more ${areasWord(s.listDifference)} are on a list (${lists}): ` +
        'in this scenario steering lengthens the lists.',
    );
  } else {
    sentences.push(
      `Next year as many areas are on a list with steering as without (${grouped(m.areasOnListNextYear)}).`,
    );
  }
  if (s.areasBetterWithSteering > 0 || s.areasWorseWithSteering > 0) {
    sentences.push(
      `${grouped(s.areasBetterWithSteering)} ${areasWord(s.areasBetterWithSteering)} ` +
        `${s.areasBetterWithSteering === 1 ? 'gets' : 'get'} a lower status with steering than without, ` +
        `${grouped(s.areasWorseWithSteering)} a higher one.`,
    );
  }
  const burden = `${oneDecimal(m.burdenPoints)} points with steering against ${oneDecimal(w.burdenPoints)} without`;
  sentences.push(
    s.burdenDifference < -1e-9
      ? `The burden part is lower with steering (${burden}): in-movement lowers the shares outside work or ` +
          'education of burdened areas more, or raises them less.'
      : s.burdenDifference > 1e-9
        ? `The burden part is higher with steering (${burden}): in-movement raises the shares outside work or ` +
          'education of burdened areas more, or lowers them less.'
        : `The burden part is the same with and without steering (${burden}).`,
  );
  if (m.averageFitPoints !== null && w.averageFitPoints !== null) {
    const better = m.averageFitPoints < w.averageFitPoints - 1e-9;
    const worse = m.averageFitPoints > w.averageFitPoints + 1e-9;
    sentences.push(
      `Households fit their homes ${better ? 'better' : worse ? 'less well' : 'as well'} with steering (fit ` +
        `${oneDecimal(m.averageFitPoints)} points per household against ${oneDecimal(w.averageFitPoints)}; lower is better).`,
    );
  }
  return sentences.join(' ');
}
