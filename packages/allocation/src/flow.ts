// The round's LP (see solve.ts) as a minimum-cost flow, solved exactly by a primal network simplex.
//
// THE NETWORK. A circulation on the nodes sink t (the root of the spanning tree), source, one node per receiving
// municipality, per open vacancy and per seeker with a candidate:
//   source → seeker        capacity 1, cost 0
//   seeker → vacancy       capacity 1, the candidate's cost (negative when placing pays)
//   vacancy → municipality capacity 1, cost 0
//   municipality → t       C_m parallel arcs of capacity 1 costing fairnessStep(k), k = 1..C_m (at most as many as
//                          the municipality has open vacancies or there are seekers); without commitments one arc
//                          of capacity (its open vacancies) costing 0
//   t → source             capacity (seekers), cost 0: the flow value is free, so a seeker may stay unplaced.
// A municipality with cap 0, and the vacancies in it, get no node: nothing can flow through them. The least-cost
// circulation is the LP optimum; the fairness steps increase with k, so an optimal flow fills them in order and its
// cost is the allocation's objective. Every capacity is whole, so every basic flow is whole.
//
// THE BOUND. For any potentials, Σ_a cost(a) f(a) = Σ_a rc(a) f(a) over a circulation f, so no flow within the
// capacities costs less than Σ_a cap(a) × min(0, rc(a)). Computed from the optimal potentials, this dual bound is
// the LP bound the round reports: a certificate that needs nothing but the potentials.
//
// THE METHOD. Primal network simplex on a strongly feasible spanning tree (Cunningham 1976): the zero circulation
// with the tree t ← municipality ← vacancy ← seeker ← source (each node hangs on one of its own arcs at flow 0,
// directed toward the root) is strongly feasible from the start, so no artificial arcs and no big-M costs are needed
// and the potentials stay of the order of the costs. The leaving arc is the last blocking arc met going round the
// cycle in the flow's direction from the apex, which keeps the tree strongly feasible and rules out cycling.
// Entering arcs by block search (as in LEMON): the arcs are scanned cyclically in blocks of ~√arcs and the most
// violating arc of the first block with one enters. The tree is kept as parent pointers with doubly linked child
// lists and depths; a pivot re-roots the subtree cut off by the leaving arc and walks it once to shift potentials.
//
// TIES (ties.ts). Once optimal, the potentials π fix the optimal face by complementary slackness: an arc whose reduced
// cost exceeds TIE_TOLERANCE (1e-6 points) stays empty, one below −TIE_TOLERANCE stays full, and only the arcs in
// between (the tree's among them) may change. The pivots then go on from the same strongly feasible tree, with only
// those arcs enterable and every candidate arc costing its draw − (seekers + 1), every other arc 0: the least-cost
// flow on the face places most households, then has the least sum of draws. This is the lottery HiGHS draws by its
// second LP (solve.ts), so both solvers return the same allocation (tested on random rounds and the nation); on the
// synthetic nation the draw takes some 140 pivots after 417,000.
//
// TOLERANCE. Costs are doubles. Reduced cost rc(a) = cost(a) + π(tail) − π(head) (0 on tree arcs); an arc at its
// lower bound enters when rc < −1e-9, one at its upper bound when rc > 1e-9 (FLOW_TOLERANCE). Flows are whole and
// exact. Potentials are shifted incrementally during pivots; at the end they are recomputed from the tree and the
// optimality test is repeated, so round-off cannot end the search early. The optimum is thus exact up to 1e-9
// points per arc of reduced cost, far below the 1e-6 points at which the round counts costs as ties.
import { allocationObjective, fairnessStep, type Instance } from './model';
import { TIE_TOLERANCE, tieHash } from './ties';

/** Reduced costs within this many points of 0 count as 0 (see TOLERANCE above). */
export const FLOW_TOLERANCE = 1e-9;

/** What the flow solver found. */
export interface FlowResult {
  /** Vacancy index (into Instance.vacancies) of each seeker index; −1: none. */
  vacancyOfSeeker: Int32Array;
  /** allocationObjective of vacancyOfSeeker (equal, to round-off, to the optimal flow's cost). */
  objective: number;
  /**
   * Node potentials π at the optimum (duals of the flow conservation rows), with rc = cost + π(tail) − π(head) ≥ 0
   * on arcs that can carry more flow and π(t) = 0. Layout: [0] sink t, [1] source, then seekers (2 + s), vacancies
   * (2 + seekers + v), municipalities (2 + seekers + vacancies + m); NaN for a node not in the network.
   */
  potentials: Float64Array;
  /**
   * The dual bound Σ cap(a) × min(0, rc(a)) under those potentials: no allocation costs less, whatever the flow found
   * (a certificate computed from the potentials alone; equal to the optimum, to round-off, when they are optimal).
   */
  bound: number;
  /** Simplex pivots to the optimum (degenerate ones included). */
  iterations: number;
  /** Simplex pivots of the tie lottery (0 when it was not drawn). */
  tieIterations: number;
  ms: number;
}

/** How solveFlow runs. */
export interface FlowOptions {
  /** Draw ties by the round's lottery (see TIES above; default true). False: whichever optimum the pivots reach. */
  breakTies?: boolean;
}

const LOWER = 1;
const UPPER = -1;
const TREE = 0;
const UP = 1; // the tree arc points from the node to its parent
const DOWN = -1; // the tree arc points from the parent to the node

/** The optimal allocation of the instance by network simplex (see the header). */
export function solveFlow(instance: Instance, options: FlowOptions = {}): FlowResult {
  const started = performance.now();
  const { candidates } = instance;
  const seekerCount = instance.seekers.length;
  const vacancyCount = instance.vacancies.length;
  const municipalityCount = instance.municipalities.length;
  const capacity = instance.capacity;
  const layoutSize = 2 + seekerCount + vacancyCount + municipalityCount;

  // Which vacancies, municipalities and seekers take part.
  const municipalityOpen = new Int32Array(municipalityCount);
  const vacancyOpen = new Uint8Array(vacancyCount);
  for (let c = 0; c < candidates.count; c++) {
    const v = candidates.vacancy[c]!;
    const m = instance.vacancyMunicipality[v]!;
    if (capacity !== null && !(capacity[m]! > 0)) continue;
    if (vacancyOpen[v] === 0) {
      vacancyOpen[v] = 1;
      municipalityOpen[m]! += 1;
    }
  }
  const seekerActive = new Uint8Array(seekerCount);
  let activeSeekers = 0;
  for (let s = 0; s < seekerCount; s++) {
    for (let c = candidates.seekerStart[s]!; c < candidates.seekerStart[s + 1]!; c++) {
      if (vacancyOpen[candidates.vacancy[c]!]) {
        seekerActive[s] = 1;
        activeSeekers += 1;
        break;
      }
    }
  }

  const vacancyOfSeeker = new Int32Array(seekerCount).fill(-1);
  const potentialsOut = new Float64Array(layoutSize).fill(NaN);
  if (activeSeekers === 0) {
    potentialsOut[0] = 0;
    return {
      vacancyOfSeeker,
      objective: 0,
      potentials: potentialsOut,
      bound: 0,
      iterations: 0,
      tieIterations: 0,
      ms: performance.now() - started,
    };
  }

  // Nodes: the layout indices, those not taking part left isolated (never in the tree).
  const T = 0;
  const SOURCE = 1;
  const seekerNode = (s: number) => 2 + s;
  const vacancyNode = (v: number) => 2 + seekerCount + v;
  const municipalityNode = (m: number) => 2 + seekerCount + vacancyCount + m;
  const nodeCount = layoutSize;

  // Arcs: every candidate first (arc c = candidate c; closed ones get capacity 0 and never enter), then the rest.
  let fairnessArcs = 0;
  for (let m = 0; m < municipalityCount; m++) {
    if (municipalityOpen[m] === 0) continue;
    fairnessArcs += capacity === null ? 1 : Math.min(capacity[m]!, municipalityOpen[m]!, activeSeekers);
  }
  const arcCount = candidates.count + seekerCount + vacancyCount + fairnessArcs + 1;
  const tail = new Int32Array(arcCount);
  const head = new Int32Array(arcCount);
  const trueCost = new Float64Array(arcCount);
  /** The costs the pivots price with: trueCost, then the lottery's draws (see TIES). */
  let cost = trueCost;
  const cap = new Int32Array(arcCount);
  /** Arcs that may enter the tree: open ones; in the lottery, only those on the optimal face. */
  const enterable = new Uint8Array(arcCount);
  const flow = new Int32Array(arcCount);
  const state = new Int8Array(arcCount).fill(LOWER);
  for (let c = 0; c < candidates.count; c++) {
    const v = candidates.vacancy[c]!;
    tail[c] = seekerNode(candidates.seeker[c]!);
    head[c] = vacancyNode(v);
    cost[c] = candidates.cost[c]!;
    cap[c] = vacancyOpen[v] ? 1 : 0;
  }
  let a = candidates.count;
  const sourceArc = a;
  for (let s = 0; s < seekerCount; s++, a++) {
    tail[a] = SOURCE;
    head[a] = seekerNode(s);
    cap[a] = seekerActive[s] ? 1 : 0;
  }
  const vacancyArc = a;
  for (let v = 0; v < vacancyCount; v++, a++) {
    tail[a] = vacancyNode(v);
    head[a] = municipalityNode(instance.vacancyMunicipality[v]!);
    cap[a] = vacancyOpen[v] ? 1 : 0;
  }
  const firstFairnessArc = new Int32Array(municipalityCount).fill(-1);
  for (let m = 0; m < municipalityCount; m++) {
    if (municipalityOpen[m] === 0) continue;
    firstFairnessArc[m] = a;
    if (capacity === null) {
      tail[a] = municipalityNode(m);
      head[a] = T;
      cap[a] = municipalityOpen[m]!;
      a++;
    } else {
      const steps = Math.min(capacity[m]!, municipalityOpen[m]!, activeSeekers);
      for (let k = 1; k <= steps; k++, a++) {
        tail[a] = municipalityNode(m);
        head[a] = T;
        cost[a] = fairnessStep(k, capacity[m]!, instance.weights);
        cap[a] = 1;
      }
    }
  }
  tail[a] = T;
  head[a] = SOURCE;
  cap[a] = activeSeekers;

  for (let arc = 0; arc < arcCount; arc++) enterable[arc] = cap[arc]! > 0 ? 1 : 0;

  // The initial strongly feasible tree: every arc at flow 0, each node hanging toward the root.
  const parent = new Int32Array(nodeCount).fill(-1);
  const pred = new Int32Array(nodeCount).fill(-1);
  const dir = new Int8Array(nodeCount);
  const depth = new Int32Array(nodeCount);
  const pi = new Float64Array(nodeCount);
  const firstChild = new Int32Array(nodeCount).fill(-1);
  const nextSibling = new Int32Array(nodeCount).fill(-1);
  const prevSibling = new Int32Array(nodeCount).fill(-1);
  const inTree = new Uint8Array(nodeCount);

  const addChild = (w: number, p: number): void => {
    const first = firstChild[p]!;
    nextSibling[w] = first;
    prevSibling[w] = -1;
    if (first >= 0) prevSibling[first] = w;
    firstChild[p] = w;
    parent[w] = p;
  };
  const removeChild = (w: number): void => {
    const prev = prevSibling[w]!;
    const next = nextSibling[w]!;
    if (prev >= 0) nextSibling[prev] = next;
    else firstChild[parent[w]!] = next;
    if (next >= 0) prevSibling[next] = prev;
  };
  const hang = (w: number, p: number, arc: number): void => {
    addChild(w, p);
    pred[w] = arc;
    dir[w] = tail[arc] === w ? UP : DOWN;
    state[arc] = TREE;
    inTree[w] = 1;
  };

  inTree[T] = 1;
  for (let m = 0; m < municipalityCount; m++) {
    if (firstFairnessArc[m]! >= 0) hang(municipalityNode(m), T, firstFairnessArc[m]!);
  }
  for (let v = 0; v < vacancyCount; v++) {
    if (vacancyOpen[v]) hang(vacancyNode(v), municipalityNode(instance.vacancyMunicipality[v]!), vacancyArc + v);
  }
  let sourceParent = -1;
  for (let s = 0; s < seekerCount; s++) {
    if (!seekerActive[s]) continue;
    for (let c = candidates.seekerStart[s]!; c < candidates.seekerStart[s + 1]!; c++) {
      if (cap[c] === 1) {
        hang(seekerNode(s), head[c]!, c);
        break;
      }
    }
    if (sourceParent < 0) sourceParent = s;
  }
  hang(SOURCE, seekerNode(sourceParent), sourceArc + sourceParent);

  // Potentials and depths from the tree, root down (rc = 0 on tree arcs).
  const stack = new Int32Array(nodeCount);
  const recompute = (): void => {
    pi[T] = 0;
    depth[T] = 0;
    let top = 0;
    stack[top++] = T;
    while (top > 0) {
      const u = stack[--top]!;
      for (let w = firstChild[u]!; w >= 0; w = nextSibling[w]!) {
        const arc = pred[w]!;
        pi[w] = dir[w] === UP ? pi[u]! - cost[arc]! : pi[u]! + cost[arc]!;
        depth[w] = depth[u]! + 1;
        stack[top++] = w;
      }
    }
  };
  recompute();

  // Block search pricing.
  const blockSize = Math.max(10, Math.ceil(Math.sqrt(arcCount)));
  let nextArc = 0;
  const findEntering = (): number => {
    let best = -FLOW_TOLERANCE;
    let entering = -1;
    let counted = 0;
    for (let scanned = 0; scanned < arcCount; scanned++) {
      const e = nextArc;
      nextArc = nextArc + 1 === arcCount ? 0 : nextArc + 1;
      const st = state[e]!;
      if (st !== TREE && enterable[e] === 1) {
        const violation = st * (cost[e]! + pi[tail[e]!]! - pi[head[e]!]!);
        if (violation < best) {
          best = violation;
          entering = e;
        }
      }
      if (++counted === blockSize) {
        if (entering >= 0) return entering;
        counted = 0;
      }
    }
    return entering;
  };

  /** Pivots until no enterable arc violates optimality under `cost`; returns the number of pivots. */
  const pivotToOptimum = (): number => {
    let iterations = 0;
    for (;;) {
      let e = findEntering();
      if (e < 0) {
        // Confirm with potentials recomputed from the tree, free of the round-off of incremental updates.
        recompute();
        e = findEntering();
        if (e < 0) break;
      }
      iterations++;

      const first = state[e] === LOWER ? tail[e]! : head[e]!;
      const second = state[e] === LOWER ? head[e]! : tail[e]!;
      // The apex of the cycle.
      let p = first;
      let q = second;
      while (depth[p]! > depth[q]!) p = parent[p]!;
      while (depth[q]! > depth[p]!) q = parent[q]!;
      while (p !== q) {
        p = parent[p]!;
        q = parent[q]!;
      }
      const join = p;

      // The leaving arc: the last blocking arc in the flow's direction from the apex (join → first → second → join).
      let delta = cap[e]!;
      let leavingNode = -1;
      let side = 0;
      for (let u = first; u !== join; u = parent[u]!) {
        const arc = pred[u]!;
        const room = dir[u] === UP ? flow[arc]! : cap[arc]! - flow[arc]!;
        if (room < delta) {
          delta = room;
          leavingNode = u;
          side = 1;
        }
      }
      for (let u = second; u !== join; u = parent[u]!) {
        const arc = pred[u]!;
        const room = dir[u] === UP ? cap[arc]! - flow[arc]! : flow[arc]!;
        if (room <= delta) {
          delta = room;
          leavingNode = u;
          side = 2;
        }
      }

      if (delta > 0) {
        const change = state[e]! * delta;
        flow[e]! += change;
        for (let u = tail[e]!; u !== join; u = parent[u]!) flow[pred[u]!]! -= dir[u]! * change;
        for (let u = head[e]!; u !== join; u = parent[u]!) flow[pred[u]!]! += dir[u]! * change;
      }

      if (side === 0) {
        // The entering arc blocks itself: it moves to its other bound.
        state[e] = -state[e]!;
        continue;
      }

      const leaving = pred[leavingNode]!;
      state[leaving] = flow[leaving] === 0 ? LOWER : UPPER;
      state[e] = TREE;
      const uIn = side === 1 ? first : second;
      const vIn = side === 1 ? second : first;

      // Re-root the cut-off subtree at uIn and hang it from vIn by the entering arc.
      let w = uIn;
      let newParent = vIn;
      let newPred = e;
      for (;;) {
        const oldParent = parent[w]!;
        const oldPred = pred[w]!;
        removeChild(w);
        addChild(w, newParent);
        pred[w] = newPred;
        dir[w] = tail[newPred] === w ? UP : DOWN;
        if (w === leavingNode) break;
        newParent = w;
        newPred = oldPred;
        w = oldParent;
      }

      // Shift the subtree's potentials (uniformly) and depths (from its new root down).
      const newPi = dir[uIn] === UP ? pi[vIn]! - cost[e]! : pi[vIn]! + cost[e]!;
      const sigma = newPi - pi[uIn]!;
      pi[uIn] = newPi;
      depth[uIn] = depth[vIn]! + 1;
      let top = 0;
      stack[top++] = uIn;
      while (top > 0) {
        const u = stack[--top]!;
        for (let x = firstChild[u]!; x >= 0; x = nextSibling[x]!) {
          pi[x]! += sigma;
          depth[x] = depth[u]! + 1;
          stack[top++] = x;
        }
      }
    }
    return iterations;
  };

  const iterations = pivotToOptimum();
  for (let u = 0; u < nodeCount; u++) if (inTree[u]) potentialsOut[u] = pi[u]!;
  // The dual bound under the optimal potentials (see FlowResult.bound), before the lottery changes the costs.
  let bound = 0;
  for (let arc = 0; arc < arcCount; arc++) {
    if (cap[arc] === 0) continue;
    const rc = trueCost[arc]! + pi[tail[arc]!]! - pi[head[arc]!]!;
    if (rc < 0) bound += cap[arc]! * rc;
  }

  // TIES: the lottery over the optimal face.
  let tieIterations = 0;
  if (options.breakTies !== false) {
    const draws = new Float64Array(arcCount);
    for (let arc = 0; arc < arcCount; arc++) {
      if (state[arc] !== TREE) {
        const rc = trueCost[arc]! + pi[tail[arc]!]! - pi[head[arc]!]!;
        if (Math.abs(rc) > TIE_TOLERANCE) enterable[arc] = 0;
      }
    }
    const placeFirst = seekerCount + 1;
    for (let c = 0; c < candidates.count; c++) {
      if (cap[c] === 0) continue;
      const seeker = instance.seekers[candidates.seeker[c]!]!;
      draws[c] = tieHash(seeker.id, instance.vacancies[candidates.vacancy[c]!]!.id) - placeFirst;
    }
    cost = draws;
    recompute();
    tieIterations = pivotToOptimum();
  }

  for (let c = 0; c < candidates.count; c++) {
    if (flow[c] === 1) vacancyOfSeeker[candidates.seeker[c]!] = candidates.vacancy[c]!;
  }
  return {
    vacancyOfSeeker,
    objective: allocationObjective(instance, vacancyOfSeeker),
    potentials: potentialsOut,
    bound,
    iterations,
    tieIterations,
    ms: performance.now() - started,
  };
}
