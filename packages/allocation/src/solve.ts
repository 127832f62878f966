// The round's solvers. The allocation model (model.ts) is a linear programme whose matrix is a network matrix, so it
// is solved two ways, to the same allocation:
// - 'network-simplex' (the default, flow.ts): the LP as a minimum-cost flow, by a primal network simplex; about 2 s
//   on a national round of 5,000 households and 5,000 homes.
// - 'highs' (this file): the LP by column generation in HiGHS (the University of Edinburgh's solver, compiled to
//   WebAssembly), about 15 s on the same round. It stays as the independent check: the tests compare the two (and
//   brute force) on hundreds of random rounds, and `pnpm bench --only allocation` on the nation.
//
// THE LP. One column x_sv ∈ [0, 1] per candidate (cost: the pair's points), one row per seeker (Σ_v x_sv ≤ 1), one
// row per vacancy (Σ_s x_sv ≤ 1); with commitments, one row per receiving municipality m, Σ_{v in m} x_sv − Σ_k y_mk
// = 0, with fairness columns y_mk ∈ [0, 1], k = 1..C_m, costing weights.fairness × (2k − 1) / C_m. The costs of the
// y_mk increase with k, so the LP fills them in order and pays the convex fairness cost of its intake, and the intake
// cannot exceed C_m. Every x column has a 1 in one seeker row, one vacancy row and at most one municipality row, and
// every y column a −1 in one municipality row: a network matrix (totally unimodular), so the LP has whole optimal
// vertices and the simplex method returns one. The LP optimum is then the optimum over all allocations.
//
// COLUMN GENERATION. A national round has some 700,000 candidates (5,000 seekers × 5,000 vacancies); as one LP they
// take ~11 s, as a MIP ~180 s. So the first LP holds each seeker's K cheapest candidates (K = 10) and every fairness
// column; then every candidate is priced with the LP's duals, reduced cost = cost − dual(seeker row) − dual(vacancy
// row) − dual(municipality row) (HiGHS: column dual = cost − Aᵀ row duals; for ≤ rows in a minimisation the row duals
// are ≤ 0), the most negative are added (each seeker's 20 most negative, at most 200,000 in all), and the LP is
// re-solved from its previous basis. (Measured here, with other work on the machine: on a synthetic nation of 5,000 ×
// 5,000 with 347,000 candidates, 12 LPs and about 15 s with K = 10 and 20 per seeker per round, against 22 LPs and
// about 20 s with K = 25 and 10, and about 22 s for every candidate at once; interior point was slower still; on a denser
// random 2,000 × 2,000 with 650,000 candidates, 3-8 s, where every candidate at once takes 67 s.) When no candidate
// prices below −1e-7, the LP over the columns used is optimal for the LP over every candidate: its value is the LP
// bound, and no allocation can cost less.
//
// TIES (ties.ts). Several allocations can be optimal (two identical homes, say). The round then proposes one chosen
// by a reproducible lottery, not by the solver's path: here a second LP over the optimal face (complementary
// slackness with the first LP's duals: a column whose reduced cost exceeds 1e-6 points stays out, one below −1e-6
// stays in, a row with a non-zero dual stays full) minimises Σ x_sv × (h(s, v) − seekers − 1), where h ∈ [0, 1) is a
// hash of the seeker's and the vacancy's ids. So costs equal to within a millionth of a point are ties; among tied
// allocations the one placing most households wins, then the one with the least hash. The same ids and facts give
// the same proposals whatever the input order (it is sorted by id first) and however many columns the first LP had.
// This replaces a perturbation of the costs, which would cost up to a millionth of a point per household in the
// objective and make the reported LP bound inexact by as much.
//
// MIP FALLBACK. Should an LP solution not be whole (within 1e-6), which the theory above rules out, the columns used
// are solved as a MIP (integrality, zero gap) and the result says so. The LP bound stays the bound over all
// candidates; the difference to the objective is the reported gap.
import loadHighs, { type Highs, type Model } from 'highs';
import { solveFlow } from './flow';
import { allocationObjective, fairnessStep, type Instance } from './model';
import { TIE_TOLERANCE, tieHash } from './ties';

/** How the solver runs. */
export interface SolveOptions {
  /**
   * 'network-simplex' (default): the round as a minimum-cost flow (flow.ts), seconds on a national round.
   * 'highs': the LP by column generation in HiGHS (this file), the independent check the tests compare it with.
   * Both return the same allocation: the optimum, ties drawn by the same lottery (ties.ts).
   */
  method?: SolveMethod;
  /** Candidates per seeker in the first LP, its cheapest (default 25; Infinity: every candidate at once). */
  initialColumnsPerSeeker?: number;
  /** The most columns one pricing round adds (default 50,000). */
  maxColumnsPerRound?: number;
  /** The most columns one pricing round adds for one seeker, its most negative (default 10). */
  maxColumnsPerSeekerPerRound?: number;
  /** Solve the final columns as a MIP even when the LP is whole (to check the fallback; default false). */
  forceMip?: boolean;
}

/** The two exact solvers (see SolveOptions.method). */
export type SolveMethod = 'network-simplex' | 'highs';

/** What the solver found. */
export interface SolveResult {
  /** The solver that decided ('greedy' for the baseline). */
  method: SolveMethod | 'greedy';
  /** Seeker id → vacancy id, for the seekers with a proposal. */
  assignment: Map<string, string>;
  /** Vacancy index (into Instance.vacancies) of each seeker index; −1: none. */
  vacancyOfSeeker: Int32Array;
  /** The allocation's points: candidate costs plus fairness. */
  objective: number;
  /** No allocation costs less (the LP optimum over every candidate, or for the greedy baseline a weaker bound). */
  lpBound: number;
  /** Candidate columns in the last LP (network simplex: candidate arcs open in the network). */
  columns: number;
  /** Times every candidate was priced (the last pass found none to add; network simplex: 0). */
  pricingRounds: number;
  /** Network simplex pivots, the tie lottery's included (HiGHS: 0). */
  pivots: number;
  solveMs: number;
  /** The LP solution was not whole (or forceMip) and the MIP solver decided. */
  mipFallback: boolean;
}

/** Default K: each seeker's cheapest candidates in the first LP. */
export const DEFAULT_INITIAL_COLUMNS_PER_SEEKER = 10;
/** Default number of columns added per pricing round. */
export const DEFAULT_MAX_COLUMNS_PER_ROUND = 200_000;
/** Default number of columns added per seeker per pricing round. */
export const DEFAULT_MAX_COLUMNS_PER_SEEKER_PER_ROUND = 20;
/** A candidate prices in when its reduced cost is below minus this (HiGHS' own dual feasibility tolerance). */
export const REDUCED_COST_TOLERANCE = 1e-7;
/** An LP value this close to 0 or 1 counts as whole. */
export const INTEGRALITY_TOLERANCE = 1e-6;

let highsPromise: Promise<Highs> | undefined;

/** HiGHS, loaded (compiled from WebAssembly) once per process. */
export function loadSolver(): Promise<Highs> {
  highsPromise ??= loadHighs().catch((error: unknown) => {
    highsPromise = undefined;
    throw error;
  });
  return highsPromise;
}

/** The optimal allocation of the instance (see the header for the method and its guarantees). */
export async function solve(instance: Instance, options: SolveOptions = {}): Promise<SolveResult> {
  const method = options.method ?? 'network-simplex';
  if (method === 'network-simplex') {
    if (options.forceMip === true) throw new Error('forceMip needs the highs method');
    const started = performance.now();
    const flow = solveFlow(instance);
    let columns = 0;
    for (let c = 0; c < instance.candidates.count; c++) {
      const m = instance.vacancyMunicipality[instance.candidates.vacancy[c]!]!;
      if (instance.capacity === null || instance.capacity[m]! > 0) columns += 1;
    }
    return {
      method,
      assignment: assignmentOf(instance, flow.vacancyOfSeeker),
      vacancyOfSeeker: flow.vacancyOfSeeker,
      objective: flow.objective,
      lpBound: flow.bound,
      columns,
      pricingRounds: 0,
      pivots: flow.iterations + flow.tieIterations,
      solveMs: performance.now() - started,
      mipFallback: false,
    };
  }
  const highs = await loadSolver();
  const started = performance.now();
  const lp = new RoundLp(instance, options);
  const outcome = lp.candidates.count === 0 ? emptyOutcome(instance) : lp.solve(highs);
  return {
    method,
    assignment: assignmentOf(instance, outcome.vacancyOfSeeker),
    vacancyOfSeeker: outcome.vacancyOfSeeker,
    objective: allocationObjective(instance, outcome.vacancyOfSeeker),
    lpBound: outcome.lpBound,
    columns: outcome.columns,
    pricingRounds: outcome.pricingRounds,
    pivots: 0,
    solveMs: performance.now() - started,
    mipFallback: outcome.mipFallback,
  };
}

/** Seeker id → vacancy id, for the seekers with a vacancy. */
export function assignmentOf(instance: Instance, vacancyOfSeeker: Int32Array): Map<string, string> {
  const assignment = new Map<string, string>();
  vacancyOfSeeker.forEach((v, s) => {
    if (v >= 0) assignment.set(instance.seekers[s]!.id, instance.vacancies[v]!.id);
  });
  return assignment;
}

interface Outcome {
  vacancyOfSeeker: Int32Array;
  lpBound: number;
  columns: number;
  pricingRounds: number;
  mipFallback: boolean;
}

function emptyOutcome(instance: Instance): Outcome {
  return {
    vacancyOfSeeker: new Int32Array(instance.seekers.length).fill(-1),
    lpBound: 0,
    columns: 0,
    pricingRounds: 0,
    mipFallback: false,
  };
}

/** A batch of columns in HiGHS' CSC layout. */
interface ColumnBatch {
  cost: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** The LP of one round and its columns; the model lives only inside solve(). */
class RoundLp {
  readonly candidates: Instance['candidates'];
  private readonly seekerCount: number;
  private readonly rowCount: number;
  /** Row of each municipality; −1: no row (no commitments, or nothing to receive). */
  private readonly municipalityRow: Int32Array;
  /** Per model column: the candidate, or −1 for a fairness column. */
  private readonly columnCandidate: number[] = [];
  /** Per fairness column (in column order, before any candidate column): its municipality row and cost. */
  private readonly fairnessColumns: { row: number; cost: number }[] = [];
  private readonly inModel: Uint8Array;
  private readonly reducedCostBuffer: Float64Array;
  private readonly initialPerSeeker: number;
  private readonly maxPerRound: number;
  private readonly perSeekerPerRound: number;

  constructor(
    private readonly instance: Instance,
    private readonly options: SolveOptions,
  ) {
    this.candidates = instance.candidates;
    this.seekerCount = instance.seekers.length;
    this.inModel = new Uint8Array(this.candidates.count);
    this.reducedCostBuffer = new Float64Array(this.candidates.count);
    this.initialPerSeeker = options.initialColumnsPerSeeker ?? DEFAULT_INITIAL_COLUMNS_PER_SEEKER;
    this.maxPerRound = options.maxColumnsPerRound ?? DEFAULT_MAX_COLUMNS_PER_ROUND;
    this.perSeekerPerRound = options.maxColumnsPerSeekerPerRound ?? DEFAULT_MAX_COLUMNS_PER_SEEKER_PER_ROUND;
    if (!(this.initialPerSeeker >= 1) || !(this.maxPerRound >= 1) || !(this.perSeekerPerRound >= 1)) {
      throw new Error('initialColumnsPerSeeker, maxColumnsPerRound and maxColumnsPerSeekerPerRound must be at least 1');
    }

    // Municipality rows, and the fairness columns: at most C_m, never more than m has vacancies open to anyone.
    this.municipalityRow = new Int32Array(instance.municipalities.length).fill(-1);
    let rows = this.seekerCount + instance.vacancies.length;
    if (instance.capacity !== null) {
      const open = new Uint8Array(instance.vacancies.length);
      for (let c = 0; c < this.candidates.count; c++) open[this.candidates.vacancy[c]!] = 1;
      const openIn = instance.municipalities.map(() => 0);
      open.forEach((isOpen, v) => {
        if (isOpen) openIn[instance.vacancyMunicipality[v]!]! += 1;
      });
      instance.capacity.forEach((cap, m) => {
        if (cap === 0 || openIn[m] === 0) return;
        const row = rows++;
        this.municipalityRow[m] = row;
        const steps = Math.min(cap, openIn[m]!, this.seekerCount);
        for (let k = 1; k <= steps; k++)
          this.fairnessColumns.push({ row, cost: fairnessStep(k, cap, instance.weights) });
      });
    }
    this.rowCount = rows;
  }

  solve(highs: Highs): Outcome {
    const fairness = this.fairnessBatch();
    for (let j = 0; j < fairness.cost.length; j++) this.columnCandidate.push(-1);
    const first = this.candidateBatch(this.initialColumns());
    const numCols = this.columnCandidate.length;
    const rowLower = new Float64Array(this.rowCount).fill(-Infinity);
    const rowUpper = new Float64Array(this.rowCount).fill(1);
    for (let m = 0; m < this.municipalityRow.length; m++) {
      const row = this.municipalityRow[m]!;
      if (row >= 0) rowLower[row] = rowUpper[row] = 0;
    }
    const joined = joinBatches(fairness, first);

    return highs.withModel(
      {
        numCols,
        numRows: this.rowCount,
        colCost: joined.cost,
        colLower: joined.lower,
        colUpper: joined.upper,
        rowLower,
        rowUpper,
        matrix: {
          format: 'csc',
          numRows: this.rowCount,
          numCols,
          starts: joined.starts,
          indices: joined.indices,
          values: joined.values,
        },
      },
      (model) => this.run(highs, model),
    );
  }

  private run(highs: Highs, model: Model): Outcome {
    model.options.set({ output_flag: false, solver: 'simplex', random_seed: 0 });

    // Column generation: price every candidate until none has a negative reduced cost.
    let pricingRounds = 0;
    let duals: Float64Array;
    for (;;) {
      runToOptimal(highs, model, 'the allocation LP');
      duals = model.getSolution().rowDual;
      pricingRounds += 1;
      const priced = this.price(duals, -REDUCED_COST_TOLERANCE, this.perSeekerPerRound);
      if (priced.length === 0) break;
      const added = priced.slice(0, this.maxPerRound);
      addColumns(model, this.candidateBatch(added), this.rowCount);
    }
    const lpBound = model.getObjectiveValue();
    const columns = this.columnCandidate.length - this.fairnessColumns.length;
    let vacancyOfSeeker = this.allocation(model.getSolution().colValue);

    // Ties: the lottery over the optimal face.
    if (vacancyOfSeeker !== null) {
      const tieBroken = this.breakTies(highs, model, duals, lpBound);
      if (tieBroken !== null) vacancyOfSeeker = tieBroken;
    }

    if (vacancyOfSeeker === null || this.options.forceMip === true) {
      return { vacancyOfSeeker: this.solveMip(highs, model), lpBound, columns, pricingRounds, mipFallback: true };
    }
    return { vacancyOfSeeker, lpBound, columns, pricingRounds, mipFallback: false };
  }

  /**
   * The candidates not yet in the model whose reduced cost is below `below`: at most `perSeeker` per seeker (its
   * most negative, kept by insertion: `perSeeker` is small or unlimited), most negative first (ties: candidate order).
   */
  private price(duals: Float64Array, below: number, perSeeker = Infinity): number[] {
    const { seeker, vacancy, cost, seekerStart } = this.candidates;
    const found: number[] = [];
    const reducedCosts = this.reducedCostBuffer;
    const best: number[] = [];
    const bestCost: number[] = [];
    for (let s = 0; s < this.seekerCount; s++) {
      best.length = 0;
      bestCost.length = 0;
      for (let c = seekerStart[s]!; c < seekerStart[s + 1]!; c++) {
        if (this.inModel[c]) continue;
        const reducedCost = this.reducedCost(duals, seeker[c]!, vacancy[c]!, cost[c]!);
        if (reducedCost >= below) continue;
        if (perSeeker === Infinity) {
          best.push(c);
          bestCost.push(reducedCost);
          continue;
        }
        if (best.length >= perSeeker && reducedCost >= bestCost[best.length - 1]!) continue;
        // Insert in order (the list is short), dropping the worst when full.
        let i = best.length < perSeeker ? best.length : best.length - 1;
        while (i > 0 && bestCost[i - 1]! > reducedCost) {
          best[i] = best[i - 1]!;
          bestCost[i] = bestCost[i - 1]!;
          i--;
        }
        best[i] = c;
        bestCost[i] = reducedCost;
      }
      for (let i = 0; i < best.length; i++) {
        found.push(best[i]!);
        reducedCosts[best[i]!] = bestCost[i]!;
      }
    }
    return found.sort((a, b) => reducedCosts[a]! - reducedCosts[b]! || a - b);
  }

  private reducedCost(duals: Float64Array, s: number, v: number, cost: number): number {
    const row = this.municipalityRow[this.instance.vacancyMunicipality[v]!]!;
    return cost - duals[s]! - duals[this.seekerCount + v]! - (row >= 0 ? duals[row]! : 0);
  }

  /** Each seeker's K cheapest candidates (ties: candidate order), in candidate order. */
  private initialColumns(): number[] {
    const { seekerStart, cost } = this.candidates;
    const chosen: number[] = [];
    for (let s = 0; s < this.seekerCount; s++) {
      const own: number[] = [];
      for (let c = seekerStart[s]!; c < seekerStart[s + 1]!; c++) own.push(c);
      if (own.length > this.initialPerSeeker) {
        own.sort((a, b) => cost[a]! - cost[b]! || a - b);
        own.length = this.initialPerSeeker;
        own.sort((a, b) => a - b);
      }
      chosen.push(...own);
    }
    return chosen;
  }

  /** Columns for the candidates given, recorded as in the model (they must be added right after). */
  private candidateBatch(added: readonly number[]): ColumnBatch {
    const { seeker, vacancy, cost } = this.candidates;
    const n = added.length;
    const batch: ColumnBatch = {
      cost: new Float64Array(n),
      lower: new Float64Array(n),
      upper: new Float64Array(n).fill(1),
      starts: new Int32Array(n + 1),
      indices: new Int32Array(3 * n),
      values: new Float64Array(3 * n),
    };
    let k = 0;
    added.forEach((c, j) => {
      const v = vacancy[c]!;
      batch.cost[j] = cost[c]!;
      batch.starts[j] = k;
      batch.indices[k] = seeker[c]!;
      batch.values[k++] = 1;
      batch.indices[k] = this.seekerCount + v;
      batch.values[k++] = 1;
      const row = this.municipalityRow[this.instance.vacancyMunicipality[v]!]!;
      if (row >= 0) {
        batch.indices[k] = row;
        batch.values[k++] = 1;
      }
      this.inModel[c] = 1;
      this.columnCandidate.push(c);
    });
    batch.starts[n] = k;
    return { ...batch, indices: batch.indices.subarray(0, k), values: batch.values.subarray(0, k) };
  }

  private fairnessBatch(): ColumnBatch {
    const n = this.fairnessColumns.length;
    return {
      cost: Float64Array.from(this.fairnessColumns, ({ cost }) => cost),
      lower: new Float64Array(n),
      upper: new Float64Array(n).fill(1),
      starts: Int32Array.from({ length: n + 1 }, (_, j) => j),
      indices: Int32Array.from(this.fairnessColumns, ({ row }) => row),
      values: new Float64Array(n).fill(-1),
    };
  }

  /** The allocation an LP solution encodes, or null when it is not whole. */
  private allocation(values: Float64Array): Int32Array | null {
    const vacancyOfSeeker = new Int32Array(this.seekerCount).fill(-1);
    for (let j = 0; j < values.length; j++) {
      const value = values[j]!;
      const c = this.columnCandidate[j]!;
      if (c < 0) continue;
      if (value > INTEGRALITY_TOLERANCE && value < 1 - INTEGRALITY_TOLERANCE) return null;
      if (value >= 1 - INTEGRALITY_TOLERANCE) vacancyOfSeeker[this.candidates.seeker[c]!] = this.candidates.vacancy[c]!;
    }
    return vacancyOfSeeker;
  }

  /**
   * The lottery among optimal allocations (see TIES in the header): an LP over the optimal face. Returns null, and
   * the caller keeps the first LP's allocation, should the face LP not confirm an allocation of the same cost.
   */
  private breakTies(highs: Highs, model: Model, duals: Float64Array, lpBound: number): Int32Array | null {
    // Candidates outside the model that tie (reduced cost within the tolerance) can be part of the face.
    const tied = this.price(duals, TIE_TOLERANCE);
    if (tied.length > 0) addColumns(model, this.candidateBatch(tied), this.rowCount);

    const n = this.columnCandidate.length;
    const cost = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    const { seeker, vacancy } = this.candidates;
    for (let j = 0; j < n; j++) {
      const c = this.columnCandidate[j]!;
      let reducedCost: number;
      if (c < 0) {
        const { row, cost: fairnessCost } = this.fairnessColumns[j]!;
        reducedCost = fairnessCost + duals[row]!;
      } else {
        reducedCost = this.reducedCost(duals, seeker[c]!, vacancy[c]!, this.candidates.cost[c]!);
        const draw = tieHash(this.instance.seekers[seeker[c]!]!.id, this.instance.vacancies[vacancy[c]!]!.id);
        cost[j] = draw - (this.seekerCount + 1);
      }
      lower[j] = reducedCost < -TIE_TOLERANCE ? 1 : 0;
      upper[j] = reducedCost > TIE_TOLERANCE ? 0 : 1;
    }
    const rowLower = new Float64Array(this.rowCount).fill(-Infinity);
    const rowUpper = new Float64Array(this.rowCount).fill(1);
    for (let row = 0; row < this.rowCount; row++) {
      if (row >= this.seekerCount + this.instance.vacancies.length) rowLower[row] = rowUpper[row] = 0;
      else if (duals[row]! < -TIE_TOLERANCE) rowLower[row] = 1;
    }
    const all = { kind: 'range', from: 0, to: n - 1 } as const;
    model.changeColsCost(all, cost);
    model.changeColsBounds(all, lower, upper);
    model.changeRowsBounds({ kind: 'range', from: 0, to: this.rowCount - 1 }, rowLower, rowUpper);
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
    const vacancyOfSeeker = this.allocation(model.getSolution().colValue);
    if (vacancyOfSeeker === null) return null;
    const objective = allocationObjective(this.instance, vacancyOfSeeker);
    return Math.abs(objective - lpBound) <= TIE_TOLERANCE * (this.seekerCount + 1) ? vacancyOfSeeker : null;
  }

  /** The columns used, with their true costs and bounds, as a MIP. */
  private solveMip(highs: Highs, model: Model): Int32Array {
    const n = this.columnCandidate.length;
    const cost = Float64Array.from(this.columnCandidate, (c, j) =>
      c < 0 ? this.fairnessColumns[j]!.cost : this.candidates.cost[c]!,
    );
    const all = { kind: 'range', from: 0, to: n - 1 } as const;
    model.changeColsCost(all, cost);
    model.changeColsBounds(all, new Float64Array(n), new Float64Array(n).fill(1));
    const rowLower = new Float64Array(this.rowCount).fill(-Infinity);
    const rowUpper = new Float64Array(this.rowCount).fill(1);
    for (let row = this.seekerCount + this.instance.vacancies.length; row < this.rowCount; row++) {
      rowLower[row] = rowUpper[row] = 0;
    }
    model.changeRowsBounds({ kind: 'range', from: 0, to: this.rowCount - 1 }, rowLower, rowUpper);
    model.changeColsIntegrality(all, new Int32Array(n).fill(highs.constants.variableType.integer));
    model.options.set({ solver: 'choose', mip_rel_gap: 0, mip_abs_gap: 0 });
    runToOptimal(highs, model, 'the allocation MIP');
    const vacancyOfSeeker = this.allocation(model.getSolution().colValue);
    if (vacancyOfSeeker === null) throw new Error('the allocation MIP returned a solution that is not whole');
    return vacancyOfSeeker;
  }
}

function runToOptimal(highs: Highs, model: Model, what: string): void {
  model.run();
  const status = model.getModelStatus();
  if (status !== highs.constants.modelStatus.optimal) {
    throw new Error(`${what} ended with HiGHS model status ${status}, not optimal`);
  }
}

function addColumns(model: Model, batch: ColumnBatch, rowCount: number): void {
  const numCols = batch.cost.length;
  if (numCols === 0) return;
  model.addCols({
    cost: batch.cost,
    lower: batch.lower,
    upper: batch.upper,
    matrix: {
      format: 'csc',
      numRows: rowCount,
      numCols,
      starts: batch.starts,
      indices: batch.indices,
      values: batch.values,
    },
  });
}

function joinBatches(a: ColumnBatch, b: ColumnBatch): ColumnBatch {
  const offset = a.indices.length;
  const starts = new Int32Array(a.cost.length + b.cost.length + 1);
  starts.set(a.starts.subarray(0, a.cost.length));
  for (let j = 0; j <= b.cost.length; j++) starts[a.cost.length + j] = b.starts[j]! + offset;
  return {
    cost: concat(a.cost, b.cost),
    lower: concat(a.lower, b.lower),
    upper: concat(a.upper, b.upper),
    starts,
    indices: concatInt(a.indices, b.indices),
    values: concat(a.values, b.values),
  };
}

function concatInt(a: Int32Array, b: Int32Array): Int32Array {
  const joined = new Int32Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const joined = new Float64Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
