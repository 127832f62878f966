// What a round says to a caseworker: a seeker without a lawful vacancy is told which rules close them, a seeker
// without a proposal is told why, proposals show each cost term and add up to the objective, the burden term steers
// households outside work away from burdened areas and households in work towards them, and the areas' projected
// shares are computed as documented.
import { candidateCost, DEFAULT_WEIGHTS } from '../src/model';
import { greedyRound, runRound } from '../src/round';
import { makeArea, makeInput, makeMember, makeSeeker, makeVacancy, ROUND_DATE } from './factories';

const burdened = makeArea({
  id: 'a-burdened',
  name: 'Vollsmose',
  status: 'PARALLEL_SOCIETY',
  residents: 2000,
  outsideWorkOrEducationPpm: 450_000,
});
const calm = makeArea({ id: 'a-calm', name: 'Hjallese', status: 'NONE', outsideWorkOrEducationPpm: 150_000 });
const twinHomes = [
  makeVacancy({ id: 'v-burdened', areaId: 'a-burdened', channel: 'PLATFORM' }),
  makeVacancy({ id: 'v-calm', areaId: 'a-calm', channel: 'PLATFORM' }),
];
const outsideWork = makeSeeker({ id: 's-outside', members: [makeMember({ outsideWorkOrEducation: true })] });
const inWork = makeSeeker({ id: 's-in-work', members: [makeMember({ outsideWorkOrEducation: false })] });

describe('a seeker with no lawful vacancy', () => {
  test('is told which rules close every vacancy, and how many each', async () => {
    const seeker = makeSeeker({
      id: 's-1',
      members: [
        makeMember({
          benefits: [{ benefit: 'KONTANTHJAELP', period: { startedOn: '2025-01-01', endedOn: null } }],
        }),
      ],
    });
    const vulnerable = makeArea({ id: 'a-v', name: 'Vollsmose', status: 'VULNERABLE_AREA' });
    const input = makeInput({
      areas: [vulnerable, calm],
      vacancies: [
        makeVacancy({ id: 'v-1', areaId: 'a-v', channel: 'MUNICIPAL_ALLOCATION' }),
        makeVacancy({ id: 'v-2', areaId: 'a-v', channel: 'MUNICIPAL_ALLOCATION' }),
        makeVacancy({ id: 'v-3', areaId: 'a-v', channel: 'MUNICIPAL_ALLOCATION' }),
        makeVacancy({ id: 'v-4', areaId: 'a-calm', rooms: 1 }),
      ],
      seekers: [seeker],
    });
    const result = await runRound(input);
    const [outcome] = result.seekers;
    expect(outcome!.proposal).toBeNull();
    expect(outcome!.explanation).toBe(
      "No lawful vacancy among the round's 4 vacancies: 3 are in areas where § 59 stk. 6 nr. 5 applies; " +
        '1 has fewer rooms than needed.',
    );
    expect(outcome!.excludedByRule).toEqual([
      { rule: '§ 59 stk. 6 nr. 5', vacancies: 3 },
      { rule: 'NEEDS_ROOMS', vacancies: 1 },
    ]);
    expect(outcome!.whyNot).toHaveLength(4);
    expect(outcome!.whyNot.map((w) => w.rule).sort()).toEqual([
      'NEEDS_ROOMS',
      '§ 59 stk. 6 nr. 5',
      '§ 59 stk. 6 nr. 5',
      '§ 59 stk. 6 nr. 5',
    ]);
    const law = outcome!.whyNot.find((w) => w.vacancyId === 'v-1')!;
    expect(law.areaName).toBe('Vollsmose');
    expect(law.reason).toBe(
      'Vollsmose: § 59 stk. 6 nr. 5 — an adult has received kontanthjælp for 6 consecutive months (since 2025-01-01)',
    );
    expect(result.ruleVersion).toBe('ABL-2021');
  });

  test('without consent, says so', async () => {
    const input = makeInput({
      areas: [calm],
      vacancies: [makeVacancy({ id: 'v-1', areaId: 'a-calm' }), makeVacancy({ id: 'v-2', areaId: 'a-calm' })],
      seekers: [makeSeeker({ consentValid: false })],
    });
    const [outcome] = (await runRound(input)).seekers;
    expect(outcome!.explanation).toBe(
      "No lawful vacancy among the round's 2 vacancies: 2 are closed because no consent or lawful basis for " +
        'relocation is in force.',
    );
  });

  test('in a municipality that has not committed, names the commitment', async () => {
    const input = makeInput({
      areas: [calm],
      vacancies: [makeVacancy({ id: 'v-1', areaId: 'a-calm', municipalityCode: '0101' })],
      seekers: [makeSeeker()],
      commitments: [{ municipalityCode: '0147', households: 5 }],
    });
    const [outcome] = (await runRound(input)).seekers;
    expect(outcome!.explanation).toBe(
      "No lawful vacancy among the round's 1 vacancy: 1 is in a municipality that has not committed to receive " +
        'households.',
    );
    expect(outcome!.whyNot[0]).toEqual({
      vacancyId: 'v-1',
      areaName: 'Hjallese',
      rule: 'COMMITMENT',
      reason: 'Hjallese: municipality 0101 has not committed to receive households in this round',
    });
  });
});

describe('a seeker with lawful vacancies but no proposal', () => {
  test('when another household gets the only one', async () => {
    const input = makeInput({
      areas: [calm],
      vacancies: [makeVacancy({ id: 'v-1', areaId: 'a-calm' })],
      seekers: [
        makeSeeker({ id: 's-long', waitingSince: '2022-01-01' }),
        makeSeeker({ id: 's-short', waitingSince: '2025-12-01' }),
      ],
    });
    const result = await runRound(input);
    expect(result.proposals.map((p) => p.seekerId)).toEqual(['s-long']);
    const left = result.seekers.find((outcome) => outcome.seekerId === 's-short')!;
    expect(left.explanation).toBe(
      "Lawful vacancies exist (1), but it is proposed to another household, which lowers the round's total more.",
    );
    expect(left.whyNot).toEqual([
      { vacancyId: 'v-1', areaName: 'Hjallese', rule: null, reason: 'proposed to another household' },
    ]);
  });

  test('when the municipality’s commitment is used up', async () => {
    const input = makeInput({
      areas: [calm],
      vacancies: [makeVacancy({ id: 'v-1', areaId: 'a-calm' }), makeVacancy({ id: 'v-2', areaId: 'a-calm' })],
      seekers: [
        makeSeeker({ id: 's-long', waitingSince: '2022-01-01' }),
        makeSeeker({ id: 's-short', waitingSince: '2025-12-01' }),
      ],
      commitments: [{ municipalityCode: '0101', households: 1 }],
    });
    const result = await runRound(input);
    expect(result.proposals.map((p) => p.seekerId)).toEqual(['s-long']);
    const left = result.seekers.find((outcome) => outcome.seekerId === 's-short')!;
    expect(left.explanation).toMatch(
      /^Lawful vacancies exist \(2\), but 1 is proposed to another household, which lowers the round's total more; 1 is in a municipality whose commitment is used up\.$/,
    );
    expect(left.whyNot.map((w) => w.reason)).toContain('municipality 0101 has used its commitment (1 household)');
  });

  test('when placing it would cost more points than it saves', async () => {
    const input = makeInput({
      areas: [burdened],
      vacancies: [makeVacancy({ id: 'v-1', areaId: 'a-burdened', channel: 'PLATFORM' })],
      seekers: [outsideWork],
      weights: { ...DEFAULT_WEIGHTS, placement: 100 },
    });
    const result = await runRound(input);
    expect(result.proposals).toEqual([]);
    expect(result.seekers[0]!.explanation).toMatch(
      /^Lawful vacancies exist \(1\), but it would add points to the round rather than save them \(at least \+\d+\.\d points\)\.$/,
    );
  });
});

describe('the burden term', () => {
  test('steers a household outside work away from the burdened area, and one in work towards it', async () => {
    const date = ROUND_DATE;
    const outsideInBurdened = candidateCost(outsideWork, twinHomes[0]!, burdened, date, DEFAULT_WEIGHTS);
    const outsideInCalm = candidateCost(outsideWork, twinHomes[1]!, calm, date, DEFAULT_WEIGHTS);
    const inWorkInBurdened = candidateCost(inWork, twinHomes[0]!, burdened, date, DEFAULT_WEIGHTS);
    const inWorkInCalm = candidateCost(inWork, twinHomes[1]!, calm, date, DEFAULT_WEIGHTS);
    // burden(Vollsmose) = 3 + (45 − 30) / 10 = 4.5; Hjallese carries none.
    expect(outsideInBurdened.parts.burden).toBeCloseTo(100 * 4.5 * (1 - 0.45), 9);
    expect(outsideInCalm.parts.burden).toBe(0);
    expect(inWorkInBurdened.parts.burden).toBeCloseTo(100 * 4.5 * (0 - 0.45), 9);
    expect(inWorkInBurdened.total).toBeLessThan(inWorkInCalm.total);
    expect(outsideInCalm.total).toBeLessThan(outsideInBurdened.total);

    const alone = await runRound(makeInput({ areas: [burdened, calm], vacancies: twinHomes, seekers: [outsideWork] }));
    expect(alone.proposals.map((p) => p.vacancyId)).toEqual(['v-calm']);
    const other = alone.seekers[0]!.whyNot.find((w) => w.vacancyId === 'v-burdened')!;
    expect(other).toEqual({
      vacancyId: 'v-burdened',
      areaName: 'Vollsmose',
      rule: null,
      reason: 'fits less well: +247.5 points',
    });

    const inWorkAlone = await runRound(makeInput({ areas: [burdened, calm], vacancies: twinHomes, seekers: [inWork] }));
    expect(inWorkAlone.proposals.map((p) => p.vacancyId)).toEqual(['v-burdened']);

    const both = await runRound(
      makeInput({ areas: [burdened, calm], vacancies: twinHomes, seekers: [inWork, outsideWork] }),
    );
    expect(both.proposals.map((p) => `${p.seekerId}→${p.vacancyId}`)).toEqual([
      's-in-work→v-burdened',
      's-outside→v-calm',
    ]);
  });
});

describe('proposals', () => {
  test('show every term, add up to the objective, and say why in plain sentences', async () => {
    const input = makeInput({
      areas: [burdened, calm],
      vacancies: twinHomes,
      seekers: [inWork, outsideWork],
      commitments: [{ municipalityCode: '0101', households: 4 }],
    });
    const result = await runRound(input);
    expect(result.gap).toBe(0);
    let sum = 0;
    for (const proposal of result.proposals) {
      const { placement, burden, fit, waiting, fairness } = proposal.parts;
      expect(proposal.cost).toBeCloseTo(placement + burden + fit + waiting + fairness, 9);
      // Two households against a commitment of 4: 2² / 4 = 1 point, half each.
      expect(fairness).toBeCloseTo(0.5, 12);
      sum += proposal.cost;
    }
    expect(sum).toBeCloseTo(result.objective, 9);
    const proposal = result.proposals.find((p) => p.seekerId === 's-in-work')!;
    expect(proposal.why).toEqual([
      "It is the best fit of the household's 2 lawful vacancies.",
      'Placing the household: -1000.0 points.',
      'Vollsmose is a parallel society, with 45.0 % of working-age residents outside work or education (burden ' +
        '4.5); the household has 0 of 1 member aged 18-64 outside work or education, so it lowers the share: ' +
        '-202.5 points.',
      'Fit: 3 rooms for a need of 2; rent DKK 6,000 a month of at most DKK 10,000: +22.0 points.',
      'Waiting since 2025-03-02 (1.0 years): -5.0 points.',
      "Municipality 0101 receives 2 households in this round against its commitment of 4; this household's share " +
        'of the fairness cost: +0.5 points.',
    ]);
    const outcome = result.seekers.find((o) => o.seekerId === 's-in-work')!;
    expect(outcome.explanation).toMatch(
      /^Proposed: vacancy v-burdened, 3 rooms in Vollsmose \(municipality 0101\), -1185\.\d points\. It is the best fit/,
    );
  });

  test('why-not lists closed vacancies first, then the best open ones, at most 50', async () => {
    const vacancies = [
      ...Array.from({ length: 60 }, (_, i) => makeVacancy({ id: `v-closed-${i}`, areaId: 'a-calm', rooms: 1 })),
      ...Array.from({ length: 30 }, (_, i) =>
        makeVacancy({
          id: `v-open-${String(i).padStart(2, '0')}`,
          areaId: 'a-calm',
          monthlyRentOre: 400_000 + i * 10_000,
        }),
      ),
    ];
    const result = await runRound(makeInput({ areas: [calm], vacancies, seekers: [makeSeeker()] }));
    const [outcome] = result.seekers;
    expect(outcome!.proposal!.vacancyId).toBe('v-open-00');
    expect(outcome!.whyNot).toHaveLength(50);
    expect(outcome!.whyNot.slice(0, 25).every((w) => w.rule === 'NEEDS_ROOMS')).toBe(true);
    expect(outcome!.whyNot.slice(25).map((w) => w.vacancyId)).toEqual(
      Array.from({ length: 25 }, (_, i) => `v-open-${String(i + 1).padStart(2, '0')}`),
    );
    expect(outcome!.whyNot[25]!.reason).toBe('fits less well: +0.2 points');
    expect(outcome!.excludedByRule).toEqual([{ rule: 'NEEDS_ROOMS', vacancies: 60 }]);
  });
});

describe('area projections', () => {
  test('share after = (outside before + in) / (working age before + in), working age = residents × 0.6', async () => {
    const area = makeArea({ id: 'a-1', residents: 1000, outsideWorkOrEducationPpm: 400_000 });
    const untouched = makeArea({ id: 'a-2', name: 'Quiet', residents: 500, outsideWorkOrEducationPpm: 100_000 });
    const unknown = makeArea({ id: 'a-3', name: 'Unknown', residents: null, outsideWorkOrEducationPpm: 300_000 });
    const input = makeInput({
      areas: [area, untouched, unknown],
      vacancies: [
        makeVacancy({ id: 'v-1', areaId: 'a-1' }),
        makeVacancy({ id: 'v-3', areaId: 'a-3', rooms: 6, monthlyRentOre: 990_000 }),
      ],
      seekers: [
        makeSeeker({ id: 's-1', members: [makeMember(), makeMember(), makeMember({ age: 7 })] }),
        makeSeeker({ id: 's-2', members: [makeMember({ outsideWorkOrEducation: true })] }),
      ],
    });
    const result = await runRound(input);
    expect(result.proposals).toHaveLength(2);
    const into = new Map(result.proposals.map((p) => [p.seekerId, p.vacancyId]));
    const byId = new Map(result.areas.map((projection) => [projection.areaId, projection]));
    const s1InA1 = into.get('s-1') === 'v-1';
    // 600 working-age residents, 240 of them outside work or education.
    expect(byId.get('a-1')).toEqual({
      areaId: 'a-1',
      householdsIn: 1,
      workingAgeIn: s1InA1 ? 2 : 1,
      outsideIn: s1InA1 ? 0 : 1,
      outsideSharePpmBefore: 400_000,
      outsideSharePpmAfter: s1InA1 ? Math.round((1e6 * 240) / 602) : Math.round((1e6 * 241) / 601),
    });
    expect(byId.get('a-2')).toEqual({
      areaId: 'a-2',
      householdsIn: 0,
      workingAgeIn: 0,
      outsideIn: 0,
      outsideSharePpmBefore: 100_000,
      outsideSharePpmAfter: 100_000,
    });
    expect(byId.get('a-3')!.outsideSharePpmAfter).toBeNull();
  });
});

describe('the greedy baseline explained', () => {
  test('has the same shape, with a bound that needs no solver', () => {
    const result = greedyRound(
      makeInput({ areas: [burdened, calm], vacancies: twinHomes, seekers: [outsideWork, inWork] }),
    );
    expect(result.proposals).toHaveLength(2);
    expect(result.lpBound).toBeLessThanOrEqual(result.objective);
    expect(result.stats).toMatchObject({ seekers: 2, vacancies: 2, candidates: 4, columns: 0, mipFallback: false });
    expect(result.seekers.every((outcome) => outcome.explanation.length > 0)).toBe(true);
  });
});
