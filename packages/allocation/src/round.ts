// A round, end to end and still pure: the input priced (model.ts), solved to optimality (solve.ts) or allocated
// greedily for comparison (greedy.ts), and explained (explain.ts). The caller gathers the input and stores the
// result; nothing here reads or writes anything else.
import { explainRound, type RoundResult } from './explain';
import { greedy } from './greedy';
import { buildInstance, type RoundInput } from './model';
import { solve, type SolveOptions } from './solve';

/** The round's optimal proposals, proven optimal against the LP bound, with their explanations. */
export async function runRound(input: RoundInput, options?: SolveOptions): Promise<RoundResult> {
  const instance = buildInstance(input);
  return explainRound(instance, await solve(instance, options));
}

/** The greedy baseline's proposals (see greedy.ts), explained the same way, for comparison. */
export function greedyRound(input: RoundInput): RoundResult {
  const instance = buildInstance(input);
  return explainRound(instance, greedy(instance), 'greedy');
}
