// The baseline without coordination, for comparison with the round's optimum: households in the order they began
// waiting (oldest first, then by id), each taking the still-free lawful vacancy that costs least in the round's own
// points (its cost plus the receiving municipality's next fairness step), within the commitments, when placing it
// there lowers the objective at all. Nobody looks ahead: an early household may take the only home a later one
// could use. The result has the solver's shape; its objective uses the same cost function, fairness included.
import { fairnessStep, allocationObjective, type Instance } from './model';
import { assignmentOf, type SolveResult } from './solve';

/** The greedy allocation of the instance (see the header); lpBound is the simple bound described at greedyBound. */
export function greedy(instance: Instance): SolveResult {
  const started = performance.now();
  const { seekers, capacity, weights, vacancyMunicipality } = instance;
  const { seekerStart, vacancy, cost } = instance.candidates;
  const order = seekers
    .map((seeker, s) => ({ s, since: seeker.waitingSince, id: seeker.id }))
    .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Uint8Array(instance.vacancies.length);
  const intake = instance.municipalities.map(() => 0);
  const vacancyOfSeeker = new Int32Array(seekers.length).fill(-1);
  for (const { s } of order) {
    let best = -1;
    let bestCost = 0;
    for (let c = seekerStart[s]!; c < seekerStart[s + 1]!; c++) {
      const v = vacancy[c]!;
      if (taken[v]) continue;
      const m = vacancyMunicipality[v]!;
      let marginal = cost[c]!;
      if (capacity !== null) {
        if (intake[m]! >= capacity[m]!) continue;
        marginal += fairnessStep(intake[m]! + 1, capacity[m]!, weights);
      }
      if (marginal < bestCost) {
        best = v;
        bestCost = marginal;
      }
    }
    if (best >= 0) {
      taken[best] = 1;
      intake[vacancyMunicipality[best]!]! += 1;
      vacancyOfSeeker[s] = best;
    }
  }
  return {
    method: 'greedy',
    assignment: assignmentOf(instance, vacancyOfSeeker),
    vacancyOfSeeker,
    objective: allocationObjective(instance, vacancyOfSeeker),
    lpBound: greedyBound(instance),
    columns: 0,
    pricingRounds: 0,
    pivots: 0,
    solveMs: performance.now() - started,
    mipFallback: false,
  };
}

/**
 * A lower bound on every allocation's objective that needs no solver: the better of "every household its own
 * cheapest lawful vacancy" and "every vacancy its own cheapest household", ignoring the others and fairness (which
 * never lowers the objective). Weaker than the LP bound.
 */
export function greedyBound(instance: Instance): number {
  const { seeker, vacancy, cost, count } = instance.candidates;
  const bySeeker = new Float64Array(instance.seekers.length);
  const byVacancy = new Float64Array(instance.vacancies.length);
  for (let c = 0; c < count; c++) {
    bySeeker[seeker[c]!] = Math.min(bySeeker[seeker[c]!]!, cost[c]!);
    byVacancy[vacancy[c]!] = Math.min(byVacancy[vacancy[c]!]!, cost[c]!);
  }
  const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);
  return Math.max(sum(bySeeker), sum(byVacancy));
}
