// The network simplex (flow.ts) against brute force and HiGHS: the same optimum, the same dual bound and the same draw
// among ties on hundreds of random small rounds (twins included, for ties and degeneracy), on medium rounds, and (with
// NATIONAL=1) on the synthetic nation.
import { solveFlow } from '../src/flow';
import { allocationObjective, buildInstance, DEFAULT_WEIGHTS, type Instance, type RoundInput } from '../src/model';
import { solve } from '../src/solve';
import { syntheticNation } from '../src/synthetic';
import { TIE_TOLERANCE } from '../src/ties';
import { bruteForceOptimum } from './brute-force';
import { prng, randomRound } from './factories';

/**
 * Complementary slackness under the returned potentials: no unused candidate prices below −tolerance, no used one
 * above +tolerance. The optimum found holds it to 1e-9; the tie lottery may move within TIE_TOLERANCE of it.
 */
function dualProblems(instance: Instance, result: ReturnType<typeof solveFlow>, tolerance = TIE_TOLERANCE): string[] {
  const problems: string[] = [];
  const { candidates } = instance;
  const seekers = instance.seekers.length;
  const pi = result.potentials;
  for (let c = 0; c < candidates.count; c++) {
    const s = candidates.seeker[c]!;
    const v = candidates.vacancy[c]!;
    const pu = pi[2 + s]!;
    const pv = pi[2 + seekers + v]!;
    if (Number.isNaN(pu) || Number.isNaN(pv)) continue;
    const rc = candidates.cost[c]! + pu - pv;
    const used = result.vacancyOfSeeker[s] === v;
    if (!used && rc < -tolerance) problems.push(`candidate ${c} prices at ${rc}`);
    if (used && rc > tolerance) problems.push(`used candidate ${c} prices at ${rc}`);
  }
  return problems;
}

/** The two allocations give every seeker the same vacancy (or none). */
function sameAllocation(instance: Instance, a: Int32Array, b: Int32Array): boolean {
  return instance.seekers.every((_, s) => a[s] === b[s]);
}

describe('solveFlow', () => {
  test('equals the brute-force optimum and HiGHS (bound and draw) on 300 random small rounds', async () => {
    const failures: string[] = [];
    const random = prng(20261121);
    let placed = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomRound(seed, {
        seekers: 1 + Math.floor(random() * 6),
        vacancies: 1 + Math.floor(random() * 6),
        municipalities: 1 + Math.floor(random() * 3),
      });
      const instance = buildInstance(input);
      const brute = bruteForceOptimum(input);
      const flow = solveFlow(instance);
      const highs = await solve(instance, { method: 'highs' });
      const objective = allocationObjective(instance, flow.vacancyOfSeeker);
      const problems: string[] = [];
      if (Math.abs(objective - flow.objective) > 1e-9) problems.push(`reported ${flow.objective} vs ${objective}`);
      if (Math.abs(objective - brute.objective) >= 1e-6) problems.push(`objective ${objective}`);
      if (Math.abs(flow.bound - brute.objective) >= 1e-6) problems.push(`bound ${flow.bound}`);
      if (Math.abs(objective - highs.objective) >= 1e-6) problems.push(`HiGHS ${highs.objective}`);
      if (!sameAllocation(instance, flow.vacancyOfSeeker, highs.vacancyOfSeeker)) problems.push('HiGHS drew another');
      problems.push(...dualProblems(instance, flow));
      problems.push(...dualProblems(instance, solveFlow(instance, { breakTies: false }), 1e-7));
      if (problems.length > 0) failures.push(`seed ${seed} (optimum ${brute.objective}): ${problems.join(', ')}`);
      placed += flow.vacancyOfSeeker.filter((v) => v >= 0).length;
    }
    expect(failures).toEqual([]);
    expect(placed).toBeGreaterThan(200);
  });

  test('ties and degeneracy: 120 rounds of twin households and twin homes, against brute force', () => {
    const failures: string[] = [];
    let drawn = 0;
    const random = prng(42);
    for (let seed = 1001; seed <= 1120; seed++) {
      const base = randomRound(seed, {
        seekers: 1 + Math.floor(random() * 3),
        vacancies: 1 + Math.floor(random() * 3),
        municipalities: 1 + Math.floor(random() * 2),
      });
      const input: RoundInput = {
        ...base,
        seekers: base.seekers.flatMap((seeker) => [seeker, { ...seeker, id: `${seeker.id}-twin` }]),
        vacancies: base.vacancies.flatMap((vacancy) => [vacancy, { ...vacancy, id: `${vacancy.id}-twin` }]),
      };
      const brute = bruteForceOptimum(input);
      const flow = solveFlow(buildInstance(input));
      const undrawn = solveFlow(buildInstance(input), { breakTies: false });
      if (Math.abs(flow.objective - brute.objective) >= 1e-6 || Math.abs(undrawn.objective - brute.objective) >= 1e-6) {
        failures.push(`seed ${seed}: ${flow.objective} / ${undrawn.objective}, optimum ${brute.objective}`);
      }
      if (undrawn.tieIterations !== 0) failures.push(`seed ${seed}: drew without being asked`);
      drawn += flow.tieIterations > 0 ? 1 : 0;
    }
    expect(failures).toEqual([]);
    // The lottery had to move away from the first optimum found in many rounds.
    expect(drawn).toBeGreaterThan(20);
  });

  test('equals HiGHS on medium rounds (300 × 300)', async () => {
    const rounds = [
      randomRound(7, { seekers: 300, vacancies: 300, municipalities: 4, randomWeights: false }),
      randomRound(9, { seekers: 300, vacancies: 300, municipalities: 4 }),
      randomRound(10, { seekers: 300, vacancies: 300, municipalities: 4, commitments: 'generous' }),
    ];
    for (const input of rounds) {
      const instance = buildInstance(input);
      const flow = solveFlow(instance);
      const highs = await solve(instance, { method: 'highs' });
      expect(flow.objective).toBeCloseTo(highs.objective, 6);
      expect(flow.bound).toBeCloseTo(highs.lpBound, 6);
      expect(sameAllocation(instance, flow.vacancyOfSeeker, highs.vacancyOfSeeker)).toBe(true);
      expect(dualProblems(instance, flow)).toEqual([]);
    }
  });

  // The national measurement: NATIONAL=1 pnpm exec jest packages/allocation/test/flow
  (process.env.NATIONAL ? test : test.skip)(
    'the synthetic nation (5,000 × 5,000): time and objective against HiGHS',
    async () => {
      const nation = syntheticNation({ seed: 2026, vacancies: 5000, seekers: 5000 });
      const instance = buildInstance({
        date: nation.date,
        seekers: nation.seekers,
        vacancies: nation.vacancies,
        areas: nation.areas,
        commitments: nation.commitments,
        weights: DEFAULT_WEIGHTS,
      });
      const flow = solveFlow(instance);
      const highs = await solve(instance, { method: 'highs' });
      console.warn(
        `national: ${instance.candidates.count} candidates; network simplex ${flow.ms.toFixed(0)} ms, ` +
          `${flow.iterations} pivots, objective ${flow.objective}; HiGHS ${highs.solveMs.toFixed(0)} ms, ` +
          `objective ${highs.objective}`,
      );
      // The same draw among ties; over 4.7 million points the bounds differ only in round-off.
      expect(sameAllocation(instance, flow.vacancyOfSeeker, highs.vacancyOfSeeker)).toBe(true);
      expect(Math.abs(flow.bound - highs.lpBound)).toBeLessThan(1e-9 * Math.abs(highs.lpBound));
      expect(flow.bound).toBeLessThanOrEqual(flow.objective + 1e-9 * Math.abs(flow.objective));
      expect(flow.ms).toBeLessThan(10_000);
    },
    300_000,
  );
});
