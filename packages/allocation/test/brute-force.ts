// The optimum of a small round by enumeration, written apart from the solver: every way to give each seeker one of
// its lawful vacancies or none, one household per vacancy, within the commitments, costed by the same cost function
// (candidateCost) plus the fairness steps summed one by one. Exponential: for rounds of a handful of seekers only.
import { candidateCost, type RoundInput } from '../src/model';
import { exclusions } from '../src/rules';
import { tieHash } from '../src/ties';
import { type Area } from '../src/types';

/**
 * The least objective over every feasible allocation, and the allocation (seeker id → vacancy id) the round's tie
 * rule (ties.ts) picks among those that attain it to within 1e-9 points: the most households placed, then the least
 * sum of the pairs' draws.
 */
export function bruteForceOptimum(input: RoundInput): { objective: number; assignment: Map<string, string> } {
  const areas = new Map<string, Area>(input.areas.map((area) => [area.id, area]));
  const options = input.seekers.map((seeker) =>
    input.vacancies.flatMap((vacancy, v) => {
      const area = areas.get(vacancy.areaId)!;
      if (exclusions(seeker, vacancy, area, input.date).length > 0) return [];
      if (capOf(input, vacancy.municipalityCode) === 0) return [];
      return [{ v, cost: candidateCost(seeker, vacancy, area, input.date, input.weights).total }];
    }),
  );
  const taken = new Array<boolean>(input.vacancies.length).fill(false);
  const intake = new Map<string, number>();
  const choice = new Array<number>(input.seekers.length).fill(-1);
  let best = Infinity;
  let bestChoice: number[] = [];
  let bestPlaced = 0;
  let bestDraws = 0;
  const draw = (s: number, v: number) => tieHash(input.seekers[s]!.id, input.vacancies[v]!.id);

  const fairness = (): number => {
    if (input.commitments === null) return 0;
    let total = 0;
    for (const [code, n] of intake) {
      for (let k = 1; k <= n; k++) total += (input.weights.fairness * (2 * k - 1)) / capOf(input, code);
    }
    return total;
  };

  const visit = (s: number, costSoFar: number): void => {
    if (s === input.seekers.length) {
      const total = costSoFar + fairness();
      if (total > best + 1e-9) return;
      const placed = choice.filter((v) => v >= 0).length;
      const draws = choice.reduce((sum, v, seeker) => (v >= 0 ? sum + draw(seeker, v) : sum), 0);
      const wins = total < best - 1e-9 || placed > bestPlaced || (placed === bestPlaced && draws < bestDraws);
      if (wins) {
        best = Math.min(best, total);
        bestChoice = [...choice];
        bestPlaced = placed;
        bestDraws = draws;
      }
      return;
    }
    choice[s] = -1;
    visit(s + 1, costSoFar);
    for (const { v, cost } of options[s]!) {
      if (taken[v]) continue;
      const code = input.vacancies[v]!.municipalityCode;
      const n = intake.get(code) ?? 0;
      if (n + 1 > capOf(input, code)) continue;
      taken[v] = true;
      intake.set(code, n + 1);
      choice[s] = v;
      visit(s + 1, costSoFar + cost);
      choice[s] = -1;
      intake.set(code, n);
      taken[v] = false;
    }
  };
  visit(0, 0);

  const assignment = new Map<string, string>();
  bestChoice.forEach((v, s) => {
    if (v >= 0) assignment.set(input.seekers[s]!.id, input.vacancies[v]!.id);
  });
  return { objective: best, assignment };
}

/** How many households the municipality may receive: unlimited without commitments, 0 when it has none. */
function capOf(input: RoundInput, municipalityCode: string): number {
  if (input.commitments === null) return Infinity;
  return input.commitments
    .filter((commitment) => commitment.municipalityCode === municipalityCode)
    .reduce((total, commitment) => total + commitment.households, 0);
}
