// The allocation model and its solvers: the cost terms by hand, optimality against brute force on hundreds of random
// small rounds (objective, LP bound and the tie rule's allocation), the network simplex against HiGHS (column
// generation against the full LP, the same draw among ties), the MIP path, determinism under any input order, commitments as hard caps, fairness in proportion to commitments, and the greedy baseline never ahead.
import {
  buildInstance,
  candidateCost,
  DEFAULT_WEIGHTS,
  fairnessCost,
  fairnessStep,
  type RoundInput,
} from '../src/model';
import { greedyRound, runRound } from '../src/round';
import { solve } from '../src/solve';
import { bruteForceOptimum } from './brute-force';
import {
  makeArea,
  makeInput,
  makeMember,
  makeSeeker,
  makeVacancy,
  prng,
  randomRound,
  ROUND_DATE,
  shuffled,
} from './factories';

/** Households proposed per receiving municipality. */
function intakeOf(input: RoundInput, proposals: { vacancyId: string }[]): Map<string, number> {
  const municipalityOf = new Map(input.vacancies.map((vacancy) => [vacancy.id, vacancy.municipalityCode]));
  const intake = new Map<string, number>();
  for (const { vacancyId } of proposals) {
    const code = municipalityOf.get(vacancyId)!;
    intake.set(code, (intake.get(code) ?? 0) + 1);
  }
  return intake;
}

/** The proposals pair exactly the households and homes of the assignment (seeker id → vacancy id). */
function sameAssignment(
  proposals: { seekerId: string; vacancyId: string }[],
  assignment: Map<string, string>,
): boolean {
  return (
    proposals.length === assignment.size &&
    proposals.every(({ seekerId, vacancyId }) => assignment.get(seekerId) === vacancyId)
  );
}

/** Every municipality's intake within its commitment (none without an entry); always true without commitments. */
function withinCommitments(input: RoundInput, proposals: { vacancyId: string }[]): boolean {
  if (input.commitments === null) return true;
  for (const [code, n] of intakeOf(input, proposals)) {
    const cap = input.commitments
      .filter((commitment) => commitment.municipalityCode === code)
      .reduce((total, commitment) => total + commitment.households, 0);
    if (n > cap) return false;
  }
  return true;
}

describe('the cost model', () => {
  test('each term as documented, by hand', () => {
    const area = makeArea({ status: 'PARALLEL_SOCIETY', outsideWorkOrEducationPpm: 450_000 });
    const vacancy = makeVacancy({ rooms: 4, monthlyRentOre: 600_000, municipalityCode: '0101' });
    const seeker = makeSeeker({
      members: [makeMember({ age: 40, outsideWorkOrEducation: true }), makeMember({ age: 38 }), makeMember({ age: 9 })],
      needs: { minRooms: 2, stepFreeAccess: false, maxMonthlyRentOre: 1_000_000, acceptableMunicipalityCodes: [] },
      waitingSince: '2025-03-02',
      preferredMunicipalityCodes: ['0147'],
      anchorMunicipalityCodes: ['0101'],
    });
    const cost = candidateCost(seeker, vacancy, area, ROUND_DATE, DEFAULT_WEIGHTS);
    // burden(area) = 3 + (45 − 30) / 10 = 4.5; the household adds 1 − 0.45 × 2 = 0.1 beyond the area's share.
    expect(cost.areaBurden).toBeCloseTo(4.5, 12);
    expect(cost.parts.burden).toBeCloseTo(100 * 4.5 * 0.1, 9);
    // 2 rooms beyond need, rent 0.6 of the most it can pay (× 2), not preferred (+1), near school or work (+0).
    expect(cost.parts.fit).toBeCloseTo(10 * (2 + 1.2 + 1), 9);
    expect(cost.parts.waiting).toBeCloseTo((-5 * 365) / 365.25, 9);
    expect(cost.parts.placement).toBe(-1000);
    expect(cost.parts.fairness).toBe(0);
    expect(cost.total).toBeCloseTo(-1000 + 45 + 42 - (5 * 365) / 365.25, 9);
  });

  test('unknown share: the status weight only, and no share to compare with', () => {
    const area = makeArea({ status: 'VULNERABLE_AREA', outsideWorkOrEducationPpm: null });
    const seeker = makeSeeker({ members: [makeMember({ outsideWorkOrEducation: true })] });
    const cost = candidateCost(seeker, makeVacancy(), area, ROUND_DATE, DEFAULT_WEIGHTS);
    expect(cost.areaBurden).toBe(2);
    expect(cost.parts.burden).toBe(100 * 2 * 1);
  });

  test('a household in work lowers a burdened area’s share: the burden term is negative', () => {
    const area = makeArea({ status: 'TRANSFORMATION_AREA', outsideWorkOrEducationPpm: 500_000 });
    const seeker = makeSeeker({ members: [makeMember(), makeMember()] });
    const cost = candidateCost(seeker, makeVacancy(), area, ROUND_DATE, DEFAULT_WEIGHTS);
    expect(cost.parts.burden).toBeCloseTo(100 * (4 + 2) * (0 - 0.5 * 2), 9);
  });

  test('fairness: the k-th household costs (2k − 1) / C, n households n² / C', () => {
    const weights = { ...DEFAULT_WEIGHTS, fairness: 3 };
    let sum = 0;
    for (let k = 1; k <= 7; k++) sum += fairnessStep(k, 4, weights);
    expect(sum).toBeCloseTo(fairnessCost(7, 4, weights), 12);
    expect(fairnessCost(7, 4, weights)).toBeCloseTo((3 * 49) / 4, 12);
  });

  test('rejects duplicate ids, unknown areas and commitments that are not whole households', () => {
    const area = makeArea();
    const base = makeInput({ areas: [area], vacancies: [makeVacancy()], seekers: [makeSeeker()] });
    expect(() => buildInstance({ ...base, seekers: [makeSeeker(), makeSeeker()] })).toThrow(/given twice/);
    expect(() => buildInstance({ ...base, areas: [] })).toThrow(/not given/);
    expect(() => buildInstance({ ...base, commitments: [{ municipalityCode: '0101', households: 1.5 }] })).toThrow(
      /whole number/,
    );
  });
});

describe('optimality', () => {
  test('runRound equals the brute-force optimum, and so does its LP bound, on 250 random small rounds', async () => {
    const failures: string[] = [];
    let placed = 0;
    let withCommitments = 0;
    let capsBinding = 0;
    let unplacedWithOptions = 0;
    const random = prng(20260302);
    for (let seed = 1; seed <= 250; seed++) {
      const input = randomRound(seed, {
        seekers: 1 + Math.floor(random() * 6),
        vacancies: 1 + Math.floor(random() * 6),
        municipalities: 1 + Math.floor(random() * 3),
      });
      const brute = bruteForceOptimum(input);
      const result = await runRound(input);
      const greedy = greedyRound(input);
      const problems: string[] = [];
      if (Math.abs(result.objective - brute.objective) >= 5e-7) problems.push(`objective ${result.objective}`);
      if (Math.abs(result.lpBound - brute.objective) >= 5e-7) problems.push(`lpBound ${result.lpBound}`);
      if (result.stats.mipFallback) problems.push('MIP fallback');
      if (!sameAssignment(result.proposals, brute.assignment)) problems.push('not the tie rule’s allocation');
      const proposalSum = result.proposals.reduce((total, proposal) => total + proposal.cost, 0);
      if (Math.abs(proposalSum - result.objective) >= 1e-6) problems.push(`proposals add up to ${proposalSum}`);
      if (!withinCommitments(input, result.proposals)) problems.push('a commitment exceeded');
      if (greedy.objective < result.objective - 1e-9) problems.push(`greedy ${greedy.objective} is better`);
      if (greedy.lpBound > brute.objective + 1e-9) problems.push(`greedy bound ${greedy.lpBound} above the optimum`);
      if (problems.length > 0) failures.push(`seed ${seed} (optimum ${brute.objective}): ${problems.join(', ')}`);

      placed += result.proposals.length;
      if (input.commitments !== null) withCommitments += 1;
      if (input.commitments !== null) {
        const intake = intakeOf(input, result.proposals);
        if (input.commitments.some(({ municipalityCode, households }) => intake.get(municipalityCode) === households)) {
          capsBinding += 1;
        }
      }
      if (result.seekers.some((outcome) => outcome.proposal === null && outcome.whyNot.some((w) => w.rule === null))) {
        unplacedWithOptions += 1;
      }
    }
    expect(failures).toEqual([]);
    // The random rounds exercise what they should: placements, commitments that bind, households left out.
    expect(placed).toBeGreaterThan(200);
    expect(withCommitments).toBeGreaterThan(100);
    expect(capsBinding).toBeGreaterThan(30);
    expect(unplacedWithOptions).toBeGreaterThan(20);
  });

  test('ties and degeneracy: 120 random small rounds of twin households and twin homes, against brute force', async () => {
    const failures: string[] = [];
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
      const result = await runRound(input);
      const reordered = await runRound(shuffled(input, seed));
      if (Math.abs(result.objective - brute.objective) >= 5e-7 || Math.abs(result.lpBound - brute.objective) >= 5e-7) {
        failures.push(`seed ${seed}: ${result.objective} / ${result.lpBound}, optimum ${brute.objective}`);
      }
      if (JSON.stringify(reordered.proposals) !== JSON.stringify(result.proposals))
        failures.push(`seed ${seed}: order`);
      if (!sameAssignment(result.proposals, brute.assignment)) failures.push(`seed ${seed}: not the tie rule’s`);
      const highs = await solve(buildInstance(input), { method: 'highs' });
      if (!sameAssignment(result.proposals, highs.assignment)) failures.push(`seed ${seed}: HiGHS drew another`);
    }
    expect(failures).toEqual([]);
  });

  test('HiGHS: column generation reaches the optimum of the LP over every candidate at once, and the network simplex draws the same allocation (300 × 300)', async () => {
    const rounds = [
      randomRound(7, { seekers: 300, vacancies: 300, municipalities: 4, randomWeights: false }),
      randomRound(9, { seekers: 300, vacancies: 300, municipalities: 4 }),
      randomRound(10, { seekers: 300, vacancies: 300, municipalities: 4, commitments: 'generous' }),
    ];
    for (const input of rounds) {
      const instance = buildInstance(input);
      const generated = await solve(instance, { method: 'highs' });
      const tiny = await solve(instance, { method: 'highs', initialColumnsPerSeeker: 1, maxColumnsPerRound: 200 });
      const full = await solve(instance, { method: 'highs', initialColumnsPerSeeker: Infinity });
      const flow = await solve(instance);
      expect(flow.method).toBe('network-simplex');
      expect(flow.objective).toBeCloseTo(full.objective, 6);
      expect(flow.lpBound).toBeCloseTo(full.lpBound, 6);
      expect(flow.assignment).toEqual(full.assignment);
      expect(full.pricingRounds).toBe(1);
      expect(full.columns).toBe(instance.candidates.count);
      expect(generated.columns).toBeLessThan(instance.candidates.count);
      expect(tiny.pricingRounds).toBeGreaterThan(5);
      for (const result of [generated, tiny]) {
        expect(result.objective).toBeCloseTo(full.objective, 6);
        expect(result.lpBound).toBeCloseTo(full.lpBound, 6);
        expect(result.mipFallback).toBe(false);
        // Ties are drawn by the same lottery, whatever columns the first LP had.
        expect(result.assignment).toEqual(full.assignment);
      }
      expect(full.objective).toBeCloseTo(full.lpBound, 6);
      expect(full.assignment.size).toBeGreaterThan(100);
    }
  });

  test('the MIP path gives the same optimum', async () => {
    const input = randomRound(11, { seekers: 60, vacancies: 50, municipalities: 3 });
    const instance = buildInstance(input);
    const lp = await solve(instance, { method: 'highs' });
    const mip = await solve(instance, { method: 'highs', forceMip: true });
    await expect(solve(instance, { forceMip: true })).rejects.toThrow(/highs/);
    expect(mip.mipFallback).toBe(true);
    expect(mip.objective).toBeCloseTo(lp.objective, 6);
    expect(mip.lpBound).toBeCloseTo(lp.lpBound, 6);
  });

  test('a round with nothing to propose', async () => {
    const result = await runRound(makeInput({ seekers: [makeSeeker()] }));
    expect(result.proposals).toEqual([]);
    expect(result.objective).toBe(0);
    expect(result.lpBound).toBe(0);
    expect(result.seekers[0]!.explanation).toBe('No vacancy in this round.');
  });
});

describe('determinism', () => {
  test('the same input, in any order, gives the same proposals and explanations', async () => {
    const input = randomRound(3, { seekers: 120, vacancies: 100, municipalities: 3 });
    const first = await runRound(input);
    const again = await runRound(input);
    const reordered = await runRound(shuffled(input, 99));
    expect(first.proposals.length).toBeGreaterThan(20);
    expect(again.proposals).toEqual(first.proposals);
    expect(reordered.proposals).toEqual(first.proposals);
    expect(reordered.seekers).toEqual(first.seekers);
    expect(reordered.areas).toEqual(first.areas);
    expect(reordered.objective).toBe(first.objective);
  });

  test('identical homes: the tie is drawn by the ids, not by their order in the input', async () => {
    const area = makeArea();
    const vacancies = ['v-a', 'v-b', 'v-c'].map((id) => makeVacancy({ id }));
    const seekers = [makeSeeker({ id: 's-1' })];
    const result = await runRound(makeInput({ areas: [area], vacancies, seekers }));
    const reversed = await runRound(makeInput({ areas: [area], vacancies: [...vacancies].reverse(), seekers }));
    expect(result.proposals).toHaveLength(1);
    expect(reversed.proposals).toEqual(result.proposals);
  });
});

describe('commitments', () => {
  test('never exceeded, and a municipality without an entry receives no one', async () => {
    for (const seed of [21, 22, 23, 24]) {
      const input = randomRound(seed, { seekers: 80, vacancies: 80, municipalities: 3, commitments: 'none' });
      const codes = [...new Set(input.vacancies.map((vacancy) => vacancy.municipalityCode))].sort();
      const commitments = codes.slice(1).map((code, i) => ({ municipalityCode: code, households: 3 + 4 * i }));
      const result = await runRound({ ...input, commitments });
      const intake = intakeOf(input, result.proposals);
      expect(intake.get(codes[0]!) ?? 0).toBe(0);
      for (const { municipalityCode, households } of commitments) {
        expect(intake.get(municipalityCode) ?? 0).toBeLessThanOrEqual(households);
      }
      const closed = result.seekers.flatMap((outcome) => outcome.whyNot.filter((w) => w.rule === 'COMMITMENT'));
      expect(closed.length).toBeGreaterThan(0);
    }
  });

  test('intake spreads in proportion to commitments', async () => {
    const areas = [
      makeArea({ id: 'a-1', municipalityCode: '0101' }),
      makeArea({ id: 'a-2', name: 'Area 2', municipalityCode: '0147' }),
    ];
    const vacancies = [0, 1, 2, 3].flatMap((i) => [
      makeVacancy({ id: `v-1-${i}`, areaId: 'a-1', municipalityCode: '0101' }),
      makeVacancy({ id: `v-2-${i}`, areaId: 'a-2', municipalityCode: '0147' }),
    ]);
    const seekers = [1, 2, 3, 4].map((i) => makeSeeker({ id: `s-${i}` }));
    const commitments = [
      { municipalityCode: '0101', households: 2 },
      { municipalityCode: '0147', households: 6 },
    ];
    const input = makeInput({ areas, vacancies, seekers, commitments });
    const result = await runRound(input);
    // n₁² / 2 + n₂² / 6 with n₁ + n₂ = 4 is least at (1, 3): the commitments' proportion.
    expect(Object.fromEntries(intakeOf(input, result.proposals))).toEqual({ '0101': 1, '0147': 3 });
    expect(result.objective).toBeCloseTo(
      result.proposals.reduce((total, p) => total + p.cost - p.parts.fairness, 0) + 1 / 2 + 9 / 6,
      9,
    );
  });

  test('without commitments there are no caps and no fairness cost', async () => {
    const input = randomRound(5, { seekers: 40, vacancies: 40, municipalities: 2, commitments: 'none' });
    const result = await runRound(input);
    expect(result.proposals.every((proposal) => proposal.parts.fairness === 0)).toBe(true);
    expect(result.objective).toBeCloseTo(sumOfCosts(result.proposals), 9);
  });
});

describe('the greedy baseline', () => {
  test('never better than the round, on medium rounds too', async () => {
    for (const seed of [31, 32, 33]) {
      const input = randomRound(seed, { seekers: 200, vacancies: 150, municipalities: 4 });
      const optimal = await runRound(input);
      const greedy = greedyRound(input);
      expect(greedy.objective).toBeGreaterThanOrEqual(optimal.objective - 1e-9);
      expect(greedy.lpBound).toBeLessThanOrEqual(optimal.lpBound + 1e-9);
      expect(withinCommitments(input, greedy.proposals)).toBe(true);
    }
  });

  test('takes the oldest waiter’s favourite even when that leaves another household without a home', async () => {
    const needs = { minRooms: 2, stepFreeAccess: false, acceptableMunicipalityCodes: [] };
    const input = makeInput({
      areas: [makeArea()],
      vacancies: [
        makeVacancy({ id: 'v-small', rooms: 2, monthlyRentOre: 500_000 }),
        makeVacancy({ id: 'v-large', rooms: 3, monthlyRentOre: 1_200_000 }),
      ],
      seekers: [
        // Fits both, and the small one better (no room beyond need, lower rent).
        makeSeeker({ id: 's-early', waitingSince: '2023-01-01', needs: { ...needs, maxMonthlyRentOre: 1_500_000 } }),
        // Cannot pay the large one's rent.
        makeSeeker({ id: 's-late', waitingSince: '2025-12-01', needs: { ...needs, maxMonthlyRentOre: 1_000_000 } }),
      ],
    });
    const optimal = await runRound(input);
    const greedy = greedyRound(input);
    expect(greedy.proposals.map((p) => `${p.seekerId}→${p.vacancyId}`)).toEqual(['s-early→v-small']);
    expect(optimal.proposals.map((p) => `${p.seekerId}→${p.vacancyId}`)).toEqual(['s-early→v-large', 's-late→v-small']);
    expect(greedy.objective).toBeGreaterThan(optimal.objective + 500);
    const stranded = greedy.seekers.find((outcome) => outcome.seekerId === 's-late')!;
    expect(stranded.proposal).toBeNull();
    expect(stranded.explanation).toMatch(
      /^Lawful vacancies exist \(1\), but it is proposed to another household, which came first in the greedy order\.$/,
    );
  });
});

function sumOfCosts(proposals: { cost: number }[]): number {
  return proposals.reduce((total, proposal) => total + proposal.cost, 0);
}
